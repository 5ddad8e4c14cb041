"""The day-before reminder: each participant's schedule, calendar file and badge by e-mail.

Project layer, because it combines booking (the schedule) and badges (the badge PDF).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from badges import printing
from booking.calendar.ics import interview_location
from booking.calendar.selectors import (
    calendar_interviews,
    fair_info,
    interview_event,
    person_calendar,
)
from booking.enums import ACTIVE_INTERVIEW
from fair.emails import Part, email_enqueue_on_commit, email_log_create
from fair.exceptions import FairError, NotAvailable
from fair.models import EmailLog, Fair, User


def fairs_tomorrow(*, today: date | None = None) -> list[Fair]:
    """Public fairs that take place the day after `today` (Europe/Copenhagen)."""
    day = (today or timezone.localdate()) + timedelta(days=1)
    return list(Fair.objects.filter(date=day, is_public=True).order_by("pk"))


def participants(*, fair: Fair):
    """Students and company contacts of the fair, each once."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(students__fair=fair) | Q(companies__fair=fair))
        .distinct()
        .order_by("pk")
    )


def badge_pdf(*, fair: Fair, user: User) -> bytes | None:
    """The person's badge as a one-page PDF (issued if needed), or None if they have none."""
    try:
        return printing.badge_pdf(fair=fair, user=user, by=None, reason="reminder")[1]
    except FairError:
        return None


def reminder_key(*, fair: Fair, user: User) -> str:
    """Once per person and fair date: a fair moved to another day gets its own reminder."""
    return f"reminder:{fair.pk}:{fair.date:%Y-%m-%d}:{user.pk}"


def reminder_create(*, fair: Fair, user: User) -> EmailLog | None:
    """Log the person's reminder (None if they got it already): schedule, .ics and badge."""
    key = reminder_key(fair=fair, user=user)
    if EmailLog.objects.filter(dedupe_key=key).exists():
        return None
    interviews = [
        i for i in calendar_interviews(user=user, fair=fair) if i.status in ACTIVE_INTERVIEW
    ]
    info = fair_info(fair)
    with translation.override(user.language):
        rows = []
        for interview in interviews:
            event = interview_event(interview, user=user)
            rows.append(
                {
                    "start": interview.slot.start,
                    "end": interview.slot.end,
                    "counterpart": event.counterpart_name,
                    "location": interview_location(info, event),
                }
            )
        subject = _("Tomorrow: %(fair)s") % {"fair": fair.name}
        what_to_bring = interview_event(interviews[0], user=user).what_to_bring if rows else ""
    parts = [
        Part(
            filename=f"{fair.slug}.ics",
            mimetype="text/calendar; method=PUBLISH; charset=UTF-8",
            content=person_calendar(user=user, fair=fair),
        )
    ]
    badge = badge_pdf(fair=fair, user=user)
    if badge is not None:
        parts.append(
            Part(filename=f"badge-{fair.slug}.pdf", mimetype="application/pdf", content=badge)
        )
    return email_log_create(
        user=user,
        subject=subject,
        template="reminder_day_before",
        context={
            "fair": fair,
            "interviews": rows,
            "what_to_bring": what_to_bring,
            "has_badge": badge is not None,
        },
        parts=parts,
        fair=fair,
        kind="reminder",
        dedupe_key=key,
    )


def reminders_send(*, fair: Fair, today: date | None = None) -> int:
    """Send the day-before reminder to every participant who has not had it; return how many.

    Only on the day before the fair (Europe/Copenhagen): "see you tomorrow" sent on any other
    day would be wrong, and refused with the code "not_day_before". One short transaction per
    person, so a long run can be stopped and started again.
    """
    today = today or timezone.localdate()
    eve = fair.date - timedelta(days=1)
    if today != eve:
        raise NotAvailable(
            _(
                "The reminder of %(fair)s can only be sent on %(eve)s, the day before the fair "
                "(today is %(today)s)."
            )
            % {"fair": fair.name, "eve": f"{eve:%d.%m.%Y}", "today": f"{today:%d.%m.%Y}"},
            code="not_day_before",
        )
    count = 0
    for user in participants(fair=fair).iterator():
        with transaction.atomic():
            log = reminder_create(fair=fair, user=user)
            if log is not None:
                email_enqueue_on_commit(log_id=log.pk)
                count += 1
    return count
