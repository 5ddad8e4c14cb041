"""A person's badges, check-ins and stand conversations, for the export of personal data."""

from badges.models import Badge, CheckIn, StandConversation
from fair.models import User
from fair.privacy import exporter


def _time(value):
    return value.isoformat() if value else None


@exporter("badges")
def badges(user: User) -> list[dict]:
    rows = Badge.objects.filter(user=user).select_related("fair").prefetch_related("events")
    return [
        {
            "fair": b.fair.slug,
            "role": b.role,
            "version": b.version,
            "issued": _time(b.issued_at),
            "revoked": _time(b.revoked_at),
            "log": [{"what": e.kind, "why": e.reason, "when": _time(e.at)} for e in b.events.all()],
        }
        for b in rows.order_by("fair__date", "version")
    ]


@exporter("check_ins")
def check_ins(user: User) -> list[dict]:
    rows = CheckIn.objects.filter(user=user).select_related("fair")
    return [{"fair": c.fair.slug, "checked_in": _time(c.checked_in_at)} for c in rows]


@exporter("stand_conversations")
def stand_conversations(user: User) -> list[dict]:
    rows = StandConversation.objects.filter(student__user=user).select_related("fair", "company")
    return [
        {
            "fair": c.fair.slug,
            "company": c.company.name,
            "outcome": c.outcome,
            "when": _time(c.created_at),
        }
        for c in rows
    ]
