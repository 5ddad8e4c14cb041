"""The student-company-slot model: an LP over slot classes, a MIP where it is fractional.

Columns x[wish, class] for every class of interchangeable slots in which both sides are
free; rows: student-class <= class size, company-class <= tables x class size, wish <= 1,
and a balance row per student (max_interviews and the coverage bonus). With a single class
(no availability limits) the matrix is a network matrix and the LP optimum is integral.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from booking.scheduler.colouring import place
from booking.scheduler.lp import coverage_columns, new_highs, pass_model
from booking.scheduler.model import Indexed

if TYPE_CHECKING:
    from highspy import Highs

INTEGRAL = 1e-6
# Above this many columns a whole MIP costs too much time and memory to try.
FULL_MIP_COLUMNS = 200_000


@dataclass(frozen=True)
class Classes:
    """Slots grouped by who is available in them; classes ordered by their first slot."""

    of_slot: np.ndarray  # class index per slot
    members: list[list[int]]  # slots per class, in time order

    @classmethod
    def of(cls, ix: Indexed, aggregate: bool) -> Classes:
        """Group slots with identical availability columns (or one class per slot)."""
        if not aggregate:
            return cls(np.arange(ix.n_slots), [[t] for t in range(ix.n_slots)])
        signature = np.concatenate([ix.student_avail, ix.company_avail]).T
        _, first, inverse = np.unique(signature, axis=0, return_index=True, return_inverse=True)
        rank = np.empty(len(first), dtype=np.int64)
        rank[np.argsort(first)] = np.arange(len(first))
        of_slot = rank[inverse.ravel()]
        members: list[list[int]] = [[] for _ in first]
        for t, k in enumerate(of_slot.tolist()):
            members[k].append(t)
        return cls(of_slot, members)

    @property
    def size(self) -> np.ndarray:
        """Number of slots per class."""
        return np.array([len(m) for m in self.members], dtype=np.int64)

    def columns(self, ix: Indexed) -> tuple[np.ndarray, np.ndarray]:
        """(wish, class) of every column: both free there; a fixed wish only in its class."""
        first = [m[0] for m in self.members]
        both = (
            ix.student_avail[:, first][ix.wish_student]
            & ix.company_avail[:, first][ix.wish_company]
        )
        fixed = np.flatnonzero(ix.fixed_slot >= 0)
        both[fixed] = False
        both[fixed, self.of_slot[ix.fixed_slot[fixed]]] = True
        return np.nonzero(both)


@dataclass(frozen=True)
class Solved:
    """Meetings as (wish, slot) rows, a proven bound, stats, and wishes dropped by pins."""

    chosen: np.ndarray
    bound: float
    stats: dict
    dropped: np.ndarray


@dataclass(frozen=True)
class Taken:
    """Meetings already decided: the model only fills the capacity they leave."""

    student: np.ndarray  # meetings per student and class
    company: np.ndarray  # meetings per company and class
    count: np.ndarray  # meetings per student

    @classmethod
    def of(cls, ix: Indexed, classes: Classes, wish: np.ndarray, k: np.ndarray) -> Taken:
        """The capacity used by the given (wish, class) meetings."""
        student = np.zeros((len(ix.student_ids), len(classes.members)), dtype=np.int64)
        company = np.zeros((len(ix.company_ids), len(classes.members)), dtype=np.int64)
        np.add.at(student, (ix.wish_student[wish], k), 1)
        np.add.at(company, (ix.wish_company[wish], k), 1)
        count = np.bincount(ix.wish_student[wish], minlength=len(ix.student_ids))
        return cls(student, company, count)


def _compress(keys: np.ndarray, offset: int) -> tuple[np.ndarray, np.ndarray]:
    unique, inverse = np.unique(keys, return_inverse=True)
    return unique, inverse.ravel().astype(np.int64) + offset


def build(
    ix: Indexed,
    highs: Highs,
    classes: Classes,
    wish: np.ndarray,
    k: np.ndarray,
    taken: Taken,
) -> None:
    """Pass the model over the given columns, with the capacity `taken` leaves."""
    n_classes, size = len(classes.members), classes.size
    student, company = ix.wish_student[wish], ix.wish_company[wish]
    ss_keys, ss_row = _compress(student * n_classes + k, 0)
    cs_keys, cs_row = _compress(company * n_classes + k, len(ss_keys))
    w_keys, w_row = _compress(wish, len(ss_keys) + len(cs_keys))
    first_balance = len(ss_keys) + len(cs_keys) + len(w_keys)
    ss_student, ss_class = ss_keys // n_classes, ss_keys % n_classes
    cs_company, cs_class = cs_keys // n_classes, cs_keys % n_classes
    row_upper = np.concatenate(
        [
            size[ss_class] - taken.student[ss_student, ss_class],
            ix.tables[cs_company] * size[cs_class] - taken.company[cs_company, cs_class],
            np.ones(len(w_keys)),
            taken.count,
        ]
    ).astype(np.float64)
    row_lower = np.concatenate([np.full(first_balance, -np.inf), taken.count])
    fixed = ix.fixed_slot[wish]
    lower = (fixed >= 0) & (classes.of_slot[np.maximum(fixed, 0)] == k)
    pass_model(
        highs,
        ix.weight[wish],
        lower.astype(np.float64),
        np.ones(len(wish)),
        row_upper,
        row_lower,
        [ss_row, cs_row, w_row, student + first_balance],
        coverage_columns(ix, ix.max_interviews, first_balance),
    )


def _mip(
    ix: Indexed,
    classes: Classes,
    columns: tuple[np.ndarray, np.ndarray],
    taken: Taken,
    seed: int,
    limit: float | None,
    rel_gap: float,
) -> tuple[np.ndarray, float]:
    """Solve the MIP over the given columns; the chosen mask and HiGHS's dual bound."""
    import highspy

    highs = new_highs(seed, limit)
    build(ix, highs, classes, *columns, taken)
    n = len(columns[0])
    integer = np.full(n, int(highspy.HighsVarType.kInteger), dtype=np.uint8)
    highs.changeColsIntegrality(n, np.arange(n, dtype=np.int32), integer)
    highs.setOptionValue("mip_rel_gap", rel_gap)
    highs.run()
    info = highs.getInfo()
    if info.primal_solution_status != 2:  # pragma: no cover - no feasible point in time
        return np.zeros(n, dtype=bool), info.mip_dual_bound
    return np.asarray(highs.getSolution().col_value)[:n] > 0.5, info.mip_dual_bound


