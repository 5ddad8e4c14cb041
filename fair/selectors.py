"""Read operations of the core domain; they own the query shapes (no N+1)."""

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from fair.models import (
    Company,
    CompanyProgramme,
    EmailLog,
    Fair,
    Organisation,
    OrganisationApproval,
    Programme,
    School,
    Student,
    User,
)
from fair.privacy import EXPORTERS


def fair_current() -> Fair | None:
    """The next public fair (or the latest one when all are past)."""
    today = timezone.localdate()
    upcoming = Fair.objects.filter(is_public=True, date__gte=today).order_by("date").first()
    return upcoming or Fair.objects.filter(is_public=True).order_by("-date").first()


def programme_list() -> QuerySet[Programme]:
    """All programmes that are offered, by main area and name."""
    return Programme.objects.filter(active=True).order_by("main_area", "name_da")


def school_list() -> QuerySet[School]:
    return School.objects.order_by("name")


def exhibitor_list(*, fair: Fair) -> QuerySet[Company]:
    """The fair's companies with their programmes (two queries in all)."""
    offers = CompanyProgramme.objects.select_related("programme").order_by("programme__name_da")
    return (
        Company.objects.filter(fair=fair)
        .order_by("name")
        .prefetch_related(Prefetch("offers", queryset=offers))
    )


def fair_programme_list(*, fair: Fair) -> QuerySet[Programme]:
    """The programmes that the fair's companies train in."""
    return Programme.objects.filter(offers__company__fair=fair).distinct().order_by("name_da")


def student_for(*, user: User, fair: Fair | None = None) -> Student | None:
    """The user's student profile at a fair (the latest fair when none is given)."""
    qs = Student.objects.filter(user=user).select_related("fair", "school", "user", "municipality")
    if fair is not None:
        qs = qs.filter(fair=fair)
    return qs.prefetch_related("programmes").order_by("-fair__date").first()


def company_for(*, user: User, fair: Fair | None = None, offers: bool = True) -> Company | None:
    """The company the user is a contact of at a fair (the latest fair when none is given).

    The one way to find a person's company; None for anonymous visitors. ``offers=False``
    leaves out the programmes the company offers (one query fewer).
    """
    if not user.is_authenticated:
        return None
    qs = Company.objects.filter(users=user).select_related("fair", "municipality")
    if fair is not None:
        qs = qs.filter(fair=fair)
    if offers:
        rows = CompanyProgramme.objects.select_related("programme")
        qs = qs.prefetch_related(Prefetch("offers", queryset=rows))
    return qs.order_by("-fair__date").first()


def person_export(*, user: User) -> dict:
    """Everything the system holds about one person, as plain data (for access requests)."""
    students = (
        Student.objects.filter(user=user)
        .select_related("fair", "school", "municipality")
        .prefetch_related("programmes")
    )
    companies = Company.objects.filter(users=user).select_related("fair")
    return {
        "user": {
            "email": user.email,
            "name": user.name,
            "role": user.role,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "students": [
            {
                "fair": s.fair.slug,
                "phone": s.phone,
                "school": s.school.name if s.school else None,
                "class": s.school_class,
                "municipality": s.municipality.code if s.municipality else None,
                "programmes": [p.code for p in s.programmes.all()],
                "placement_status": s.placement_status,
                "referred_by": s.referred_by,
                "consent_profile": s.consent_profile,
                "consent_at": s.consent_at.isoformat() if s.consent_at else None,
                "registered": s.created_at.isoformat(),
            }
            for s in students
        ],
        "companies": [{"fair": c.fair.slug, "name": c.name, "cvr": c.cvr} for c in companies],
        "api_tokens": [
            {"prefix": t.prefix, "created": t.created_at.isoformat(), "revoked": bool(t.revoked_at)}
            for t in user.api_tokens.all()
        ],
        "emails": [
            {
                "subject": e.subject,
                "kind": e.kind,
                "status": e.status,
                "created": e.created_at.isoformat(),
                "sent": e.sent_at.isoformat() if e.sent_at else None,
            }
            for e in EmailLog.objects.filter(user=user).order_by("created_at")
        ],
        # Stands, interviews, badges and check-ins: added by those apps (fair imports none).
        **{name: export(user) for name, export in EXPORTERS.items()},
    }


def current_approval_status(organisation_ids) -> dict[tuple[int, int], str]:
    """{(organisation id, programme id): status} from the latest approval row of each pair."""
    current: dict[tuple[int, int], str] = {}
    rows = (
        OrganisationApproval.objects.filter(organisation_id__in=list(organisation_ids))
        .order_by("recorded_at", "pk")
        .values_list("organisation_id", "programme_id", "status")
    )
    for organisation_id, programme_id, status in rows:
        current[(organisation_id, programme_id)] = status
    return current


def approval_history_for(*, organisation: Organisation) -> QuerySet[OrganisationApproval]:
    """Every approval statement of an organisation, newest first, with who recorded it."""
    return (
        OrganisationApproval.objects.filter(organisation=organisation)
        .select_related("programme", "recorded_by")
        .order_by("-recorded_at", "-pk")
    )


def participations_for(*, organisation: Organisation) -> QuerySet[Company]:
    """The organisation's participations in fairs, newest fair first, with their offers."""
    offers = CompanyProgramme.objects.select_related("programme")
    return (
        Company.objects.filter(organisation=organisation)
        .select_related("fair")
        .prefetch_related(Prefetch("offers", queryset=offers))
        .order_by("-fair__date")
    )


def student_history_for(*, user: User) -> QuerySet[Student]:
    """A person's student profiles over fairs (one per fair), newest fair first."""
    return (
        Student.objects.filter(user=user)
        .select_related("fair", "school", "municipality")
        .prefetch_related("programmes")
        .order_by("-fair__date")
    )
