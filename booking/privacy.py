"""A person's stand and interview data, for the organizers' export of personal data."""

from django.db.models import Q

from booking.models import Availability, CalendarFeed, Interest, Interview, Wish
from fair.models import User
from fair.privacy import exporter


def _time(value):
    return value.isoformat() if value else None


@exporter("wishes")
def wishes(user: User) -> list[dict]:
    rows = Wish.objects.filter(student__user=user).select_related("company", "student__fair")
    return [
        {"fair": w.student.fair.slug, "company": w.company.name, "rank": w.rank}
        for w in rows.order_by("student__fair__date", "rank")
    ]


@exporter("flagged_by_companies")
def interests(user: User) -> list[dict]:
    rows = Interest.objects.filter(student__user=user).select_related("company", "student__fair")
    return [{"fair": i.student.fair.slug, "company": i.company.name} for i in rows]


@exporter("availability")
def availability(user: User) -> list[dict]:
    rows = Availability.objects.filter(Q(student__user=user) | Q(company__users=user))
    return [
        {
            "fair": a.fair.slug,
            "from": a.available_from.isoformat(),
            "until": a.available_until.isoformat(),
        }
        for a in rows.select_related("fair").distinct()
    ]


@exporter("interviews")
def interviews(user: User) -> list[dict]:
    rows = Interview.objects.filter(student__user=user).select_related("fair", "slot", "company")
    return [
        {
            "fair": i.fair.slug,
            "company": i.company.name,
            "start": _time(i.slot.start),
            "end": _time(i.slot.end),
            "table": i.table,
            "status": i.status,
            "source": i.source,
            "outcome": i.outcome,
        }
        for i in rows.order_by("slot__start")
    ]


@exporter("calendar_feeds")
def calendar_feeds(user: User) -> list[dict]:
    rows = CalendarFeed.objects.filter(user=user).select_related("fair")
    return [
        {"fair": f.fair.slug, "created": _time(f.created_at), "last_read": _time(f.last_read_at)}
        for f in rows
    ]