def solve_slot_model(
    ix: Indexed, *, aggregate: bool, seed: int, time_limit: float | None, rel_gap: float
) -> Solved:
    """Chosen meetings, a proven upper bound, and stats. Meetings that fixed ones keep out
    of their class's slots are dropped (and reported)."""
    started = time.perf_counter()

    def left() -> float | None:
        return None if time_limit is None else time_limit - (time.perf_counter() - started)

    classes = Classes.of(ix, aggregate)
    wish, k = classes.columns(ix)
    none = Taken.of(ix, classes, wish[:0], k[:0])
    highs = new_highs(seed)
    build(ix, highs, classes, wish, k, none)
    stats: dict = {
        "variables": int(len(wish)),
        "slot_classes": len(classes.members),
        "build_seconds": _since(started),
    }
    highs.setOptionValue("solver", "simplex")
    highs.run()
    status = highs.getModelStatus()
    if status != type(status).kOptimal:  # pragma: no cover - the bound would be meaningless
        raise RuntimeError(f"HiGHS did not solve the LP: {highs.modelStatusToString(status)}")
    bound = highs.getInfo().objective_function_value
    x = np.asarray(highs.getSolution().col_value)[: len(wish)]
    del highs  # free the LP before any MIP: memory matters at 10,000 students
    stats["lp_seconds"] = round(_since(started) - stats["build_seconds"], 3)
    ones = x >= 1 - INTEGRAL
    fractional = (x > INTEGRAL) & ~ones
    stats["fractional"] = int(fractional.sum())
    chosen = np.flatnonzero(ones)
    stats["method"] = "lp (integral vertex)"
    if fractional.any():
        chosen, bound = _settle(ix, classes, wish, k, x, bound, seed, left, rel_gap, stats)
        stats["mip_seconds"] = round(
            _since(started) - stats["lp_seconds"] - stats["build_seconds"], 3
        )
    return _disaggregate(ix, classes, wish[chosen], k[chosen], bound, stats)


