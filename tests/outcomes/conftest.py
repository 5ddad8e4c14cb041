"""People and meetings for the outcomes tests, made through the real services."""

from datetime import date

import pytest

from fair.enums import Role
from fair.models import User
from tests.badges.conftest import company_make, interview_make, student_make


@pytest.fixture
def meeting(fair):
    """Aya (student) had an interview with Glostrup El (company contact Per)."""
    company = company_make(fair)
    aya = student_make(fair)
    interview = interview_make(fair, student=aya, company=company)
    return aya, company, interview


@pytest.fixture
def organizer(db):
    return User.objects.create_user(
        "org@example.org", "pw", name="Olga Organizer", role=Role.ORGANIZER, is_staff=True
    )


def partner_staff_make(name="Jobcenter Ballerup", email="staff@jobcenter.example.org"):
    from partners.models import Partner, PartnerStaff

    partner = Partner.objects.create(name=name, kind="jobcenter")
    user = User.objects.create_user(email, "pw", name="Pia Partner", role=Role.PARTNER)
    PartnerStaff.objects.create(user=user, partner=partner)
    return partner, user


def register_link(student, partner):
    """The partner added the fair's student to the mapping register."""
    from partners.models import Contribution, MappedStudent

    person = MappedStudent.objects.create(
        name=student.user.name,
        email=student.user.email,
        seeking_since=date(2026, 8, 1),
        status_since=date(2026, 8, 1),
        student=student,
    )
    Contribution.objects.create(person=person, partner=partner, source="form")
    return person
