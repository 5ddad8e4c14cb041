"""Write operations of outreach: prospects, status history, activities, campaigns, invitations."""

from datetime import date

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fair.exceptions import AlreadyExists, InvalidInput, NotAllowed
from fair.models import Company, Fair, Municipality, Organisation, User
from fair.organisation_services import organisation_upsert
from fair.phases import company_registration_open
from fair.rules import partner_of
from fair.validators import cvr_normalise, phone_normalise
from outreach.enums import ActivityKind, ProspectStatus
from outreach.models import Activity, Campaign, Invitation, StatusChange

INVITE_SALT = "outreach.invitation"
# Links stay valid for 60 days (and only while the fair takes registrations).
INVITE_MAX_AGE = getattr(settings, "OUTREACH_INVITE_MAX_AGE", 60 * 24 * 3600)


def _invalid(field: str, message) -> InvalidInput:
    return InvalidInput({field: [str(message)]})


@transaction.atomic
def prospect_add(
    *,
    cvr: str,
    name: str,
    user: User | None,
    address: str = "",
    postcode: str = "",
    city: str = "",
    municipality: Municipality | None = None,
    phone: str = "",
    website: str = "",
    status: str = "",
    note: str = "",
) -> Organisation:
    """Add an organisation by hand (or update it when its CVR is known) as a prospect."""
    try:
        cvr = cvr_normalise(cvr)
    except ValidationError as exc:
        raise InvalidInput({"cvr": exc.messages}) from None
    try:
        phone = phone_normalise(phone)
    except ValidationError as exc:
        raise InvalidInput({"phone": exc.messages}) from None
    if not name.strip():
        raise _invalid("name", _("This field is required."))
    if website.strip():
        try:
            URLValidator(schemes=["http", "https"])(website.strip())
        except ValidationError:
            raise _invalid("website", _("Enter a valid URL.")) from None
    organisation = organisation_upsert(
        cvr=cvr,
        name=name.strip(),
        address=address.strip(),
        postcode=postcode.strip(),
        city=city.strip(),
        municipality=municipality,
        phone=phone,
        website=website.strip(),
    )
    if status:
        status_set(organisation=organisation, status=status, user=user, note=note)
    return organisation


def status_set(
    *,
    organisation: Organisation,
    status: str,
    user: User | None,
    campaign: Campaign | None = None,
    note: str = "",
    at=None,
) -> StatusChange | None:
    """Append a status to the prospect's history; nothing when it is the current one already."""
    if status not in ProspectStatus.values:
        raise _invalid("status", _("Choose a valid status."))
    current = (
        StatusChange.objects.filter(organisation=organisation)
        .order_by("-changed_at", "-pk")
        .values_list("status", flat=True)
        .first()
    )
    if current == status:
        return None
    return StatusChange.objects.create(
        organisation=organisation,
        status=status,
        campaign=campaign,
        changed_by=user,
        note=note[:300],
        changed_at=at or timezone.now(),
    )


def activity_add(
    *,
    organisation: Organisation,
    kind: str,
    consultant: User,
    happened_on: date | None = None,
    note: str = "",
    next_action: str = "",
    next_action_on: date | None = None,
) -> Activity:
    """Record a call, visit or e-mail by a consultant, with the partner they work for."""
    if kind not in ActivityKind.values:
        raise _invalid("kind", _("Choose a valid kind of activity."))
    if next_action_on and not next_action.strip():
        raise _invalid("next_action", _("Say what the next action is."))
    return Activity.objects.create(
        organisation=organisation,
        kind=kind,
        consultant=consultant,
        partner=partner_of(consultant),
        happened_on=happened_on or timezone.localdate(),
        note=note.strip(),
        next_action=next_action.strip(),
        next_action_on=next_action_on,
    )


def campaign_create(*, fair: Fair, name: str, user: User | None) -> Campaign:
    """A new campaign for a fair; names are unique per fair."""
    name = name.strip()
    if not name:
        raise _invalid("name", _("This field is required."))
    if Campaign.objects.filter(fair=fair, name__iexact=name).exists():
        raise AlreadyExists(
            _("A campaign with this name exists for this fair."), code="campaign_taken"
        )
    return Campaign.objects.create(fair=fair, name=name, created_by=user)


