"""Choices of stands and interviews (a leaf module: no project imports)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StandBookingStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STAND_BOOKING = (StandBookingStatus.PENDING, StandBookingStatus.CONFIRMED)


class InterviewSource(models.TextChoices):
    SCHEDULER = "scheduler", _("Scheduler")
    SELF = "self", _("Booked by the student")
    ORGANIZER = "organizer", _("Booked by an organizer")
    WALK_UP = "walk_up", _("Walk-up conversation")


class InterviewStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")
    NO_SHOW = "no_show", _("No-show")


class EndedBy(models.TextChoices):
    """Who ended an interview. A pair ended by a person is left out of later scheduler runs."""

    NOBODY = "", _("Not ended")
    STUDENT = "student", _("The student")
    COMPANY = "company", _("The company")
    ORGANIZER = "organizer", _("An organizer")
    SCHEDULER = "scheduler", _("The scheduler")


# Ended by one of these, a pair is never proposed again (like a wish taken back).
ENDED_BY_PERSON = (EndedBy.STUDENT, EndedBy.COMPANY, EndedBy.ORGANIZER)

# An interview in one of these states holds its slot, its table and the student's time.
ACTIVE_INTERVIEW = (InterviewStatus.BOOKED, InterviewStatus.HELD)


class Outcome(models.TextChoices):
    NONE = "none", _("No outcome")
    FOLLOW_UP = "follow_up", _("Follow-up")
    TRIAL = "trial", _("Trial days (praktikophold)")
    CONTRACT = "contract", _("Training contract")
