"""Plain value types of the interview scheduler: an instance in, a result out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

DEFAULT_MAX_INTERVIEWS = 3

# Why a wish was not served; a closed list so that callers can branch on it.
NO_COMMON_SLOT = "no_common_slot"  # student and company are never available at the same time
STUDENT_FULL = "student_full"  # the student already has max_interviews meetings
COMPANY_FULL = "company_full"  # every table of the company is taken in every common slot
NO_FREE_SLOT = "no_free_slot"  # in each common slot the student or the company is taken
NOT_CHOSEN = "not_chosen"  # it would fit, but was not picked (not produced by solve() today)
REASONS = (NO_COMMON_SLOT, STUDENT_FULL, COMPANY_FULL, NO_FREE_SLOT, NOT_CHOSEN)


@dataclass(frozen=True, slots=True)
class Slot:
    """One interview period, half-open [start, end), with aware datetimes."""

    id: str
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class Company:
    """A company holding `tables` interviews at once; `available=None` means every slot."""

    id: str
    tables: int = 1
    available: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Student:
    """A student with at most `max_interviews` meetings; `available=None` means every slot."""

    id: str
    max_interviews: int = DEFAULT_MAX_INTERVIEWS
    available: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Wish:
    """The value (> 0) of a meeting between a student and a company."""

    student: str
    company: str
    weight: float


@dataclass(frozen=True, slots=True)
class Fixed:
    """A meeting that must stay exactly as given (published or self-booked)."""

    student: str
    company: str
    slot: str


@dataclass(frozen=True, slots=True)
class Instance:
    """A whole scheduling problem; `coverage_bonus[i]` is the extra value of a (i+1)th meeting."""

    slots: tuple[Slot, ...]
    companies: tuple[Company, ...]
    students: tuple[Student, ...]
    wishes: tuple[Wish, ...]
    fixed: tuple[Fixed, ...] = ()
    coverage_bonus: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True, order=True)
class Meeting:
    """One scheduled interview at a numbered table (1..tables)."""

    student: str
    company: str
    slot: str
    table: int


class Unplaced(NamedTuple):
    """A wish that got no meeting, with a reason code from REASONS."""

    student: str
    company: str
    reason: str


@dataclass(frozen=True, slots=True)
class Result:
    """Meetings with their score and a proven upper bound (bound == score when optimal)."""

    meetings: tuple[Meeting, ...]
    score: float
    bound: float
    unplaced: tuple[Unplaced, ...] = ()
    # Timings and method names differ between runs; keep them out of equality.
    stats: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def gap(self) -> float:
        """Relative distance between score and bound (0.0 when proven optimal)."""
        if self.bound <= 0:
            return 0.0
        return max(0.0, (self.bound - self.score) / self.bound)
