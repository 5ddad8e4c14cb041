"""Read operations of outreach; they own the query shapes (a fixed number of queries)."""

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from fair.models import Company, Fair, Organisation, User
from fair.rules import may_read_outreach_note
from outreach.models import Activity, Campaign, Invitation, StatusChange


def prospect_list(
    *, fair: Fair | None = None, status: str = "", query: str = ""
) -> QuerySet[Organisation]:
    """Organisations with their current outreach status and next action date.

    With a fair: only prospects for it, i.e. organisations not (yet) taking part in it.
    """
    latest = StatusChange.objects.filter(organisation=OuterRef("pk")).order_by("-changed_at", "-pk")
    upcoming = Activity.objects.filter(
        organisation=OuterRef("pk"), next_action_on__isnull=False
    ).order_by("-happened_on", "-pk")
    qs = Organisation.objects.select_related("municipality").annotate(
        status=Subquery(latest.values("status")[:1]),
        next_action_on=Subquery(upcoming.values("next_action_on")[:1]),
    )
    if fair is not None:
        qs = qs.exclude(participations__fair=fair)
    if status:
        qs = qs.filter(status=status)
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(cvr__contains=query) | Q(city__icontains=query))
    return qs.order_by("name", "pk")


def status_history_for(*, organisation: Organisation) -> QuerySet[StatusChange]:
    """A prospect's statuses, newest first."""
    return (
        StatusChange.objects.filter(organisation=organisation)
        .select_related("campaign", "changed_by")
        .order_by("-changed_at", "-pk")
    )


def activity_list_for(*, organisation: Organisation, user: User) -> list[Activity]:
    """A prospect's activities, newest first; notes the user may not read are blanked."""
    activities = list(
        Activity.objects.filter(organisation=organisation)
        .select_related("consultant", "partner")
        .order_by("-happened_on", "-pk")
    )
    for activity in activities:
        if not may_read_outreach_note(user, activity):
            activity.note = ""
            activity.next_action = ""
            activity.note_hidden = True
    return activities


def campaign_list(*, fair: Fair | None = None) -> QuerySet[Campaign]:
    qs = Campaign.objects.select_related("fair")
    if fair is not None:
        qs = qs.filter(fair=fair)
    return qs.order_by("-fair__date", "name")


def invitations_for(*, campaign: Campaign) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(campaign=campaign)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


def invitations_unanswered(*, campaign: Campaign) -> QuerySet[Invitation]:
    """Invitations sent and not yet reminded whose company has not registered for the fair."""
    registered = Company.objects.filter(fair=campaign.fair_id).values("organisation_id")
    return (
        Invitation.objects.filter(
            campaign=campaign, sent_at__isnull=False, reminded_at__isnull=True
        )
        .exclude(organisation_id__in=registered)
        .select_related("campaign__fair", "organisation")
        .order_by("pk")
    )


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def funnel_for(*, fair: Fair) -> list[dict]:
    """Per campaign of the fair: invited → registered → booked a stand, counts and percentages.

    Counted from what happened, not from statuses typed in: registered = the invited
    organisation takes part in the fair; booked = it has a pending or confirmed stand booking.
    Percentages are of those invited. Four queries, whatever the size.
    """
    from booking.enums import ACTIVE_STAND_BOOKING
    from booking.models import StandBooking

    campaigns = list(Campaign.objects.filter(fair=fair).order_by("name", "pk"))
    pairs = list(
        Invitation.objects.filter(campaign__fair=fair).values_list("campaign_id", "organisation_id")
    )
    orgs = {org for _campaign, org in pairs}
    registered = set(
        Company.objects.filter(fair=fair, organisation_id__in=orgs).values_list(
            "organisation_id", flat=True
        )
    )
    booked = set(
        StandBooking.objects.filter(
            fair=fair, company__organisation_id__in=orgs, status__in=ACTIVE_STAND_BOOKING
        ).values_list("company__organisation_id", flat=True)
    )
    rows = []
    for campaign in campaigns:
        invited = [org for cid, org in pairs if cid == campaign.pk]
        n_reg = sum(1 for org in invited if org in registered)
        n_booked = sum(1 for org in invited if org in booked)
        rows.append(
            {
                "campaign": campaign,
                "invited": len(invited),
                "registered": n_reg,
                "booked": n_booked,
                "registered_percent": _percent(n_reg, len(invited)),
                "booked_percent": _percent(n_booked, len(invited)),
            }
        )
    return rows


FUNNEL_RULE = _(
    "Invited: invitations sent in the campaign. Registered: invited companies that signed up "
    "for the fair. Booked a stand: of those, the ones with a pending or confirmed stand "
    "booking. Percentages are of those invited."
)


def funnel_rule() -> str:
    """How the funnel is counted, in the user's language (shown on the page and in the API)."""
    return str(FUNNEL_RULE)
