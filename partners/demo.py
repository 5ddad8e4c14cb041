"""Demo partners, their staff and three years of the mapping register (called by seed_demo).

Deterministic for a seed (dates are relative to today, as in the rest of the demo).
"""

import random
from datetime import timedelta

from django.utils import timezone

from fair.demo import FIRST_NAMES, LAST_NAMES, DemoResult, _popular_programmes
from fair.enums import Role
from fair.models import Municipality, School, User
from partners.enums import RegisterStatus, Source
from partners.models import Partner, PartnerStaff
from partners.services import EntryIn, register_entry_add, register_status_change

PARTNERS = [
    ("Jobcenter Ballerup", "jobcenter", "Ballerup"),
    ("Ungdommens Uddannelsesvejledning Vestegnen", "youth_guidance", "Glostrup"),
    ("TEC, elevvejledningen", "school", "Ballerup"),
    ("NEXT, praktikcentret", "school", "Albertslund"),
    ("Praktikpladsenheden Hovedstaden", "placement_unit", None),
]


def partners_seed(*, result: DemoResult, rng: random.Random, people: int = 400) -> list[Partner]:
    """Create the partners with one staff log-in each and `people` register entries."""
    domain = f"{result.fair.slug}.example.org"
    municipalities = {m.name: m for m in Municipality.objects.all()}
    partners = []
    for number, (name, kind, town) in enumerate(PARTNERS, start=1):
        partner, _ = Partner.objects.get_or_create(
            name=name, defaults={"kind": kind, "municipality": municipalities.get(town)}
        )
        partners.append(partner)
        email = f"partner{number}@{domain}"
        password = f"partner-{result.fair.slug}-demo-{number}"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=password, name=f"Demo {name}", role=Role.PARTNER
            )
            PartnerStaff.objects.create(user=user, partner=partner)
        result.users.append((user, "partner"))
        result.passwords[email] = password
    _register_seed(partners=partners, rng=rng, people=people, domain=domain)
    return partners


def _register_seed(*, partners, rng, people: int, domain: str) -> None:
    today = timezone.localdate()
    popular = _popular_programmes()
    by_area: dict[str, list] = {}
    for programme in popular:
        by_area.setdefault(programme.main_area, []).append(programme)
    places = list(Municipality.objects.order_by("code"))
    schools = list(School.objects.order_by("name"))
    twins = []
    for number in range(1, people + 1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        main = rng.choice(popular)
        programmes = [main]
        if rng.random() < 0.2 and len(by_area[main.main_area]) > 1:
            programmes.append(rng.choice(by_area[main.main_area]))  # two of one trade group
        since = today - timedelta(days=rng.randint(0, 3 * 365))
        born = today.replace(year=today.year - rng.randint(16, 24)) - timedelta(rng.randint(0, 364))
        partner = rng.choice(partners)
        entry = EntryIn(
            name=f"{first} {last}",
            email=f"register{number:04d}@{domain}" if rng.random() < 0.6 else "",
            birth_date=born if rng.random() < 0.7 else None,
            programmes=list(dict.fromkeys(programmes)),
            municipality=rng.choice(places) if rng.random() < 0.9 else None,
            school=rng.choice(schools) if schools and rng.random() < 0.8 else None,
            seeking_since=since,
        )
        source = rng.choice([Source.FORM, Source.CSV])
        person, _ = register_entry_add(entry=entry, partner=partner, source=source)
        if entry.email and rng.random() < 0.15:  # a second partner reports the same student
            other = rng.choice([p for p in partners if p != partner])
            register_entry_add(entry=entry, partner=other, source=Source.CSV)
        if entry.birth_date and not entry.email and rng.random() < 0.05:
            twins.append((entry, rng.choice([p for p in partners if p != partner])))
        _history(person=person, partner=partner, rng=rng, today=today)
    for entry, other in twins:  # possible duplicates for organizers to merge
        entry.name = entry.name.upper()
        register_entry_add(entry=entry, partner=other, source=Source.FORM)


def _history(*, person, partner, rng: random.Random, today) -> None:
    """A plausible path: trial days, school-based training, then an agreement or leaving."""
    day = person.seeking_since
    for status, chance, weeks in (
        (RegisterStatus.TRIAL_DAYS, 0.3, (2, 12)),
        (RegisterStatus.SCHOOL_TRAINING, 0.25, (8, 30)),
        (RegisterStatus.TRAINING_AGREEMENT, 0.55, (2, 40)),
    ):
        if rng.random() >= chance:
            continue
        day = day + timedelta(weeks=rng.randint(*weeks))
        if day > today:
            return
        register_status_change(
            person=person, status=status, effective=day, user=None, partner=partner
        )
        if status == RegisterStatus.TRAINING_AGREEMENT:
            return
    if rng.random() < 0.05 and day + timedelta(weeks=10) <= today:
        register_status_change(
            person=person,
            status=RegisterStatus.LEFT,
            effective=day + timedelta(weeks=10),
            user=None,
            partner=partner,
        )
