"""Index an instance into integer arrays shared by the solver paths."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from booking.scheduler.types import Instance


@dataclass(frozen=True)
class Indexed:
    """Students, companies and slots as 0-based indices; wishes sorted by (student, company)."""

    slot_ids: list[str]
    student_ids: list[str]
    company_ids: list[str]
    max_interviews: np.ndarray  # per student
    tables: np.ndarray  # per company
    student_avail: np.ndarray  # bool, students x slots
    company_avail: np.ndarray  # bool, companies x slots
    wish_student: np.ndarray  # per wish
    wish_company: np.ndarray  # per wish
    weight: np.ndarray  # per wish
    fixed_slot: np.ndarray  # per wish: slot index of its fixed meeting, or -1
    bonus: list[float]

    @property
    def n_slots(self) -> int:
        """Number of slots."""
        return len(self.slot_ids)

    def common(self) -> np.ndarray:
        """Bool matrix wishes x slots: where both sides are free (only the fixed slot if fixed)."""
        both = self.student_avail[self.wish_student] & self.company_avail[self.wish_company]
        fixed = self.fixed_slot >= 0
        both[fixed] = False
        both[np.flatnonzero(fixed), self.fixed_slot[fixed]] = True
        return both

    def value(self, wishes: np.ndarray) -> float:
        """Score of meetings for the given wish indices: weights plus coverage bonuses."""
        total = float(self.weight[wishes].sum())
        if self.bonus:
            per_student = np.bincount(self.wish_student[wishes], minlength=len(self.student_ids))
            cumulative = np.concatenate([[0.0], np.cumsum(self.bonus)])
            total += float(cumulative[np.minimum(per_student, len(self.bonus))].sum())
        return total

    def tighten(self, bound: float, columns: int) -> float:
        """With integral weights and bonuses every score is an integer: round the bound down
        (`columns`: the number of x columns of the model that gave the bound)."""
        values = np.concatenate([self.weight, np.asarray(self.bonus, dtype=np.float64)])
        if np.all(values == np.round(values)):
            # The coverage model adds one column per student and bonus entry, plus a slack.
            columns += len(self.student_ids) * (len(self.bonus) + 1)
            return integral_bound(bound, columns, float(values.max(initial=0.0)))
        return bound


def integral_bound(bound: float, columns: int, largest: float) -> float:
    """The largest integer not above a solver's bound, allowing for its tolerances: each of
    `columns` values may be off by about 1e-9, times the `largest` objective coefficient.
    With a fixed slack a large model's bound could round down past the true optimum."""
    slack = max(1e-6, 1e-9 * columns * largest)
    if slack >= 0.5:  # huge weights: the slack no longer tells integers apart; keep the bound
        return bound
    return float(math.floor(bound + slack))


def index_instance(instance: Instance) -> Indexed:
    """Sort everything by id (slots by start, then id) so that results are deterministic."""
    # timestamp() orders naive and aware times alike (the format does not demand an offset).
    slots = sorted(instance.slots, key=lambda s: (s.start.timestamp(), s.end.timestamp(), s.id))
    slot_ids = [slot.id for slot in slots]
    slot_at = {slot_id: t for t, slot_id in enumerate(slot_ids)}
    students = sorted(instance.students, key=lambda s: s.id)
    companies = sorted(instance.companies, key=lambda c: c.id)
    student_at = {s.id: i for i, s in enumerate(students)}
    company_at = {c.id: i for i, c in enumerate(companies)}

    def avail(rows: list) -> np.ndarray:
        matrix = np.ones((len(rows), len(slot_ids)), dtype=bool)
        for i, row in enumerate(rows):
            if row.available is not None:
                matrix[i] = False
                matrix[i, [slot_at[t] for t in row.available]] = True
        return matrix

    wishes = sorted(instance.wishes, key=lambda w: (student_at[w.student], company_at[w.company]))
    # A company never uses more tables at once than it has wishes, nor a student more
    # meetings than wishes or slots: capping keeps huge values (10**12 tables) out of the
    # arrays. Reaching a cap means every wish is served, so no reason for an unplaced wish
    # changes; max_interviews up to the number of slots (the usual case) stays as it is.
    company_wishes = Counter(w.company for w in wishes)
    student_wishes = Counter(w.student for w in wishes)
    n_slots = len(slot_ids)
    wish_at = {(w.student, w.company): p for p, w in enumerate(wishes)}
    fixed_slot = np.full(len(wishes), -1, dtype=np.int64)
    for f in instance.fixed:
        fixed_slot[wish_at[f.student, f.company]] = slot_at[f.slot]
    return Indexed(
        slot_ids=slot_ids,
        student_ids=[s.id for s in students],
        company_ids=[c.id for c in companies],
        max_interviews=np.array(
            [min(s.max_interviews, max(student_wishes[s.id], n_slots)) for s in students],
            dtype=np.int64,
        ),
        tables=np.array(
            [min(c.tables, max(1, company_wishes[c.id])) for c in companies], dtype=np.int64
        ),
        student_avail=avail(students),
        company_avail=avail(companies),
        wish_student=np.array([student_at[w.student] for w in wishes], dtype=np.int64),
        wish_company=np.array([company_at[w.company] for w in wishes], dtype=np.int64),
        weight=np.array([float(w.weight) for w in wishes], dtype=np.float64),
        fixed_slot=fixed_slot,
        bonus=[float(b) for b in instance.coverage_bonus],
    )
