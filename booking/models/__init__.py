"""Models of the booking app, one module per part (re-exported here)."""

from booking.models.interviews import (
    Availability,
    Interest,
    Interview,
    ProposedInterview,
    ScheduleRun,
    Slot,
    Wish,
)
from booking.models.stands import Stand, StandBooking

__all__ = [
    "Availability",
    "Interest",
    "Interview",
    "ProposedInterview",
    "ScheduleRun",
    "Slot",
    "Stand",
    "StandBooking",
    "Wish",
]
