"""Fixtures for the badge tests: keys, Danish labels, and rasterising + QR decoding."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import django
import pytest
from django.conf import settings

from badges.pdf_layout import Labels, default_labels
from badges.tokens import generate_keypair

ROOT = Path(__file__).resolve().parents[2]
DANISH_MO = ROOT / "locale" / "da" / "LC_MESSAGES" / "django.mo"

# Under pytest-django the project settings are loaded already; run with
# ``-p no:django`` (before fair/settings.py exists) we need just enough for gettext.
if "DJANGO_SETTINGS_MODULE" not in os.environ and not settings.configured:
    settings.configure(
        USE_I18N=True, LANGUAGE_CODE="da", LOCALE_PATHS=[ROOT / "locale"], INSTALLED_APPS=[]
    )
    django.setup()

# What the catalogue must say; used until locale/da holds these msgids.
DANISH = Labels(
    roles={
        "student": "Elev",
        "company": "Virksomhed",
        "organizer": "Arrangør",
        "volunteer": "Frivillig",
    },
    time="Tid",
    stand="Stand",
    table="Bord",
    who="Med",
    more=lambda n: f"+{n} samtale mere" if n == 1 else f"+{n} samtaler mere",
)


@pytest.fixture
def fair(db):
    """The badge tests scan and check in, which is only accepted on the fair's day."""
    from tests.conftest import fair_day_make

    return fair_day_make()


@pytest.fixture(scope="session")
def keys() -> tuple[str, str]:
    return generate_keypair()


@pytest.fixture(scope="session")
def labels() -> Labels:
    """Danish labels from the catalogue once it translates them, else the expected words."""
    translated = default_labels("da")
    if translated.roles["student"] == "Student":  # catalogue not there (yet)
        return DANISH
    return translated


@pytest.fixture(scope="session")
def decode_qr() -> Callable[[bytes, Path, int], list[str]]:
    """Return a function rasterising PDF bytes with pdftoppm and decoding every QR code."""
    for tool in ("pdftoppm", "zbarimg"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is needed (apt-get install poppler-utils zbar-tools)")

    def decode(pdf: bytes, tmp: Path, dpi: int = 200) -> list[str]:
        source = tmp / f"in-{dpi}.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", source, tmp / f"page-{dpi}"],
            check=True,
            capture_output=True,
        )
        found: list[str] = []
        for image in sorted(tmp.glob(f"page-{dpi}*.png")):
            # zbarimg exits 4 when an image holds no code at all; that is an answer too.
            done = subprocess.run(
                ["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", image],
                capture_output=True,
                text=True,
            )
            assert done.returncode in (0, 4), done.stderr
            found += done.stdout.split()
        return found

    return decode


# --- People, interviews and door devices for the check-in tests -------------------------


def student_make(fair, *, name="Aya Hussein", email="aya@example.org", school=None, klass=""):
    """A student signed up through the real service."""
    from fair.models import Programme
    from fair.services import student_register

    return student_register(
        fair=fair,
        name=name,
        email=email,
        programmes=[Programme.objects.get(code="elektriker")],
        consent_profile=True,
        school=school,
        school_class=klass,
    )


def company_make(fair, *, name="Glostrup El ApS", cvr="13585628", email="per@el.example.org"):
    from fair.models import Programme
    from fair.services import Offer, company_register

    return company_register(
        fair=fair,
        name=name,
        cvr=cvr,
        address="Industrivej 4",
        postcode="2600",
        city="Glostrup",
        contact_name="Per Holm",
        contact_email=email,
        offers=[Offer(programme=Programme.objects.get(code="elektriker"))],
    )


def interview_make(fair, *, student, company, hour=10, table=1, stand_code="A1"):
    """A booked interview at a stand the company booked (booking models, read-only use)."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from booking.models import Interview, Slot, Stand, StandBooking

    stand, _ = Stand.objects.get_or_create(
        fair=fair, code=stand_code, defaults=dict(x=0, y=0, width=3, height=2, size_m2=6)
    )
    StandBooking.objects.get_or_create(
        fair=fair, stand=stand, company=company, defaults={"status": "confirmed", "tables": 2}
    )
    start = datetime.combine(fair.date, datetime.min.time(), ZoneInfo("Europe/Copenhagen"))
    start += timedelta(hours=hour)
    slot, _ = Slot.objects.get_or_create(
        fair=fair, start=start, defaults={"end": start + timedelta(minutes=12)}
    )
    return Interview.objects.create(
        fair=fair, slot=slot, student=student, company=company, table=table
    )


def device_client(fair, name="Indgang 1"):
    from django.test import Client

    from badges.services import door_device_create

    device, key = door_device_create(fair=fair, name=name)
    return device, Client(headers={"Authorization": f"Bearer {key}"})