def _settle(
    ix: Indexed,
    classes: Classes,
    wish: np.ndarray,
    k: np.ndarray,
    x: np.ndarray,
    bound: float,
    seed: int,
    left: Callable[[], float | None],
    rel_gap: float,
    stats: dict,
) -> tuple[np.ndarray, float]:
    """Integral meetings where the LP is fractional; see docs/scheduler.md for the stages."""
    ones = x >= 1 - INTEGRAL
    fractional = (x > INTEGRAL) & ~ones
    bound = ix.tighten(bound, len(wish))
    # Stage 1: keep the LP's integral part, let a small MIP settle the fractional rest; the
    # LP bound stays valid for the whole problem, so the gap is measured against it.
    taken = Taken.of(ix, classes, wish[ones], k[ones])
    columns = (wish[fractional], k[fractional])
    picked, _ = _mip(ix, classes, columns, taken, seed, left(), rel_gap)
    chosen = np.sort(np.concatenate([np.flatnonzero(ones), np.flatnonzero(fractional)[picked]]))
    stats["method"] = "lp + mip over the fractional part"
    score = ix.value(wish[chosen])
    remaining = left()
    if bound - score > rel_gap * abs(bound) and (remaining is None or remaining > 0.5):
        # Stage 2: reopen every column of the students the LP was unsure about (their
        # integral meetings too), keeping everybody else's meetings as they are.
        unsure = np.isin(ix.wish_student[wish], np.unique(ix.wish_student[wish[fractional]]))
        keep = ones & ~unsure
        taken = Taken.of(ix, classes, wish[keep], k[keep])
        picked, _ = _mip(ix, classes, (wish[unsure], k[unsure]), taken, seed, remaining, rel_gap)
        wider = np.sort(np.concatenate([np.flatnonzero(keep), np.flatnonzero(unsure)[picked]]))
        if ix.value(wish[wider]) > score:
            chosen = wider
            score = ix.value(wish[chosen])
        stats["method"] = "lp + mip over the fractional students"
        stats["reopened_variables"] = int(unsure.sum())
    remaining = left()
    if (
        bound - score > rel_gap * abs(bound)
        and len(wish) <= FULL_MIP_COLUMNS
        and (remaining is None or remaining > 0.5)
    ):
        # Stage 3, on models small enough to hold twice: the whole MIP, whose dual bound
        # may also be tighter than the LP's.
        none = Taken.of(ix, classes, wish[:0], k[:0])
        picked, dual = _mip(ix, classes, (wish, k), none, seed, remaining, rel_gap)
        # The whole MIP starts from scratch: keep the stage 1-2 schedule unless it is beaten.
        chosen = max(chosen, np.flatnonzero(picked), key=lambda c: ix.value(wish[c]))
        bound = min(bound, ix.tighten(dual, len(wish)) if math.isfinite(dual) else math.inf)
        stats["method"] = "lp + full mip"
    return chosen, bound


def _disaggregate(
    ix: Indexed, classes: Classes, wish: np.ndarray, k: np.ndarray, bound: float, stats: dict
) -> Solved:
    slot = np.empty(len(wish), dtype=np.int64)
    for c, members in enumerate(classes.members):
        in_class = np.flatnonzero(k == c)
        if len(members) == 1:
            slot[in_class] = members[0]
            continue
        slot[in_class] = place(ix, wish[in_class].tolist(), members)
    placed = slot >= 0
    stats["dropped_by_pins"] = int((~placed).sum())
    return Solved(np.stack([wish[placed], slot[placed]], axis=1), bound, stats, wish[~placed])


def repair(
    ix: Indexed,
    chosen: np.ndarray,
    dropped: np.ndarray,
    *,
    seed: int,
    time_limit: float | None,
    rel_gap: float,
) -> np.ndarray:
    """Re-solve with one variable per slot the meetings of the students of dropped wishes
    and of everyone meeting their companies; all other meetings stay. Never worse."""
    companies = np.unique(ix.wish_company[dropped])
    nearby = ix.wish_student[chosen[:, 0]][np.isin(ix.wish_company[chosen[:, 0]], companies)]
    students = np.union1d(ix.wish_student[dropped], nearby)
    classes = Classes.of(ix, aggregate=False)
    wish, slot = classes.columns(ix)
    free = np.isin(ix.wish_student[wish], students)
    keep = chosen[~np.isin(ix.wish_student[chosen[:, 0]], students)]
    taken = Taken.of(ix, classes, keep[:, 0], keep[:, 1])
    columns = (wish[free], slot[free])
    picked, _ = _mip(ix, classes, columns, taken, seed, time_limit, rel_gap)
    found = np.stack([columns[0][picked], columns[1][picked]], axis=1)
    candidate = np.concatenate([keep, found])
    return candidate if ix.value(candidate[:, 0]) > ix.value(chosen[:, 0]) else chosen


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 3)
