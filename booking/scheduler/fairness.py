"""Fairness first: a coverage bonus under which fewer interviews always come first.

The core maximises `Σ weight + Σ coverage_bonus[0..n-1]` per student (docs/scheduler.md).
When each step of the bonus, `coverage_bonus[i] - coverage_bonus[i + 1]`, is larger than the
largest weight, moving one meeting from a student with k meetings to a student with at most
k - 2 always raises the score. So in an optimal schedule no such move is possible:

    Let student A have k meetings and student B at most k - 2. Then there is no meeting of
    A that is not fixed, and no wish of B that is not served, such that the schedule with
    that meeting of A taken out and that wish of B put in some slot keeps every hard rule.

That is the property `tests/booking/scheduler/test_fairness.py` checks.
"""

from __future__ import annotations

from dataclasses import replace

from booking.scheduler.types import Instance


def fairness_bonus(
    *, max_weight: float, levels: int, base: tuple[float, ...] = ()
) -> tuple[float, ...]:
    """`base` raised by `(levels - i) * (max_weight + 1)` at position i (for i < levels).

    `levels` is the most meetings any student may have; `base` stays non-increasing, so the
    result is a valid `coverage_bonus`, and each of its first `levels` steps exceeds
    `max_weight`.
    """
    step = max_weight + 1
    size = max(levels, len(base))
    padded = tuple(base) + (0.0,) * (size - len(base))
    return tuple(
        float(padded[i]) + (levels - i) * step if i < levels else float(padded[i])
        for i in range(size)
    )


def with_fairness(instance: Instance) -> Instance:
    """The instance with its coverage bonus raised so that fewer interviews come first."""
    if not instance.wishes or not instance.students:
        return instance
    wished = {w.student for w in instance.wishes}
    per_student = {s.id: s.max_interviews for s in instance.students if s.id in wished}
    wishes_of: dict[str, int] = {}
    for w in instance.wishes:
        wishes_of[w.student] = wishes_of.get(w.student, 0) + 1
    # No student can meet more companies than it wished, nor more than there are slots.
    levels = max(min(cap, wishes_of[s], len(instance.slots)) for s, cap in per_student.items())
    bonus = fairness_bonus(
        max_weight=max(w.weight for w in instance.wishes),
        levels=levels,
        base=instance.coverage_bonus,
    )
    return replace(instance, coverage_bonus=bonus)
