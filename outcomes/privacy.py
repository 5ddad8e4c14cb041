"""A person's outcomes, for the export of personal data.

Erasure needs no hook: a student's outcomes go with the student (cascade); a reporter who is
erased leaves the report without a name (`reported_by` is set to null).
"""

from django.db.models import Q

from fair.models import User
from fair.privacy import exporter
from outcomes.models import Outcome


def _date(value):
    return value.isoformat() if value else None


@exporter("outcomes")
def outcomes(user: User) -> list[dict]:
    """Outcomes of the person's meetings and the ones they reported."""
    rows = (
        Outcome.objects.filter(Q(student__user=user) | Q(reported_by=user))
        .select_related("fair", "company", "student__user")
        .order_by("recorded_at", "pk")
    )
    return [
        {
            "fair": o.fair.slug,
            "student": o.student.user.name if o.student.user_id == user.pk else None,
            "company": o.company.name,
            "outcome": o.kind,
            "start": _date(o.start_date),
            "end": _date(o.end_date),
            "reported_as": o.reporter_role,
            "reported_by_you": o.reported_by_id == user.pk,
            "recorded": o.recorded_at.isoformat(),
            "note": o.note if o.reported_by_id == user.pk else "",
        }
        for o in rows
    ]
