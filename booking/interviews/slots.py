"""Scheduling settings of a fair and the generation of its interview slots."""

import re
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from booking import locks
from booking.enums import ACTIVE_INTERVIEW
from booking.models import FairSchedulingSettings, Interview, Slot
from fair.exceptions import InvalidInput, NotAllowed
from fair.models import Fair
from fair.phases import local_at

MAX_NUMBER = 1_000_000  # far below what the solver accepts, far above any sensible weight
BREAK = re.compile(r"(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})")


def numbers_parse(text: str, *, field: str, allow_empty: bool = False) -> tuple[int, ...]:
    """Parse "10,8,6" (or "[10, 8, 6]") into whole numbers; the message names the field."""
    cleaned = text.strip().strip("[]").replace(";", ",")
    if not cleaned:
        if allow_empty:
            return ()
        raise InvalidInput({field: [_("Enter at least one number.")]})
    try:
        values = tuple(int(part.strip()) for part in cleaned.split(","))
    except ValueError:
        raise InvalidInput(
            {field: [_("Enter whole numbers separated by commas, e.g. 10,8,6.")]}
        ) from None
    if any(v < 0 for v in values):
        raise InvalidInput({field: [_("The numbers must not be negative.")]})
    if any(v > MAX_NUMBER for v in values):
        raise InvalidInput({field: [_("Each number must be at most 1,000,000.")]})
    if any(b > a for a, b in zip(values, values[1:], strict=False)):
        raise InvalidInput({field: [_("The numbers must not increase.")]})
    return values


def breaks_parse(text: str) -> list[tuple[time, time]]:
    """Parse "12:00-12:30, 13:15-13:30" into (start, end) pairs."""
    breaks = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        match = BREAK.fullmatch(part)
        try:
            if match is None:
                raise ValueError(part)
            start, end = time.fromisoformat(match[1]), time.fromisoformat(match[2])
        except ValueError:
            raise InvalidInput(
                {"breaks": [_("Write breaks as HH:MM-HH:MM, e.g. 12:00-12:30.")]}
            ) from None
        if start >= end:
            raise InvalidInput({"breaks": [_("A break must end after it starts.")]})
        breaks.append((start, end))
    return breaks


@transaction.atomic
def scheduling_settings_update(
    *,
    fair: Fair,
    rank_weights: str,
    mutual_bonus: int,
    coverage_bonus: str,
    breaks: str,
    fairness: bool = True,
) -> FairSchedulingSettings:
    """Save how the fair weighs wishes, its coverage bonus and its breaks (checked first)."""
    weights = numbers_parse(rank_weights, field="rank_weights")
    if any(w == 0 for w in weights):
        raise InvalidInput({"rank_weights": [_("Each rank must weigh at least 1.")]})
    bonus = numbers_parse(coverage_bonus, field="coverage_bonus", allow_empty=True)
    breaks_parse(breaks)
    found, _created = FairSchedulingSettings.objects.update_or_create(
        fair=fair,
        defaults={
            "rank_weights": ",".join(map(str, weights)),
            "mutual_bonus": mutual_bonus,
            "coverage_bonus": ",".join(map(str, bonus)),
            "breaks": breaks.strip(),
            "fairness": fairness,
        },
    )
    return found


def slot_times(*, fair: Fair, breaks: list[tuple[time, time]]) -> list[tuple[datetime, datetime]]:
    """The fair's interview periods: slot length plus buffer, skipping any that touch a break."""
    start = local_at(fair.date, fair.interviews_start)
    end = local_at(fair.date, fair.interviews_end)
    length = timedelta(minutes=fair.slot_minutes)
    step = length + timedelta(minutes=fair.buffer_minutes)
    pauses = [(local_at(fair.date, a), local_at(fair.date, b)) for a, b in breaks]
    times = []
    at = start
    while at + length <= end:
        for pause_start, pause_end in pauses:
            if at < pause_end and pause_start < at + length:
                at = pause_end  # the next slot starts when the break ends
                break
        else:
            times.append((at, at + length))
            at += step
    return times


@transaction.atomic
def slots_generate(*, fair: Fair) -> list[Slot]:
    """Replace the fair's slots by those of its interview window, length, buffer and breaks.

    Slots that stay the same are kept; a slot with an active interview cannot go away. The
    cancelled and no-show interviews of a slot that goes away are deleted with it (their
    slot no longer exists, so there is nothing left to show or to send).

    Locks: the fair row (level 1 of `booking.locks`), so two runs replace the slots in turn.
    """
    fair = locks.fair_lock(fair_id=fair.pk)
    found = FairSchedulingSettings.objects.filter(fair=fair).first()
    wanted = slot_times(fair=fair, breaks=breaks_parse(found.breaks if found else ""))
    existing = {(s.start, s.end): s for s in Slot.objects.filter(fair=fair)}
    obsolete = [s for key, s in existing.items() if key not in set(wanted)]
    if Interview.objects.filter(slot__in=obsolete, status__in=ACTIVE_INTERVIEW).exists():
        raise NotAllowed(
            _("Some interviews lie in slots that would disappear. Cancel them first."),
            code="slots_in_use",
        )
    Interview.objects.filter(slot__in=obsolete).delete()
    Slot.objects.filter(pk__in=[s.pk for s in obsolete]).delete()
    # A new slot may start where an obsolete one started (another end): create after deleting.
    Slot.objects.bulk_create(
        [Slot(fair=fair, start=a, end=b) for a, b in wanted if (a, b) not in existing]
    )
    return list(Slot.objects.filter(fair=fair).order_by("start"))
