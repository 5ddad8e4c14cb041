"""Two earlier fairs for the demo, so the dashboard compares three years.

Deterministic for a seed. The same companies (by CVR) come back over the years, fewer of
them and with fewer approved placements the further back; students are new people each year
(signed up through the real services, with registration "then" open), and interviews were
held at each fair. The earlier fairs are not public.
"""

import random
from datetime import timedelta

from django.apps import apps

from booking.enums import InterviewSource, InterviewStatus, Outcome
from booking.interviews.slots import slots_generate
from booking.models import Interview
from fair import services
from fair.demo import FIRST_NAMES, LAST_NAMES, DemoResult, _fair_create, fair_reset
from fair.enums import PlacementStatus, ReferredBy
from fair.models import Company, Fair, Municipality, School

YEARS_BACK = (2, 1)  # oldest first
SHARE = {2: 0.6, 1: 0.8}  # of this year's companies and students that a year had


def history_slugs(slug: str) -> list[str]:
    return [f"{slug}-earlier-{years}" for years in YEARS_BACK]


def history_reset(*, slug: str) -> None:
    """Delete the earlier fairs of a demo fair (for seed_demo --reset)."""
    for old in history_slugs(slug):
        fair_reset(slug=old)


def _earlier_fair(current: Fair, years: int, slug: str) -> Fair:
    today = current.date - timedelta(days=60 + 364 * years)
    fair = _fair_create(slug=slug, today=today)
    fair.name = f"Praktikpladsmessen {fair.date.year}"
    fair.is_public = False
    fair.save(update_fields=["name", "is_public"])
    return fair


def _companies(fair: Fair, source: list[Company], share: float, rng, now) -> list[Company]:
    made = []
    for company in source:
        if rng.random() >= share:
            continue
        offers = [
            services.Offer(
                programme=o.programme,
                approved=o.approved and rng.random() < 0.9,
                placements=max(1, o.placements - rng.randint(0, 1)),
            )
            for o in company.offers.all()
        ]
        made.append(
            services.company_register(
                fair=fair,
                name=company.name,
                cvr=company.cvr,
                address=company.address,
                postcode=company.postcode,
                city=company.city,
                municipality=company.municipality,
                contact_name=company.users.all()[0].name,
                # The contact of that year: an address may sign up only once.
                contact_email=company.users.all()[0].email.replace("@", f"-{fair.date.year}@"),
                offers=offers,
                now=now,
            )
        )
    return made


def _students(fair: Fair, count: int, programmes, rng, now, domain: str, years: int):
    municipalities = list(Municipality.objects.order_by("code"))
    schools = list(School.objects.order_by("name"))
    seeking_weight = 80 + 5 * years  # more students lacked a placement earlier
    made = []
    for number in range(1, count + 1):
        wanted = [rng.choice(programmes)]
        if rng.random() < 0.2:
            wanted = list(dict.fromkeys(wanted + [rng.choice(programmes)]))
        made.append(
            services.student_register(
                fair=fair,
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                email=f"student{number:04d}-{fair.date.year}@{domain}",
                programmes=wanted,
                consent_profile=rng.random() < 0.9,
                school=rng.choice(schools) if schools else None,
                municipality=rng.choice(municipalities) if municipalities else None,
                placement_status=rng.choices(
                    list(PlacementStatus.values), weights=[seeking_weight, 15, 5]
                )[0],
                referred_by=rng.choices(list(ReferredBy.values), weights=[70, 15, 10, 5])[0],
                now=now,
            )
        )
    return made


def _interviews(fair: Fair, students, companies, rng) -> None:
    """Held interviews: each student meets up to two companies of its trades, in free slots."""
    slots = slots_generate(fair=fair)
    if not slots:
        return
    by_programme: dict[int, list[Company]] = {}
    for company in companies:
        for offer in company.offers.all():
            by_programme.setdefault(offer.programme_id, []).append(company)
    used = {c.pk: 0 for c in companies}
    rows = []
    for student in students:
        choices = sorted(
            {c for p in student.programmes.all() for c in by_programme.get(p.pk, [])},
            key=lambda c: c.pk,
        )
        taken: set[int] = set()
        for company in rng.sample(choices, min(len(choices), rng.choice([0, 1, 2, 2]))):
            turn = used[company.pk]
            slot = slots[turn % len(slots)]
            if slot.pk in taken:
                continue
            used[company.pk] += 1
            taken.add(slot.pk)
            status = InterviewStatus.HELD if rng.random() < 0.88 else InterviewStatus.NO_SHOW
            outcome = Outcome.NONE
            if status == InterviewStatus.HELD:
                outcome = rng.choices(
                    [Outcome.NONE, Outcome.FOLLOW_UP, Outcome.TRIAL, Outcome.CONTRACT],
                    weights=[55, 20, 18, 7],
                )[0]
            rows.append(
                Interview(
                    fair=fair,
                    slot=slot,
                    student=student,
                    company=company,
                    table=1 + turn // len(slots),
                    source=InterviewSource.SCHEDULER,
                    status=status,
                    outcome=outcome,
                )
            )
    Interview.objects.bulk_create(rows)


def history_seed(*, result: DemoResult, rng: random.Random) -> list[Fair]:
    """Create the two earlier fairs of the demo fair in `result`; return them, oldest first."""
    current = result.fair
    history_reset(slug=current.slug)
    source = list(
        Company.objects.filter(fair=current)
        .select_related("municipality")
        .prefetch_related("offers__programme", "users")
        .order_by("cvr")
    )
    programmes = sorted({o.programme for c in source for o in c.offers.all()}, key=lambda p: p.code)
    total = current.students.count()
    fairs = []
    for years, slug in zip(YEARS_BACK, history_slugs(current.slug), strict=True):
        fair = _earlier_fair(current, years, slug)
        now = fair.company_registration_deadline - timedelta(days=7)
        companies = _companies(fair, source, SHARE[years], rng, now)
        if programmes:
            students = _students(
                fair,
                round(total * SHARE[years]),
                programmes,
                rng,
                now,
                f"{current.slug}.example.org",
                years,
            )
            _interviews(fair, students, companies, rng)
        if apps.is_installed("outcomes"):
            from outcomes.demo import outcomes_seed

            outcomes_seed(fair=fair, rng=rng)
        fairs.append(fair)
    return fairs
