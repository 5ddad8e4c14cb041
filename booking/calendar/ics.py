"""iCalendar (RFC 5545/5546) files for interviews and the fair: dataclasses in, bytes out.

Human texts go through gettext, so callers wrap calls in ``translation.override(lang)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from icalendar import (
    Alarm,
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
)

Method = Literal["PUBLISH", "REQUEST", "CANCEL"]
Status = Literal["booked", "cancelled"]

TZID = "Europe/Copenhagen"
LOCAL_TZ = ZoneInfo(TZID)
PRODID = "-//Praktikmesse//Booking//DA"
ALARM_BEFORE = timedelta(minutes=30)
# Subscribed feeds: ask clients to poll hourly so moved or cancelled interviews show up.
FEED_TTL = "PT1H"
METHODS: tuple[Method, ...] = ("PUBLISH", "REQUEST", "CANCEL")


@dataclass(frozen=True)
class Person:
    name: str
    email: str


@dataclass(frozen=True)
class FairInfo:
    slug: str
    uid_domain: str
    name: str
    venue_name: str
    address: str
    start: datetime
    end: datetime
    organizer: Person
    sequence: int = 0

    @property
    def uid(self) -> str:
        """Stable UID of the fair's own calendar event."""
        return f"fair-{self.slug}@{self.uid_domain}"


@dataclass(frozen=True)
class InterviewEvent:
    uid: str
    start: datetime
    end: datetime
    counterpart_name: str
    stand: str
    table: str | None
    sequence: int
    status: Status = "booked"
    attendees: Sequence[Person] = ()
    what_to_bring: str = ""


def calendar_build(
    *,
    fair: FairInfo,
    events: Sequence[InterviewEvent],
    method: Method,
    include_fair_event: bool = True,
    now: datetime | None = None,
) -> bytes:
    """Return a VCALENDAR with one VEVENT per interview (plus the fair) as CRLF bytes."""
    if method not in METHODS:
        raise ValueError(f"unsupported METHOD {method!r}")
    _check_times(fair.start, fair.end, fair.uid)
    for event in events:
        _check_event(event, method)
    uids = [event.uid for event in events] + ([fair.uid] if include_fair_event else [])
    if len(set(uids)) != len(uids):
        raise ValueError("duplicate UID in one calendar")
    # RFC 5546 3.2: an iTIP REQUEST/CANCEL object describes exactly one UID.
    if method != "PUBLISH" and len(uids) != 1:
        raise ValueError(f"METHOD:{method} needs exactly one event, got {len(uids)}")
    if now is not None and now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    stamp = (now or datetime.now(UTC)).astimezone(UTC)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if method == "PUBLISH":
        cal.add("x-wr-calname", fair.name)
        cal.add("x-wr-timezone", TZID)
        cal.add("x-published-ttl", FEED_TTL)
    cal.add_component(_vtimezone())
    if include_fair_event:
        cal.add_component(_fair_vevent(fair, stamp))
    for event in sorted(events, key=lambda e: (e.start, e.uid)):
        cal.add_component(_interview_vevent(fair, event, method, stamp))
    return cal.to_ical()


def invite_build(
    *,
    fair: FairInfo,
    event: InterviewEvent,
    method: Literal["REQUEST", "CANCEL"],
    now: datetime | None = None,
) -> bytes:
    """Return a one-interview iTIP invitation (REQUEST) or cancellation (CANCEL) for e-mail."""
    if method not in ("REQUEST", "CANCEL"):
        raise ValueError(f"an invite is REQUEST or CANCEL, not {method!r}")
    return calendar_build(
        fair=fair, events=[event], method=method, include_fair_event=False, now=now
    )


def feed_build(
    *,
    fair: FairInfo,
    events: Sequence[InterviewEvent],
    now: datetime | None = None,
) -> bytes:
    """Return a person's subscribable feed (METHOD:PUBLISH): the fair and all interviews."""
    return calendar_build(fair=fair, events=events, method="PUBLISH", now=now)


def interview_title(event: InterviewEvent) -> str:
    """Return the translated title without a status, e.g. "Samtale med Novo Nordisk"."""
    return _("Interview with %(name)s") % {"name": event.counterpart_name}


def interview_summary(event: InterviewEvent) -> str:
    """Return the calendar title, e.g. "Samtale med Novo Nordisk" ("Aflyst: …" if cancelled)."""
    summary = interview_title(event)
    if event.status == "cancelled":
        # Many clients ignore STATUS:CANCELLED in subscribed feeds; the title still tells.
        summary = _("Cancelled: %(summary)s") % {"summary": summary}
    return summary


def interview_location(fair: FairInfo, event: InterviewEvent) -> str:
    """Return the translated place, e.g. "Stand A12, bord 2, <venue>, <address>"."""
    if event.table:
        place = _("Stand %(stand)s, table %(table)s") % {"stand": event.stand, "table": event.table}
    else:
        place = _("Stand %(stand)s") % {"stand": event.stand}
    return ", ".join(part for part in (place, fair.venue_name, fair.address) if part)


