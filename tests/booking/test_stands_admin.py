"""The admin of stands and stand bookings keeps what the services need: codes and fairs."""

import pytest
from django.db import IntegrityError

from booking.models import Stand, StandBooking
from booking.stands import services
from tests.booking.stands_helpers import company_make, stands_make
from tests.conftest import fair_make


@pytest.fixture
def admin_client(client, django_user_model):
    organizer = django_user_model.objects.create_user(
        email="org@example.org", name="Org", is_staff=True, is_superuser=True, role="organizer"
    )
    client.force_login(organizer)
    return client


def stand_form(fair, code: str) -> dict:
    return {
        "fair": fair.pk,
        "code": code,
        "zone": "A",
        "x": "0",
        "y": "0",
        "width": "3",
        "height": "2",
        "size_m2": "6",
        "price_dkk": "2400",
        "note": "",
    }


def booking_form(fair, stand, company) -> dict:
    return {
        "fair": fair.pk,
        "stand": stand.pk,
        "company": company.pk,
        "tables": "1",
        "needs_note": "",
        "status": "confirmed",
        "reason": "",
        "decided_by": "",
    }


def test_admin_stand_code_is_upper_cased_so_the_company_can_book_it(fair, admin_client):
    response = admin_client.post("/admin/booking/stand/add/", stand_form(fair, " a1 "))
    assert response.status_code == 302
    assert list(Stand.objects.values_list("code", flat=True)) == ["A1"]
    booking = services.stand_book(fair=fair, company=company_make(fair), code="a1")
    assert (booking.stand.code, booking.status) == ("A1", "confirmed")


def test_admin_refuses_a_stand_code_that_differs_only_in_case(fair, admin_client):
    stands_make(fair, 1)
    other = fair_make("other2027")
    response = admin_client.post("/admin/booking/stand/add/", stand_form(fair, "a1"))
    assert response.status_code == 200
    assert "Der findes allerede en stand med denne kode på denne messe." in (
        response.content.decode()
    )
    assert (
        admin_client.post("/admin/booking/stand/add/", stand_form(other, "a1")).status_code == 302
    )
    assert sorted(Stand.objects.values_list("fair__slug", "code")) == [
        ("other2027", "A1"),
        (fair.slug, "A1"),
    ]


def test_database_refuses_a_stand_code_that_differs_only_in_case(fair):
    stands_make(fair, 1)
    # bulk_create skips save(): the constraint alone must hold
    with pytest.raises(IntegrityError):
        Stand.objects.bulk_create(
            [Stand(fair=fair, code="a1", x=0, y=5, width=3, height=2, size_m2=6)]
        )


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        ("stand", "Standen hører til en anden messe."),
        ("company", "Virksomheden hører til en anden messe."),
    ],
)
def test_admin_refuses_a_booking_across_fairs(fair, admin_client, wrong, message):
    other = fair_make("other2027")
    stand = stands_make(other if wrong == "stand" else fair, 1)[0]
    company = company_make(other if wrong == "company" else fair)
    response = admin_client.post(
        "/admin/booking/standbooking/add/", booking_form(fair, stand, company)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert StandBooking.objects.count() == 0
