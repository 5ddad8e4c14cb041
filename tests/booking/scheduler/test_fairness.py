"""Fairness first (booking/scheduler/fairness.py): fewer interviews always come first.

The property proved (and stated in docs/scheduler.md, "Fairness first"): in the schedule that
`solve(with_fairness(instance))` returns, let student A have k meetings and student B at most
k - 2. Then there is no meeting of A that is not fixed, and no unserved wish of B, such that
taking that meeting out and putting B's wish in some slot (at a free table) gives a schedule
that keeps every hard rule (`violations() == []`). In words: no student gets a k-th interview
while another student, who could have had it, has fewer than k - 1.
"""

from collections import Counter
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from booking.scheduler import (
    Company,
    Instance,
    Meeting,
    Student,
    Wish,
    solve,
    violations,
)
from booking.scheduler.fairness import fairness_bonus, with_fairness
from tests.booking.scheduler.strategies import fairs, slots_of, with_regressions


def unfair_moves(instance: Instance, meetings: tuple[Meeting, ...]) -> list[tuple]:
    """Every move of one meeting from a student with k meetings to an unserved wish of a
    student with at most k - 2 that keeps every hard rule (the property says: none)."""
    count = Counter(m.student for m in meetings)
    fixed = {(f.student, f.company) for f in instance.fixed}
    served = {(m.student, m.company) for m in meetings}
    tables = {c.id: c.tables for c in instance.companies}
    found = []
    for taken in meetings:
        if (taken.student, taken.company) in fixed:
            continue
        k = count[taken.student]
        rest = tuple(m for m in meetings if m != taken)
        for wish in instance.wishes:
            if count[wish.student] > k - 2 or (wish.student, wish.company) in served:
                continue
            for slot in instance.slots:
                used = {m.table for m in rest if (m.company, m.slot) == (wish.company, slot.id)}
                free = [n for n in range(1, tables[wish.company] + 1) if n not in used]
                if not free:
                    continue
                moved = (*rest, Meeting(wish.student, wish.company, slot.id, free[0]))
                if violations(instance, _result(instance, moved)) == []:
                    found.append((taken, wish, slot.id))
    return found


def _result(instance, meetings):
    from booking.scheduler import Result, score_of

    score = score_of(instance, meetings)
    return Result(tuple(meetings), score, score)


def a_third_against_a_first() -> Instance:
    """Ali wishes three companies, one of them strongly (15); Bo only that one, weakly (4).
    That company has one table in the first slot only: Ali's third or Bo's first."""
    slots = slots_of(3)
    first = frozenset({"t0"})
    return Instance(
        slots=slots,
        companies=(Company("c1"), Company("c2"), Company("c3", 1, first)),
        students=(Student("s_ali", 3), Student("s_bo", 3)),
        wishes=(
            Wish("s_ali", "c1", 8),
            Wish("s_ali", "c2", 6),
            Wish("s_ali", "c3", 15),
            Wish("s_bo", "c3", 4),
        ),
        coverage_bonus=(10, 4),
    )


def test_old_default_bonus_gives_a_third_interview_before_a_first():
    instance = a_third_against_a_first()
    result = solve(instance)
    assert Counter(m.student for m in result.meetings) == {"s_ali": 3}
    assert len(unfair_moves(instance, result.meetings)) == 1


def test_fairness_gives_the_first_interview_before_a_third():
    instance = with_fairness(a_third_against_a_first())
    result = solve(instance)
    assert sorted((m.student, m.company) for m in result.meetings) == [
        ("s_ali", "c1"),
        ("s_ali", "c2"),
        ("s_bo", "c3"),
    ]
    assert unfair_moves(instance, result.meetings) == []


def test_fairness_bonus_steps_exceed_the_largest_weight_and_keep_the_base():
    assert fairness_bonus(max_weight=15, levels=3, base=(10, 4)) == (58.0, 36.0, 16.0)
    assert fairness_bonus(max_weight=2, levels=1, base=(5, 4, 1)) == (8.0, 4.0, 1.0)
    assert fairness_bonus(max_weight=0.5, levels=2) == (3.0, 1.5)


def test_with_fairness_counts_levels_by_wishes_slots_and_caps():
    base = a_third_against_a_first()
    # Ali can have 3 (three wishes, three slots, cap 3): three steps of 16.
    assert with_fairness(base).coverage_bonus == (10 + 48, 4 + 32, 16)
    capped = replace(base, students=(Student("s_ali", 1), Student("s_bo", 1)))
    assert with_fairness(capped).coverage_bonus == (26, 4)
    empty = replace(base, wishes=())
    assert with_fairness(empty) == empty


@st.composite
def crowded(draw: st.DrawFn) -> Instance:
    """More wishes than seats: few companies with one table, students of unequal appetite."""
    slots = slots_of(draw(st.integers(2, 4)))
    ids = [s.id for s in slots]
    some = st.none() | st.frozensets(st.sampled_from(ids), min_size=1)
    companies = tuple(Company(f"c{i}", 1, draw(some)) for i in range(draw(st.integers(1, 3))))
    students = tuple(Student(f"s{i}", 3, draw(some)) for i in range(draw(st.integers(2, 5))))
    wishes = tuple(
        Wish(s.id, c.id, draw(st.integers(1, 15)))
        for s in students
        for c in companies
        if draw(st.booleans())
    )
    bonus = tuple(sorted(draw(st.lists(st.integers(0, 10), max_size=3)), reverse=True))
    return Instance(slots, companies, students, wishes, (), bonus)


@given(crowded() | fairs(max_slots=3, max_companies=3, max_students=5))
@with_regressions
def test_property_no_kth_interview_while_a_feasible_wish_has_fewer_than_k_minus_1(instance):
    fair = with_fairness(instance)
    result = solve(fair)
    assert violations(fair, result) == []
    assert unfair_moves(fair, result.meetings) == []
