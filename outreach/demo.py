"""Demo outreach for seed_demo: prospects, statuses, activities and a campaign with invitations.

Deterministic for a given random stream; organisations persist across `--reset`, so their
outreach history is rebuilt, not added to.
"""

import random
from datetime import timedelta

from django.utils import timezone

from booking.enums import ACTIVE_STAND_BOOKING
from booking.models import StandBooking
from fair.demo import cvr_make, phone_make
from fair.models import Company, Fair, Municipality, Organisation, User
from outreach.enums import ActivityKind, ProspectStatus
from outreach.models import Activity, Campaign, Invitation, StatusChange
from outreach.services import campaign_create, prospect_add, status_set

NAMES = ["Tømrer", "El-service", "VVS", "Maler", "Auto", "Bageri", "Frisør", "Smed", "Køkken"]
TOWNS = ["Ballerup", "Herlev", "Glostrup", "Albertslund", "Rødovre", "Brøndby", "Ishøj"]
STEPS = [
    ProspectStatus.CONTACTED,
    ProspectStatus.VISITED,
    ProspectStatus.INTERESTED,
    ProspectStatus.APPLYING,
]


def outreach_seed(*, fair: Fair, rng: random.Random, prospects: int = 30) -> Campaign:
    """Prospects with history and activities, and one campaign inviting some of them."""
    now = timezone.now()
    organizer = User.objects.filter(role="organizer").order_by("pk").first()
    municipalities = list(Municipality.objects.order_by("code"))
    orgs = []
    for index in range(prospects):
        name = f"{rng.choice(TOWNS)} {rng.choice(NAMES)} {index + 1} ApS"
        cvr = cvr_make(rng)
        while Company.objects.filter(fair=fair, cvr=cvr).exists():
            cvr = cvr_make(rng)
        orgs.append(
            prospect_add(
                cvr=cvr,
                name=name,
                user=organizer,
                city=rng.choice(TOWNS),
                municipality=rng.choice(municipalities) if municipalities else None,
                phone=phone_make(rng),
            )
        )
    participants = list(Organisation.objects.filter(participations__fair=fair).order_by("cvr")[:12])
    everyone = orgs + participants
    StatusChange.objects.filter(organisation__in=everyone).delete()
    Activity.objects.filter(organisation__in=everyone).delete()
    campaign = campaign_create(fair=fair, name="Efterår: byggefag på Vestegnen", user=organizer)
    for org in orgs:
        steps = STEPS[: rng.randint(1, len(STEPS))]
        start = now - timedelta(days=rng.randint(20, 60))
        for offset, step in enumerate(steps):
            status_set(
                organisation=org, status=step, user=organizer, at=start + timedelta(days=offset * 5)
            )
        Activity.objects.create(
            organisation=org,
            kind=rng.choice(ActivityKind.values),
            consultant=organizer,
            happened_on=(start + timedelta(days=2)).date(),
            note="Talte med indehaveren om lærepladser.",
            next_action="Ring igen om messen",
            next_action_on=(now + timedelta(days=rng.randint(1, 20))).date(),
        )
    invited = orgs[: prospects // 2] + participants
    for org in invited:
        Invitation.objects.create(
            campaign=campaign,
            organisation=org,
            email=f"kontakt-{org.cvr}@example.org",
            created_by=organizer,
            sent_at=now - timedelta(days=14),
            registered_at=now - timedelta(days=7) if org in participants else None,
        )
        status_set(
            organisation=org,
            status=ProspectStatus.INVITED,
            user=organizer,
            campaign=campaign,
            at=now - timedelta(days=14),
        )
    for org in participants:
        status_set(
            organisation=org,
            status=ProspectStatus.REGISTERED,
            user=None,
            campaign=campaign,
            at=now - timedelta(days=7),
        )
    booked = set(
        StandBooking.objects.filter(fair=fair, status__in=ACTIVE_STAND_BOOKING).values_list(
            "company__organisation_id", flat=True
        )
    )
    for org in participants:
        if org.pk in booked:
            status_set(organisation=org, status=ProspectStatus.BOOKED, user=None, campaign=campaign)
    if len(orgs) > 2:
        status_set(organisation=orgs[-1], status=ProspectStatus.DECLINED, user=organizer)
    return campaign