def invitation_token(*, invitation: Invitation) -> str:
    """The signed token of an invitation link (it expires; see `invitation_from_token`)."""
    return signing.dumps({"i": invitation.pk}, salt=INVITE_SALT, compress=True)


def invitation_from_token(*, token: str) -> Invitation | None:
    """The invitation of a link that is unaltered, not expired and whose fair is open."""
    try:
        data = signing.loads(token, salt=INVITE_SALT, max_age=INVITE_MAX_AGE)
    except signing.BadSignature:
        return None
    invitation = (
        Invitation.objects.select_related("campaign__fair", "organisation__municipality")
        .filter(pk=data.get("i"))
        .first()
    )
    if invitation is None or not company_registration_open(invitation.campaign.fair):
        return None
    return invitation


@transaction.atomic
def invitation_create(
    *,
    campaign: Campaign,
    organisation: Organisation,
    email: str,
    contact_name: str = "",
    user: User | None,
    base_url: str | None = None,
) -> Invitation:
    """Invite an organisation to the campaign's fair: store, e-mail the link, mark "invited"."""
    from outreach.emails import invitation_email_send

    if Company.objects.filter(fair=campaign.fair, organisation=organisation).exists():
        raise NotAllowed(
            _("This company is already registered for the fair."), code="already_registered"
        )
    if Invitation.objects.filter(campaign=campaign, organisation=organisation).exists():
        raise AlreadyExists(
            _("This company is already invited in this campaign."), code="already_invited"
        )
    invitation = Invitation(
        campaign=campaign,
        organisation=organisation,
        email=email.strip().lower(),
        contact_name=contact_name.strip(),
        created_by=user,
    )
    try:
        invitation.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise InvalidInput({k: [str(m) for m in v] for k, v in exc.message_dict.items()}) from None
    invitation.sent_at = timezone.now()
    invitation.save()
    status_set(
        organisation=organisation, status=ProspectStatus.INVITED, user=user, campaign=campaign
    )
    invitation_email_send(invitation=invitation, base_url=base_url, reminder=False)
    return invitation


def invitation_opened(*, invitation: Invitation) -> None:
    """Note the first time the link was opened."""
    if invitation.opened_at is None:
        Invitation.objects.filter(pk=invitation.pk).update(opened_at=timezone.now())


def reminders_send(*, campaign: Campaign, base_url: str | None = None) -> int:
    """Remind, once, everyone invited in the campaign who has not registered; return how many."""
    from outreach.emails import invitation_email_send
    from outreach.selectors import invitations_unanswered

    if not company_registration_open(campaign.fair):
        return 0
    count = 0
    for invitation in invitations_unanswered(campaign=campaign):
        with transaction.atomic():
            updated = Invitation.objects.filter(pk=invitation.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            )
            if updated:
                invitation_email_send(invitation=invitation, base_url=base_url, reminder=True)
                count += 1
    return count


def participation_registered(*, company_id: int) -> None:
    """A company registered for a fair: its invitations there count as answered."""
    company = Company.objects.filter(pk=company_id).select_related("organisation").first()
    if company is None or company.organisation is None:
        return
    invitations = Invitation.objects.filter(
        campaign__fair_id=company.fair_id, organisation=company.organisation
    ).select_related("campaign")
    invitation = invitations.order_by("-created_at").first()
    if invitation is None:
        return
    invitations.filter(registered_at__isnull=True).update(registered_at=timezone.now())
    status_set(
        organisation=company.organisation,
        status=ProspectStatus.REGISTERED,
        user=None,
        campaign=invitation.campaign,
    )


def stand_booked(*, booking_id: int) -> None:
    """An invited company booked a stand: its status moves to "booked a stand"."""
    from booking.enums import ACTIVE_STAND_BOOKING
    from booking.models import StandBooking

    booking = StandBooking.objects.filter(pk=booking_id).select_related("company").first()
    if booking is None or booking.status not in ACTIVE_STAND_BOOKING:
        return
    company = booking.company
    if company.organisation_id is None:
        return
    invitation = (
        Invitation.objects.filter(
            campaign__fair_id=company.fair_id, organisation_id=company.organisation_id
        )
        .select_related("campaign")
        .order_by("-created_at")
        .first()
    )
    if invitation is None:
        return
    status_set(
        organisation=company.organisation,
        status=ProspectStatus.BOOKED,
        user=None,
        campaign=invitation.campaign,
    )
