"""A realistic, deterministic demo fair (used by `seed_demo` and by tests)."""

import csv
import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import phonenumbers
from django.db import transaction
from django.utils import timezone

from fair import account_services, services
from fair.enums import PlacementStatus, ReferredBy, Role
from fair.models import Company, Fair, Municipality, Programme, School, Student, User
from fair.site import site_url

TZ = ZoneInfo("Europe/Copenhagen")
FIRST_NAMES = (
    "Emil Noah Oliver William Lucas Victor Malthe Oscar Carl Alfred Frederik Magnus Mikkel "
    "Mathias Jonas Sebastian Ahmad Ali Yusuf Omar Emma Ida Clara Freja Sofia Alma Ella Laura "
    "Anna Maja Josefine Sara Mathilde Nora Asta Aya Fatima Zainab Mia Liva Søren Åse Ærtebjørn"
).split()
LAST_NAMES = (
    "Nielsen Jensen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen "
    "Petersen Madsen Kristensen Olsen Thomsen Poulsen Johansen Møller Mortensen Yilmaz Hussein "
    "Khan Østergaard Ærø Bach Holm Lund Dahl"
).split()
COMPANY_WORDS = (
    "Vestegnens Ballerup Glostrup Rødovre Albertslund Taastrup Nordic Dansk Hede Skov Egholm "
    "Lindholm Kornets Hjørnets Solvang Søndergaard"
).split()
TRADE_SUFFIX = {
    "elektriker": "El-service",
    "traefagenes-byggeuddannelse": "Tømrer & Snedker",
    "murer": "Murerfirma",
    "vvs-energiuddannelsen": "VVS",
    "smed": "Smedie",
    "personvognsmekaniker": "Autoværksted",
    "detailhandelsuddannelsen": "Supermarked",
    "kontoruddannelsen": "Revision",
    "ernaeringsassistent": "Storkøkken",
    "frisoer": "Frisørsalon",
    "data-og-kommunikationsuddannelsen": "IT",
    "gastronom": "Køkken & Catering",
    "bygningsmaler": "Malerfirma",
    "anlaegsgartner": "Anlæg",
    "lager-og-terminaluddannelsen": "Logistik",
}
LEGAL = ["ApS", "A/S", "I/S", "ApS", "ApS"]
STREETS = ["Hovedgaden", "Industrivej", "Baltorpvej", "Stationsvej", "Roskildevej", "Ejbyvej"]


@dataclass
class DemoResult:
    fair: Fair
    users: list[tuple[User, str]] = field(default_factory=list)  # (user, role)
    passwords: dict[str, str] = field(default_factory=dict)


def cvr_make(rng: random.Random) -> str:
    """A random CVR number with a valid check digit (weights 2,7,6,5,4,3,2,1)."""
    weights = (2, 7, 6, 5, 4, 3, 2)
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        last = -sum(w * d for w, d in zip(weights, digits, strict=True)) % 11
        if last < 10:
            return "".join(map(str, digits)) + str(last)


def phone_make(rng: random.Random) -> str:
    """A random Danish mobile number that libphonenumber accepts."""
    while True:
        number = f"+45{rng.randint(20, 31)}{rng.randint(0, 999999):06d}"
        if phonenumbers.is_valid_number(phonenumbers.parse(number)):
            return number


def _popular_programmes() -> list[Programme]:
    by_code = Programme.objects.in_bulk(list(TRADE_SUFFIX), field_name="code")
    return [by_code[code] for code in TRADE_SUFFIX if code in by_code]


def _fair_create(*, slug: str, today) -> Fair:
    date = today + timedelta(days=60)

    def at(day, hour) -> datetime:
        return datetime.combine(day, time(hour), tzinfo=TZ)

    return Fair.objects.create(
        slug=slug,
        name=f"Praktikpladsmessen {date.year}" if slug == "demo" else f"Praktikpladsmessen {slug}",
        date=date,
        venue_name="TEC Ballerup",
        venue_address="Telegrafvej 9, 2750 Ballerup",
        description="Mød virksomheder, der kan tilbyde dig en læreplads.",
        opens_at=time(9),
        closes_at=time(15),
        interviews_start=time(10),
        interviews_end=time(14),
        slot_minutes=12,
        buffer_minutes=3,
        company_registration_deadline=at(date - timedelta(days=21), 23),
        student_registration_deadline=at(date - timedelta(days=7), 23),
        stand_booking_deadline=at(date - timedelta(days=14), 23),
        wish_deadline=at(date - timedelta(days=5), 23),
        schedule_publication_at=at(date - timedelta(days=3), 12),
        # The demo fair is weeks ahead: its door can be tried out today.
        door_rehearsal=True,
    )


def _staff_user(email: str, name: str, role: str, password: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=password, name=name, role=role, is_staff=role == Role.ORGANIZER
        )
        user.is_superuser = role == Role.ORGANIZER
        user.save(update_fields=["is_superuser"])
    return user


