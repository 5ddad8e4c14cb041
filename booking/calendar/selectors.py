"""Read side of calendars: a person's interviews as plain ICS data, feeds by token."""

from __future__ import annotations

from datetime import datetime
from email.utils import parseaddr
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from booking.calendar.ics import FairInfo, InterviewEvent, Person, feed_build
from booking.enums import InterviewStatus
from booking.interviews.selectors import stand_code_subquery
from booking.models import CalendarFeed, Interview
from fair.models import Fair, User


def uid_domain() -> str:
    """The right-hand side of every UID; stable as long as the site's address is."""
    configured = getattr(settings, "FAIR_CALENDAR_UID_DOMAIN", "")
    return configured or urlsplit(settings.FAIR_BASE_URL).hostname or "praktikmesse.local"


def interview_uid(interview_id: int) -> str:
    """The interview's UID: the same in every invite, feed and update."""
    return f"interview-{interview_id}@{uid_domain()}"


def fair_info(fair: Fair) -> FairInfo:
    """The fair as ICS data: doors open to doors close, Europe/Copenhagen."""
    zone = ZoneInfo(settings.TIME_ZONE)
    name, email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return FairInfo(
        slug=fair.slug,
        uid_domain=uid_domain(),
        name=fair.name,
        venue_name=fair.venue_name,
        address=fair.venue_address,
        start=datetime.combine(fair.date, fair.opens_at, tzinfo=zone),
        end=datetime.combine(fair.date, fair.closes_at, tzinfo=zone),
        organizer=Person(name or fair.name, email or "noreply@praktikmesse.local"),
    )


def what_to_bring(*, as_company: bool) -> str:
    """What to bring, in the active language."""
    if as_company:
        return _("Information about your training placements, and who from you will be there.")
    return _("Your CV, your latest grades and questions for the company.")


def interview_event(interview: Interview, *, user: User) -> InterviewEvent:
    """One interview as the given person sees it (call under the person's language).

    Needs `slot`, `student__user`, `company` and the `stand_code` annotation loaded.
    """
    as_student = interview.student.user_id == user.pk
    counterpart = interview.company.name if as_student else interview.student.user.name
    return InterviewEvent(
        uid=interview_uid(interview.pk),
        start=interview.slot.start,
        end=interview.slot.end,
        counterpart_name=counterpart,
        stand=getattr(interview, "stand_code", None) or _("to be announced"),
        table=str(interview.table),
        sequence=interview.sequence,
        status="cancelled" if interview.status == InterviewStatus.CANCELLED else "booked",
        attendees=[Person(user.name or user.email, user.email)],
        what_to_bring=what_to_bring(as_company=not as_student),
    )


def calendar_interviews(*, user: User, fair: Fair) -> list[Interview]:
    """Every interview of the person at the fair (as student or company), cancelled ones too.

    One query; cancelled ones stay in the feed so that subscribed calendars drop them.
    """
    return list(
        Interview.objects.filter(fair=fair)
        .filter(Q(student__user=user) | Q(company__users=user))
        .select_related("slot", "student__user", "company")
        .annotate(stand_code=stand_code_subquery("company_id"))
        .distinct()
        .order_by("slot__start", "pk")
    )


def calendar_participant_fair(*, user: User) -> Fair | None:
    """The latest fair where the user is a student or a company contact."""
    return (
        Fair.objects.filter(Q(students__user=user) | Q(companies__users=user))
        .distinct()
        .order_by("-date")
        .first()
    )


def calendar_feed_by_token(*, token: str) -> CalendarFeed | None:
    """The subscription with this token (None for an unknown or replaced token)."""
    if not token or len(token) > 64:
        return None
    return CalendarFeed.objects.select_related("user", "fair").filter(token=token).first()


def interviews_for_invites(
    *, interview_ids: list[int] | None = None, fair: Fair | None = None
) -> QuerySet[Interview]:
    """Interviews with everything an invite needs (two queries), locked in pk order: those
    with `interview_ids`, or every interview of `fair`.

    Callers run inside a transaction: the row locks serialise two invite runs of one interview.
    """
    users = User.objects.order_by("pk")
    chosen = {"fair": fair} if fair is not None else {"pk__in": interview_ids or []}
    return (
        Interview.objects.select_for_update(no_key=True, of=("self",))
        .filter(**chosen)
        .select_related("fair", "slot", "student__user", "company")
        .annotate(stand_code=stand_code_subquery("company_id"))
        .prefetch_related(Prefetch("company__users", queryset=users))
        .order_by("pk")
    )


def person_calendar(*, user: User, fair: Fair) -> bytes:
    """The person's subscription feed (METHOD:PUBLISH): the fair and their interviews."""
    interviews = calendar_interviews(user=user, fair=fair)
    with translation.override(user.language):
        events = [interview_event(interview, user=user) for interview in interviews]
        return feed_build(fair=fair_info(fair), events=events)


def fair_calendar(*, fair: Fair) -> bytes:
    """The fair itself as a calendar file (METHOD:PUBLISH), in the active language."""
    return feed_build(fair=fair_info(fair), events=[])
