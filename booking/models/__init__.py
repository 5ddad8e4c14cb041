"""Models of the booking app, one module per part (re-exported here)."""

from booking.models.calendar import CalendarFeed, InviteSent  # noqa: F401
from booking.models.interviews import (
    Availability,
    FairSchedulingSettings,
    Interest,
    Interview,
    ProposedInterview,
    ScheduleRun,
    Slot,
    Wish,
)
from booking.models.stands import Stand, StandAllowance, StandBooking, StandWaitlistEntry

__all__ = [
    "Availability",
    "FairSchedulingSettings",
    "Interest",
    "Interview",
    "ProposedInterview",
    "ScheduleRun",
    "Slot",
    "Stand",
    "StandAllowance",
    "StandBooking",
    "StandWaitlistEntry",
    "Wish",
]