def fair_reset(*, slug: str) -> None:
    """Delete a fair and the student and company users that belonged only to it."""
    fair = Fair.objects.filter(slug=slug).first()
    if fair is None:
        return
    user_ids = set(Student.objects.filter(fair=fair).values_list("user_id", flat=True))
    user_ids |= set(
        Company.users.through.objects.filter(company__fair=fair).values_list("user_id", flat=True)
    )
    fair.delete()
    User.objects.filter(pk__in=user_ids, role__in=[Role.STUDENT, Role.COMPANY]).filter(
        students__isnull=True, companies__isnull=True
    ).delete()


@transaction.atomic
def demo_fair_create(
    *, slug: str = "demo", students: int = 300, companies: int = 40, seed: int = 1
):
    """Create the demo fair with companies and students; deterministic for a seed."""
    rng = random.Random(seed)
    now = timezone.now()
    fair = _fair_create(slug=slug, today=timezone.localdate())
    result = DemoResult(fair=fair)
    popular = _popular_programmes()
    everything = list(Programme.objects.order_by("code"))
    municipalities = list(Municipality.objects.order_by("code"))
    schools = list(School.objects.order_by("name"))
    used_cvrs: set[str] = set()
    offered: list[Programme] = []
    domain = f"{slug}.example.org"
    for number in range(1, companies + 1):
        main = rng.choices(popular, weights=range(len(popular) + 5, 5, -1))[0]
        extra = rng.sample(everything, rng.choice([0, 0, 1, 2]))
        programmes = list(dict.fromkeys([main, *extra]))
        cvr = cvr_make(rng)
        while cvr in used_cvrs:
            cvr = cvr_make(rng)
        used_cvrs.add(cvr)
        word = rng.choice(COMPANY_WORDS)
        name = f"{word} {TRADE_SUFFIX.get(main.code, main.name_da)} {rng.choice(LEGAL)}"
        municipality = rng.choice(municipalities)
        company = services.company_register(
            fair=fair,
            name=name,
            cvr=cvr,
            address=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
            postcode=municipality.postcodes.split(",")[0].strip(),
            city=municipality.name,
            municipality=municipality,
            contact_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            contact_email=f"company{number:03d}@{domain}",
            offers=[
                services.Offer(
                    programme=p, approved=rng.random() < 0.8, placements=rng.randint(1, 4)
                )
                for p in programmes
            ],
            now=now,
        )
        offered.extend(programmes)
        result.users.append((company.users.get(), "company"))
    for number in range(1, students + 1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        school = rng.choice(schools) if schools else None
        wanted = rng.sample(offered, 1) if offered else rng.sample(everything, 1)
        if rng.random() < 0.25:
            wanted = list(dict.fromkeys(wanted + rng.sample(everything, 1)))
        student = services.student_register(
            fair=fair,
            name=f"{first} {last}",
            email=f"student{number:04d}@{domain}",
            programmes=wanted,
            consent_profile=rng.random() < 0.9,
            phone=phone_make(rng) if rng.random() < 0.6 else "",
            school=school,
            school_class=f"{rng.choice(['GF1', 'GF2', 'HF1'])}-{rng.choice('ABCDE')}",
            # a stream of its own, so the other choices stay as they were for a seed
            municipality=(
                random.Random(f"{slug}-{number}").choice(municipalities) if municipalities else None
            ),
            placement_status=rng.choices(list(PlacementStatus.values), weights=[80, 15, 5])[0],
            referred_by=rng.choices(list(ReferredBy.values), weights=[70, 15, 10, 5])[0],
            now=now,
        )
        result.users.append((student.user, "student"))
    for email, name, role in (
        (f"organizer@{domain}", "Demo Arrangør", Role.ORGANIZER),
        (f"door@{domain}", "Demo Dørvagt", Role.DOOR),
    ):
        password = f"{role}-{slug}-demo"
        result.users.append((_staff_user(email, name, role, password), str(role)))
        result.passwords[email] = password
    return result


def api_tokens_write(*, result: DemoResult, path: Path, extra: list[tuple[str, str]] = ()) -> None:
    """Write `email,role,token` for every seeded user (tokens usable as Bearer tokens).

    `extra` holds (name, token) of door devices; they are written with the role `door` and
    `door-device:NAME` in the email column (a device has no address; the prefix tells it
    apart from the door-staff user).
    """
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["email", "role", "token"])
        for user, role in result.users:
            _token, key = account_services.api_token_create(user=user, name="seed_demo")
            writer.writerow([user.email, role, key])
        for name, key in extra:
            writer.writerow([f"door-device:{name}", "door", key])


def demo_login_hints(*, fair: Fair) -> list[str]:
    """Console lines that say how to log in as a student and as a company of the demo fair."""
    login = site_url() + "/login/"
    student = User.objects.filter(students__fair=fair, is_active=True).order_by("pk").first()
    contact = User.objects.filter(companies__fair=fair, is_active=True).order_by("pk").first()
    lines = []
    if student is not None:
        lines.append(f"  student log-in: {student.email} at {login}")
    if contact is not None:
        lines.append(f"  company log-in: {contact.email} at {login}")
    if lines:
        lines.append(
            "  Students and companies get a one-time log-in link by e-mail: the demo prints "
            "it on this console (the runserver output below), open it in the browser."
        )
    return lines
