"""Write operations on persistent organisations: find by CVR, details, approval history."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fair.enums import ApprovalStatus
from fair.exceptions import InvalidInput
from fair.models import Organisation, OrganisationApproval, Programme, User

DECLARATION = "company declaration"
ORGANIZER = "organizer"
DETAIL_FIELDS = ("name", "address", "postcode", "city", "municipality", "website", "phone")


def organisation_upsert(*, cvr: str, **details: object) -> Organisation:
    """The organisation with this (normalised) CVR, created or with its details updated.

    Blank details never overwrite known ones. Locks the row when it exists.
    """
    details = {k: v for k, v in details.items() if k in DETAIL_FIELDS and v not in ("", None)}
    organisation = Organisation.objects.select_for_update().filter(cvr=cvr).first()
    if organisation is None:
        organisation, _created = Organisation.objects.get_or_create(cvr=cvr, defaults=details)
        if _created:
            return organisation
    changed = [k for k, v in details.items() if getattr(organisation, k) != v]
    for key in changed:
        setattr(organisation, key, details[key])
    if changed:
        organisation.save(update_fields=changed)
    return organisation


def _current(organisation: Organisation) -> dict[int, str]:
    current: dict[int, str] = {}
    for programme_id, status in (
        OrganisationApproval.objects.filter(organisation=organisation)
        .order_by("recorded_at", "pk")
        .values_list("programme_id", "status")
    ):
        current[programme_id] = status
    return current


def approvals_from_declaration(
    *, organisation: Organisation, declared: dict[int, bool], user: User | None = None
) -> list[OrganisationApproval]:
    """Record what a company declares (programme id → approved), only where it changes.

    A company saying "not approved" does not overwrite "applied" recorded by an organizer.
    """
    current = _current(organisation)
    now = timezone.now()
    rows = []
    for programme_id, approved in declared.items():
        status = ApprovalStatus.APPROVED if approved else ApprovalStatus.NOT_APPROVED
        was = current.get(programme_id)
        if was == status or (status == ApprovalStatus.NOT_APPROVED and was == "applied"):
            continue
        rows.append(
            OrganisationApproval(
                organisation=organisation,
                programme_id=programme_id,
                status=status,
                recorded_by=user,
                recorded_at=now,
                source=DECLARATION,
            )
        )
    return OrganisationApproval.objects.bulk_create(rows)


@transaction.atomic
def approval_record(
    *,
    organisation: Organisation,
    programme: Programme,
    status: str,
    recorded_by: User | None,
    source: str = ORGANIZER,
    note: str = "",
) -> OrganisationApproval:
    """Append one approval statement (the history is kept; the newest row is current)."""
    if status not in ApprovalStatus.values:
        raise InvalidInput({"status": [str(_("Choose a valid approval status."))]})
    return OrganisationApproval.objects.create(
        organisation=organisation,
        programme=programme,
        status=status,
        recorded_by=recorded_by,
        source=source[:100],
        note=note[:500],
    )
