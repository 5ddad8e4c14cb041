"""Helpers of the stand tests: companies through the real registration, stands through import."""

import random
from datetime import timedelta

from booking.stands import csv_import
from fair import services as fair_services
from fair.demo import cvr_make
from fair.models import Company, Fair, Programme, User

HEADER = "code,zone,x,y,width,height,size_m2,power,price_dkk,note\n"


def company_make(fair: Fair, n: int = 0, *, language: str = "da") -> Company:
    rng = random.Random(f"{fair.slug}-{n}")
    return fair_services.company_register(
        fair=fair,
        name=f"Firma {n} ApS",
        cvr=cvr_make(rng),
        address="Industrivej 4",
        postcode="2750",
        city="Ballerup",
        contact_name=f"Kontakt {n}",
        contact_email=f"firma{n}@{fair.slug}.example.org",
        offers=[fair_services.Offer(programme=Programme.objects.get(code="elektriker"))],
        language=language,
        now=fair.company_registration_deadline - timedelta(days=1),
    )


def user_of(company: Company) -> User:
    return company.users.get()


def stands_make(fair: Fair, count: int = 3, *, zone: str = "A", prefix: str = "A"):
    lines = [
        f"{prefix}{i},{zone},{(i - 1) % 20 * 4},{(i - 1) // 20 * 3},3,2,6,ja,2400,"
        for i in range(1, count + 1)
    ]
    return csv_import.stands_import(fair=fair, text=HEADER + "\n".join(lines) + "\n")