def _check_times(start: datetime, end: datetime, uid: str) -> None:
    for value in (start, end):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"{uid}: naive datetime {value!r}; times must be aware")
    if end <= start:
        raise ValueError(f"{uid}: end {end} is not after start {start}")


def _check_event(event: InterviewEvent, method: Method) -> None:
    _check_times(event.start, event.end, event.uid)
    if event.sequence < 0:
        raise ValueError(f"{event.uid}: negative SEQUENCE")
    if event.status not in ("booked", "cancelled"):
        raise ValueError(f"{event.uid}: unknown status {event.status!r}")
    # libical's iTIP table: REQUEST allows only TENTATIVE/CONFIRMED, CANCEL means CANCELLED.
    if method == "REQUEST" and event.status != "booked":
        raise ValueError(f"{event.uid}: a cancelled interview is sent with METHOD:CANCEL")
    if method == "CANCEL" and event.status != "cancelled":
        raise ValueError(f"{event.uid}: METHOD:CANCEL needs status 'cancelled'")
    if method == "REQUEST" and not event.attendees:
        raise ValueError(f"{event.uid}: METHOD:REQUEST needs at least one attendee")


def _vtimezone() -> Timezone:
    # Hand-built rule-based zone: icalendar's generated transition lists put events an hour
    # off in some clients. EU rules (last Sunday of March/October, 01:00 UTC) since 1996.
    daylight = TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("tzoffsetfrom", timedelta(hours=1))
    daylight.add("tzoffsetto", timedelta(hours=2))
    daylight.add("dtstart", datetime(1970, 3, 29, 2, 0))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1SU"})
    standard = TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("tzoffsetfrom", timedelta(hours=2))
    standard.add("tzoffsetto", timedelta(hours=1))
    standard.add("dtstart", datetime(1970, 10, 25, 3, 0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1SU"})
    zone = Timezone()
    zone.add("tzid", TZID)
    zone.add_component(daylight)
    zone.add_component(standard)
    return zone


def _address(person: Person, **params: str) -> vCalAddress:
    if any(c in person.email for c in '\r\n:;," ') or "@" not in person.email:
        raise ValueError(f"not a plain e-mail address: {person.email!r}")
    address = vCalAddress(f"mailto:{person.email}")
    # Double quotes cannot be quoted in a parameter without RFC 6868, which Outlook lacks.
    address.params["CN"] = person.name.replace('"', "'")
    address.params.update(params)
    return address


def _common(vevent: Event, fair: FairInfo, uid: str, sequence: int, stamp: datetime) -> None:
    vevent.add("uid", uid)
    vevent.add("dtstamp", stamp)
    vevent.add("sequence", sequence)
    vevent.add("organizer", _address(fair.organizer))


def _add_span(vevent: Event, start: datetime, end: datetime) -> None:
    # Local wall time with TZID, so the VTIMEZONE above decides the UTC offset in every client.
    vevent.add("dtstart", start.astimezone(LOCAL_TZ))
    vevent.add("dtend", end.astimezone(LOCAL_TZ))


def _fair_vevent(fair: FairInfo, stamp: datetime) -> Event:
    vevent = Event()
    _common(vevent, fair, fair.uid, fair.sequence, stamp)
    _add_span(vevent, fair.start, fair.end)
    vevent.add("summary", fair.name)
    vevent.add("location", ", ".join(p for p in (fair.venue_name, fair.address) if p))
    vevent.add("status", "CONFIRMED")
    # The fair spans the day around the interviews; it must not show the person as busy twice.
    vevent.add("transp", "TRANSPARENT")
    return vevent


def _interview_vevent(
    fair: FairInfo, event: InterviewEvent, method: Method, stamp: datetime
) -> Event:
    summary = interview_summary(event)
    location = interview_location(fair, event)
    cancelled = event.status == "cancelled"
    lines = [summary, location]
    if event.what_to_bring.strip():
        lines.append(_("What to bring: %(items)s") % {"items": event.what_to_bring.strip()})
    if cancelled:
        lines.append(_("This interview has been cancelled."))

    vevent = Event()
    _common(vevent, fair, event.uid, event.sequence, stamp)
    _add_span(vevent, event.start, event.end)
    vevent.add("summary", summary)
    vevent.add("location", location)
    vevent.add("description", "\n".join(lines))
    vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    vevent.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    # iTIP PUBLISH forbids ATTENDEE; REQUEST needs it; CANCEL tells whom it concerns.
    if method != "PUBLISH":
        for person in event.attendees:
            # Booked through the fair's site, so already accepted: clients need not ask to RSVP.
            vevent.add(
                "attendee",
                _address(
                    person,
                    CUTYPE="INDIVIDUAL",
                    ROLE="REQ-PARTICIPANT",
                    PARTSTAT="ACCEPTED",
                    RSVP="FALSE",
                ),
            )
    # No reminder for a cancelled interview; iTIP CANCEL forbids VALARM anyway.
    if not cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -ALARM_BEFORE)
        minutes = int(ALARM_BEFORE.total_seconds() // 60)
        reminder = _("%(summary)s starts in %(minutes)d minutes")
        alarm.add("description", reminder % {"summary": summary, "minutes": minutes})
        vevent.add_component(alarm)
    return vevent
