"""The mapping register in a person's export and erasure (matched by sign-up or e-mail)."""

from django.db.models import Q

from fair.models import User
from fair.privacy import eraser, exporter
from partners.models import MappedStudent


def _theirs(user: User):
    return MappedStudent.objects.filter(
        Q(student__user=user) | Q(email=user.email.strip().lower())
    ).distinct()


def _day(value):
    return value.isoformat() if value else None


@exporter("mapping_register")
def mapping_register(user: User) -> list[dict]:
    rows = (
        _theirs(user)
        .select_related("municipality", "school")
        .prefetch_related("programmes", "status_changes", "contributions__partner")
    )
    return [
        {
            "name": p.name,
            "email": p.email,
            "birth_date": _day(p.birth_date),
            "programmes": [x.code for x in p.programmes.all()],
            "municipality": p.municipality.name if p.municipality else None,
            "school": p.school.name if p.school else None,
            "seeking_since": _day(p.seeking_since),
            "status": p.status,
            "history": [
                {"status": c.status, "from": _day(c.effective)} for c in p.status_changes.all()
            ],
            "reported_by": [
                c.partner.name if c.partner else f"fair:{c.fair_id}" for c in p.contributions.all()
            ],
        }
        for p in rows
    ]


@eraser("mapping_register")
def mapping_register_erase(user: User) -> None:
    """The person leaves the register, contributions and history included."""
    MappedStudent.objects.filter(pk__in=list(_theirs(user).values_list("pk", flat=True))).delete()
