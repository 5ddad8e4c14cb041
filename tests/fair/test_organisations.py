"""Persistent organisations by CVR across fairs, their approval history and migration."""

import importlib
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from fair import selectors, services
from fair.models import (
    Company,
    CompanyProgramme,
    Municipality,
    Organisation,
    OrganisationApproval,
    Student,
)
from fair.organisation_services import approval_record
from tests.conftest import bearer, fair_make
from tests.fair.test_services import company_kwargs, student_kwargs

migration = importlib.import_module("fair.migrations.0006_organisations_from_companies")


def test_migration_makes_one_organisation_per_cvr_latest_details_win(electrician, carpenter):
    old, new = fair_make("old2025", days_ahead=-700), fair_make("new2026", days_ahead=-300)
    ballerup = Municipality.objects.get(code="0151")
    a = Company.objects.create(
        fair=old,
        name="Gammelt Navn ApS",
        cvr="13585628",
        address="A 1",
        postcode="2750",
        city="Ballerup",
    )
    b = Company.objects.create(
        fair=new,
        name="Nyt Navn ApS",
        cvr="13585628",
        address="B 2",
        postcode="2750",
        city="Ballerup",
        municipality=ballerup,
    )
    c = Company.objects.create(
        fair=new,
        name="Anden A/S",
        cvr="10150817",
        address="C 3",
        postcode="2620",
        city="Albertslund",
    )
    CompanyProgramme.objects.create(company=a, programme=electrician, approved=False)
    CompanyProgramme.objects.create(company=b, programme=electrician, approved=True)
    CompanyProgramme.objects.create(company=c, programme=carpenter, approved=False)

    migration.organisations_from_companies(
        Company, CompanyProgramme, Organisation, OrganisationApproval
    )

    orgs = {o.cvr: (o.name, o.address, o.municipality_id) for o in Organisation.objects.all()}
    assert orgs == {
        "13585628": ("Nyt Navn ApS", "B 2", ballerup.pk),
        "10150817": ("Anden A/S", "C 3", None),
    }
    org = Organisation.objects.get(cvr="13585628")
    assert sorted(org.participations.values_list("fair__slug", flat=True)) == [
        "new2026",
        "old2025",
    ]
    history = list(
        OrganisationApproval.objects.filter(organisation=org)
        .order_by("recorded_at")
        .values_list("programme__code", "status", "source")
    )
    assert history == [
        ("elektriker", "not_approved", "company declaration"),
        ("elektriker", "approved", "company declaration"),
    ]
    assert selectors.current_approval_status([org.pk]) == {(org.pk, electrician.pk): "approved"}


def test_register_reuses_the_organisation_across_two_fairs(electrician):
    first, second = fair_make("a2027"), fair_make("b2028", days_ahead=400)
    one = services.company_register(fair=first, **company_kwargs(electrician))
    two = services.company_register(
        fair=second,
        **company_kwargs(
            electrician, name="Ballerup El & VVS ApS", contact_email="ny@ballerup-el.example.org"
        ),
    )
    assert one.organisation_id == two.organisation_id
    org = Organisation.objects.get()
    assert org.name == "Ballerup El & VVS ApS"
    assert [c.fair.slug for c in selectors.participations_for(organisation=org)] == [
        "b2028",
        "a2027",
    ]
    # The same declaration twice is one statement, not two.
    assert list(org.approvals.values_list("status", "source")) == [
        ("approved", "company declaration")
    ]


def test_approval_history_is_kept_not_overwritten(fair, electrician, django_user_model):
    company = services.company_register(
        fair=fair,
        **company_kwargs(electrician, offers=[services.Offer(programme=electrician)]),
    )
    org = company.organisation
    organizer = django_user_model.objects.create_user(
        "org@example.org", "pw-123456", name="Olga", role="organizer", is_staff=True
    )
    approval_record(
        organisation=org, programme=electrician, status="applied", recorded_by=organizer, note="x"
    )
    # The company still says "not approved": that does not undo the organizer's "applied".
    services.company_update(
        company=company, offers=[services.Offer(programme=electrician, approved=False)]
    )
    services.company_update(
        company=company, offers=[services.Offer(programme=electrician, approved=True)]
    )
    history = [
        (a.status, a.source, a.recorded_by.email if a.recorded_by else None)
        for a in selectors.approval_history_for(organisation=org)
    ]
    assert history == [
        ("approved", "company declaration", None),
        ("applied", "organizer", "org@example.org"),
        ("not_approved", "company declaration", "mette@ballerup-el.example.org"),
    ]
    assert selectors.current_approval_status([org.pk]) == {(org.pk, electrician.pk): "approved"}


def test_student_history_over_fairs(electrician):
    old = fair_make("old2026")
    new = fair_make("new2027", days_ahead=300)
    a = services.student_register(fair=old, **student_kwargs(electrician))
    services.student_register(fair=new, acting=a.user, **student_kwargs(electrician))
    Student.objects.filter(pk=a.pk).update(created_at=timezone.now() - timedelta(days=365))
    assert [s.fair.slug for s in selectors.student_history_for(user=a.user)] == [
        "new2027",
        "old2026",
    ]


def test_student_municipality_through_the_api(fair, electrician):
    body = {
        "name": "Sara",
        "email": "sara@example.org",
        "programmes": ["elektriker"],
        "consent_profile": False,
        "municipality": "0151",
    }
    response = Client().post(
        f"/api/v1/fairs/{fair.slug}/students", body, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["municipality"] == "0151"
    student = Student.objects.get()
    client = bearer(student.user)
    patched = client.patch(
        "/api/v1/me/student", {"municipality": "9999"}, content_type="application/json"
    )
    assert patched.status_code == 422
    assert patched.json()["errors"][0]["field"] == "municipality"
    patched = client.patch(
        "/api/v1/me/student", {"municipality": None}, content_type="application/json"
    )
    assert patched.json()["municipality"] is None


@pytest.mark.parametrize("code", ["0151", ""])
def test_student_signup_form_stores_the_municipality(client, fair, electrician, code):
    response = client.post(
        f"/fairs/{fair.slug}/students/signup/",
        {
            "name": "Sara",
            "email": "sara@example.org",
            "programmes": ["elektriker"],
            "placement_status": "seeking",
            "referred_by": "school",
            "language": "da",
            "municipality": Municipality.objects.get(code="0151").pk if code else "",
        },
    )
    assert response.status_code == 302
    student = Student.objects.get()
    assert (student.municipality.code if student.municipality else "") == code
