"""The fair's day: the only time check-ins, stand scans and outcome marks are accepted.

It runs from `settings.FAIR_DAY_STARTS` (06:00 by default, Europe/Copenhagen) on the fair's
date until the same time the next day, so a late evening event still counts and a badge
scanned weeks early or late is refused with a clear message.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from fair.exceptions import NotAvailable
from fair.models import Fair
from fair.phases import local_at

# The check-in answer for a valid badge outside the fair's day (next to ScanResult's list).
NOT_FAIR_DAY = "not_fair_day"


class NotFairDay(NotAvailable):
    status = 409
    code = NOT_FAIR_DAY
    default_message = _("This can only be done on the fair's day.")


def day_starts() -> time:
    """The local time the fair's day begins (the grace before the doors open)."""
    hours, minutes = (int(part) for part in settings.FAIR_DAY_STARTS.split(":"))
    return time(hours, minutes)


def fair_day_window(*, fair_date: date) -> tuple[datetime, datetime]:
    """[start, end) of the fair's day as aware datetimes."""
    return local_at(fair_date, day_starts()), local_at(fair_date + timedelta(days=1), day_starts())


def fair_day_of(*, at: datetime | None = None) -> date:
    """The date of the fair that would be running at `at` (before 06:00 it is yesterday's)."""
    local = timezone.localtime(at or timezone.now())
    starts = day_starts()
    shifted = local - timedelta(hours=starts.hour, minutes=starts.minute)
    return shifted.date()


def fair_day_open(*, fair: Fair, at: datetime | None = None, door: bool = False) -> bool:
    """Is `at` (default: now) within the fair's day?

    With `door=True` (a badge check-in, by scan or by name): a fair in door rehearsal
    (`Fair.door_rehearsal`, set by an organizer for training and by seed_demo for the demo
    fair) also checks in before its day, never after. Stand scans, outcomes and walk-ins
    (which create people) wait for the fair's day even then.
    """
    start, end = fair_day_window(fair_date=fair.date)
    at = at or timezone.now()
    if door and fair.door_rehearsal:
        return at < end
    return start <= at < end


def fair_day_message(*, fair: Fair) -> str:
    """The refusal, naming the window in Danish formats (dd.mm.yyyy, 24-hour)."""
    start, end = fair_day_window(fair_date=fair.date)
    start, end = timezone.localtime(start), timezone.localtime(end)
    return _(
        "Check-in, stand scans and outcomes are only accepted on the fair's day: "
        "from %(start)s to %(end)s."
    ) % {
        "start": formats.date_format(start, "d.m.Y H:i"),
        "end": formats.date_format(end, "d.m.Y H:i"),
    }


def fair_day_check(*, fair: Fair, at: datetime | None = None) -> None:
    """Raise NotFairDay (409, code `not_fair_day`) outside the fair's day."""
    if not fair_day_open(fair=fair, at=at):
        raise NotFairDay(fair_day_message(fair=fair))


def door_notice(*, fair: Fair, at: datetime | None = None) -> str:
    """What the door page says about the day: a refusal window or a rehearsal, else nothing."""
    if not fair_day_open(fair=fair, at=at, door=True):
        return fair_day_message(fair=fair)
    start, _end = fair_day_window(fair_date=fair.date)
    if (at or timezone.now()) < start:
        return _(
            "Door rehearsal: the fair is on %(date)s. Check-ins made now are a rehearsal; "
            "an organizer turns rehearsal off before the real check-in."
        ) % {"date": formats.date_format(fair.date, "d.m.Y")}
    return ""
