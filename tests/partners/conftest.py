"""Fixtures of the mapping register: two partners with staff, an organizer, people."""

from datetime import date

import pytest

from fair.enums import Role
from fair.models import Municipality, Programme, User
from partners.enums import RegisterStatus
from partners.models import Partner, PartnerStaff
from partners.services import EntryIn, register_entry_add


def staff_make(partner: Partner, email: str) -> User:
    user = User.objects.create_user(email, password="pw-partner", name=email, role=Role.PARTNER)
    PartnerStaff.objects.create(user=user, partner=partner)
    return user


@pytest.fixture
def jobcenter(db) -> Partner:
    return Partner.objects.create(name="Jobcenter Ballerup", kind="jobcenter")


@pytest.fixture
def guidance(db) -> Partner:
    return Partner.objects.create(name="Ungdommens Uddannelsesvejledning", kind="youth_guidance")


@pytest.fixture
def jobcenter_staff(jobcenter) -> User:
    return staff_make(jobcenter, "jc@example.org")


@pytest.fixture
def guidance_staff(guidance) -> User:
    return staff_make(guidance, "uu@example.org")


@pytest.fixture
def organizer(db) -> User:
    return User.objects.create_superuser(email="org@example.org", name="Org", password="x")


@pytest.fixture
def ballerup(db) -> Municipality:
    return Municipality.objects.get(name="Ballerup")


def add(
    partner,
    name,
    *,
    programmes=("elektriker",),
    email="",
    birth_date=None,
    municipality=None,
    since=date(2026, 9, 1),
    status=RegisterStatus.SEEKING,
    status_since=None,
):
    """Add a person to the register as `partner` (None: organizers) through the service."""
    entry = EntryIn(
        name=name,
        email=email,
        birth_date=birth_date,
        programmes=list(Programme.objects.filter(code__in=programmes)),
        municipality=municipality,
        seeking_since=since,
        status=status,
        status_since=status_since,
    )
    return register_entry_add(entry=entry, partner=partner)[0]
