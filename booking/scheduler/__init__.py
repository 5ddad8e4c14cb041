"""The pure interview scheduler: no Django, no I/O beyond JSON mapping."""

from booking.scheduler.checks import InvalidInstance, check_instance, score_of, violations
from booking.scheduler.core import solve
from booking.scheduler.io import (
    instance_from_json,
    instance_to_json,
    result_from_json,
    result_to_json,
)
from booking.scheduler.types import (
    REASONS,
    Company,
    Fixed,
    Instance,
    Meeting,
    Result,
    Slot,
    Student,
    Unplaced,
    Wish,
)

__all__ = [
    "REASONS",
    "Company",
    "Fixed",
    "Instance",
    "InvalidInstance",
    "Meeting",
    "Result",
    "Slot",
    "Student",
    "Unplaced",
    "Wish",
    "check_instance",
    "instance_from_json",
    "instance_to_json",
    "result_from_json",
    "result_to_json",
    "score_of",
    "solve",
    "violations",
]
