"""The scheduler's one entry point: `solve(instance) -> Result`."""

from __future__ import annotations

import time

import numpy as np

from booking.scheduler.checks import check_instance, score_of
from booking.scheduler.model import Indexed, index_instance
from booking.scheduler.types import (
    COMPANY_FULL,
    NO_COMMON_SLOT,
    NO_FREE_SLOT,
    NOT_CHOSEN,
    STUDENT_FULL,
    Instance,
    Meeting,
    Result,
    Unplaced,
)

# Scores closer to the bound than this (relative) count as proven optimal: HiGHS works
# with tolerances of about 1e-7 and weights are small numbers.
OPTIMAL_TOLERANCE = 1e-9


def solve(
    instance: Instance,
    *,
    time_limit: float | None = None,
    seed: int = 0,
    rel_gap: float = 1e-4,
) -> Result:
    """Schedule the interviews: every hard rule kept, fixed meetings kept, a proven bound.

    `time_limit` (seconds) caps the MIP stages; the LP always runs to its optimum, since
    the bound comes from it. See docs/scheduler.md for the method.
    """
    started = time.perf_counter()
    check_instance(instance)
    ix = index_instance(instance)
    if len(ix.weight) == 0 or ix.n_slots == 0:
        chosen, bound, stats = np.zeros((0, 2), dtype=np.int64), 0.0, {"method": "empty"}
    else:
        chosen, bound, stats = _choose(ix, started, time_limit, seed, rel_gap)
    meetings = _meetings(ix, chosen)
    score = score_of(instance, meetings)
    if bound <= score + OPTIMAL_TOLERANCE * max(1.0, abs(score)):
        bound = score
    stats["seconds"] = round(time.perf_counter() - started, 3)
    stats["meetings"] = len(meetings)
    return Result(meetings, score, bound, _unplaced(ix, chosen), stats)


def _choose(
    ix: Indexed, started: float, time_limit: float | None, seed: int, rel_gap: float
) -> tuple[np.ndarray, float, dict]:
    from booking.scheduler.slot_model import repair, solve_slot_model

    def left() -> float | None:
        return None if time_limit is None else time_limit - (time.perf_counter() - started)

    def gap_left(chosen: np.ndarray, bound: float, gap: float = rel_gap) -> bool:
        remaining = left()
        return bound - ix.value(chosen[:, 0]) > gap * abs(bound) and (
            remaining is None or remaining > 0
        )

    options = {"seed": seed, "rel_gap": rel_gap}
    solved = solve_slot_model(ix, aggregate=True, time_limit=time_limit, **options)
    bound, stats = ix.tighten(solved.bound, solved.stats["variables"]), solved.stats
    chosen = _fill(ix, solved.chosen)
    if len(solved.dropped) and gap_left(chosen, bound, OPTIMAL_TOLERANCE):
        # Fixed meetings kept some chosen meetings out of their class's slots and refilling
        # did not make up for them: re-solve their neighbourhood slot by slot (cheap).
        chosen = _fill(ix, repair(ix, chosen, solved.dropped, time_limit=left(), **options))
        stats["method"] += " + repair around pinned meetings"
    if len(solved.dropped) and gap_left(chosen, bound):
        # Still a gap: solve again with one variable per slot (no placing needed).
        again = solve_slot_model(ix, aggregate=False, time_limit=left(), **options)
        more = _fill(ix, again.chosen)
        bound = min(bound, ix.tighten(again.bound, again.stats["variables"]))
        # Not seen to win in 40,000 random small instances, but possible in principle.
        if ix.value(more[:, 0]) > ix.value(chosen[:, 0]):  # pragma: no cover
            chosen, stats = more, {**again.stats, "first_try": stats}
        stats["fallback"] = "one variable per slot"
    return chosen, bound, stats


def _state(ix: Indexed, chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n_slots = ix.n_slots
    student_busy = np.zeros((len(ix.student_ids), n_slots), dtype=bool)
    company_used = np.zeros((len(ix.company_ids), n_slots), dtype=np.int64)
    count = np.zeros(len(ix.student_ids), dtype=np.int64)
    wish, slot = chosen[:, 0], chosen[:, 1]
    student_busy[ix.wish_student[wish], slot] = True
    np.add.at(company_used, (ix.wish_company[wish], slot), 1)
    np.add.at(count, ix.wish_student[wish], 1)
    return student_busy, company_used, count


def _fill(ix: Indexed, chosen: np.ndarray) -> np.ndarray:
    """Add any unserved wish that still fits (a MIP stopped early may leave some)."""
    student_busy, company_used, count = _state(ix, chosen)
    served = np.zeros(len(ix.weight), dtype=bool)
    served[chosen[:, 0]] = True
    common = ix.common()
    added = []
    # Heaviest wish first; the stable sort keeps the (student, company) order on ties.
    for p in np.argsort(-ix.weight, kind="stable"):
        if served[p]:
            continue
        s, c = ix.wish_student[p], ix.wish_company[p]
        if count[s] >= ix.max_interviews[s]:
            continue
        free = common[p] & ~student_busy[s] & (company_used[c] < ix.tables[c])
        if free.any():
            t = int(np.argmax(free))
            student_busy[s, t] = True
            company_used[c, t] += 1
            count[s] += 1
            added.append((p, t))
    if not added:
        return chosen
    return np.concatenate([chosen, np.array(added, dtype=chosen.dtype).reshape(-1, 2)])


def _meetings(ix: Indexed, chosen: np.ndarray) -> tuple[Meeting, ...]:
    """Number the tables per company and slot: fixed meetings first, then by student id."""
    order = sorted(
        (
            int(ix.wish_company[p]),
            int(t),
            ix.fixed_slot[p] != t,
            int(ix.wish_student[p]),
        )
        for p, t in chosen.tolist()
    )
    meetings = []
    table, last = 0, (-1, -1)
    for c, t, _, s in order:
        table = table + 1 if (c, t) == last else 1
        last = (c, t)
        meetings.append(Meeting(ix.student_ids[s], ix.company_ids[c], ix.slot_ids[t], table))
    return tuple(sorted(meetings, key=lambda m: (m.student, m.slot, m.company)))


def _unplaced(ix: Indexed, chosen: np.ndarray) -> tuple[Unplaced, ...]:
    student_busy, company_used, count = _state(ix, chosen)
    served = np.zeros(len(ix.weight), dtype=bool)
    served[chosen[:, 0]] = True
    common = ix.common()
    unplaced = []
    for p in np.flatnonzero(~served).tolist():
        s, c = ix.wish_student[p], ix.wish_company[p]
        if not common[p].any():
            reason = NO_COMMON_SLOT
        elif count[s] >= ix.max_interviews[s]:
            reason = STUDENT_FULL
        elif (company_used[c][common[p]] >= ix.tables[c]).all():
            reason = COMPANY_FULL
        elif not (common[p] & ~student_busy[s] & (company_used[c] < ix.tables[c])).any():
            reason = NO_FREE_SLOT
        else:  # pragma: no cover - _fill() adds every wish that still fits
            reason = NOT_CHOSEN
        unplaced.append(Unplaced(ix.student_ids[s], ix.company_ids[c], reason))
    return tuple(unplaced)
