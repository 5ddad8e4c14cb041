"""When each part of a fair is open: the one home of its deadlines.

Every deadline is the first moment that is closed: a part is open while ``now < deadline``
and closed from the deadline on. ``now`` defaults to the current time; pass it to decide
for another moment (tests, a request's one ``now``).
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from fair.models import Fair


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def local_at(day: date, at: time) -> datetime:
    """An aware datetime of a wall-clock time on a day, in Europe/Copenhagen."""
    return datetime.combine(day, at, tzinfo=ZoneInfo(settings.TIME_ZONE))


def fair_ends_at(fair: Fair) -> datetime:
    """When the doors close on the day of the fair (self-booking and cancelling end then)."""
    return local_at(fair.date, fair.closes_at)


def company_registration_open(fair: Fair, now: datetime | None = None) -> bool:
    """Companies may sign up until the company registration deadline."""
    return _now(now) < fair.company_registration_deadline


def student_registration_open(fair: Fair, now: datetime | None = None) -> bool:
    """Students may sign up until the student registration deadline."""
    return _now(now) < fair.student_registration_deadline


def stand_booking_open(fair: Fair, now: datetime | None = None) -> bool:
    """Companies may book, change and cancel stands until the stand booking deadline."""
    return _now(now) < fair.stand_booking_deadline


def wishes_open(fair: Fair, now: datetime | None = None) -> bool:
    """Students may add, remove and reorder wishes until the wish deadline."""
    return _now(now) < fair.wish_deadline


def fair_over(fair: Fair, now: datetime | None = None) -> bool:
    """The doors have closed on the fair's day."""
    return _now(now) >= fair_ends_at(fair)
