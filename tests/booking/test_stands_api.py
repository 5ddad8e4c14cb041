import json

from django.test import Client

from booking.models import StandBooking
from booking.stands import csv_import, services
from tests.booking.stands_helpers import company_make, stands_make, user_of
from tests.conftest import bearer


def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def patch(client, url, body):
    return client.patch(url, data=json.dumps(body), content_type="application/json")


def bookings():
    return list(
        StandBooking.objects.values_list("stand__code", "company__name", "status", "tables")
    )


def test_stand_list_api_reports_free_and_booked_with_held_as_booked(fair, client):
    stands_make(fair, 3)
    services.stand_book(fair=fair, company=company_make(fair, 1), code="A1")
    fair.stand_booking_requires_approval = True
    fair.save()
    services.stand_book(fair=fair, company=company_make(fair, 2), code="A2")
    data = client.get(f"/api/v1/fairs/{fair.slug}/stands").json()
    assert [(s["code"], s["status"], s["booking_status"], s["company"]) for s in data] == [
        ("A1", "booked", "booked", "Firma 1 ApS"),
        ("A2", "booked", "held", None),
        ("A3", "free", "free", None),
    ]
    assert {k: data[2][k] for k in ("x", "y", "width", "height", "size_m2", "zone")} == {
        "x": "8.00",
        "y": "0.00",
        "width": "3.00",
        "height": "2.00",
        "size_m2": "6.00",
        "zone": "A",
    }


def test_stand_list_api_runs_constant_queries(fair, client, django_assert_num_queries):
    stands_make(fair, 1)
    services.stand_book(fair=fair, company=company_make(fair, 1), code="A1")
    with django_assert_num_queries(3):
        assert len(client.get(f"/api/v1/fairs/{fair.slug}/stands").json()) == 1
    csv_import.stands_import(
        fair=fair,
        text="code,zone,x,y,width,height,size_m2,power,price_dkk,note\nB1,B,0,9,3,2,6,,0,\nB2,B,4,9,3,2,6,,0,\n",
    )
    services.stand_book(fair=fair, company=company_make(fair, 2), code="B1")
    with django_assert_num_queries(3):
        assert len(client.get(f"/api/v1/fairs/{fair.slug}/stands").json()) == 3


def test_stand_book_api_books_with_201(fair):
    stands_make(fair)
    company = company_make(fair)
    response = post(
        bearer(user_of(company)),
        f"/api/v1/fairs/{fair.slug}/stand-bookings",
        {"stand": "A2", "tables": 2},
    )
    assert response.status_code == 201
    booking = StandBooking.objects.get()
    assert response.json() == {
        "id": booking.pk,
        "stand": "A2",
        "tables": 2,
        "status": "confirmed",
        "needs_power": False,
        "needs_wall": False,
        "needs_note": "",
        "reason": "",
    }


def test_stand_book_api_taken_stand_and_second_stand_are_409(fair):
    stands_make(fair)
    one, two = company_make(fair, 1), company_make(fair, 2)
    url = f"/api/v1/fairs/{fair.slug}/stand-bookings"
    assert post(bearer(user_of(one)), url, {"stand": "A1"}).status_code == 201
    taken = post(bearer(user_of(two)), url, {"stand": "A1"})
    assert (taken.status_code, taken.json()["code"]) == (409, "stand_taken")
    assert taken.json()["detail"] == "Beklager, standen er lige blevet taget. Vælg en anden."
    second = post(bearer(user_of(one)), url, {"stand": "A2"})
    assert (second.status_code, second.json()["code"]) == (409, "company_has_stand")
    assert bookings() == [("A1", "Firma 1 ApS", "confirmed", 1)]


def test_stand_book_api_closed_is_403_and_unknown_is_404(closed_fair, fair):
    stands_make(closed_fair)
    late = company_make(closed_fair, 1)
    response = post(
        bearer(user_of(late)), f"/api/v1/fairs/{closed_fair.slug}/stand-bookings", {"stand": "A1"}
    )
    assert (response.status_code, response.json()["code"]) == (403, "stand_booking_closed")
    stands_make(fair)
    company = company_make(fair, 2)
    response = post(
        bearer(user_of(company)), f"/api/v1/fairs/{fair.slug}/stand-bookings", {"stand": "Q7"}
    )
    assert (response.status_code, response.json()["code"]) == (404, "unknown_stand")
    assert response.json()["detail"] == "Der er ingen stand med denne kode på messen."
    assert bookings() == []


def test_stand_book_api_bad_tables_is_422_and_non_company_is_403(fair, django_user_model):
    stands_make(fair)
    company = company_make(fair)
    url = f"/api/v1/fairs/{fair.slug}/stand-bookings"
    response = post(bearer(user_of(company)), url, {"stand": "A1", "tables": 5})
    assert (response.status_code, response.json()["code"]) == (422, "invalid_input")
    student = django_user_model.objects.create_user(email="s@example.org", name="S")
    response = post(bearer(student), url, {"stand": "A1"})
    assert (response.status_code, response.json()["code"]) == (403, "not_a_company")
    response = post(Client(), url, {"stand": "A1"})
    assert (response.status_code, response.json()["code"]) == (401, "unauthorized")
    assert bookings() == []


def test_stand_booking_api_change_tables_list_and_cancel(fair, mailoutbox):
    stands_make(fair)
    company = company_make(fair)
    client = bearer(user_of(company))
    base = f"/api/v1/fairs/{fair.slug}/stand-bookings"
    booking_id = post(client, base, {"stand": "A1"}).json()["id"]
    response = patch(client, f"{base}/{booking_id}", {"tables": 3})
    assert (response.status_code, response.json()["tables"]) == (200, 3)
    assert [(b["stand"], b["tables"], b["status"]) for b in client.get(base).json()] == [
        ("A1", 3, "confirmed")
    ]
    assert client.delete(f"{base}/{booking_id}").status_code == 204
    assert bookings() == [("A1", "Firma 0 ApS", "cancelled", 3)]
    again = client.delete(f"{base}/{booking_id}")
    assert (again.status_code, again.json()["code"]) == (403, "booking_not_active")


def test_stand_booking_api_another_companys_booking_is_not_found(fair):
    stands_make(fair)
    owner, other = company_make(fair, 1), company_make(fair, 2)
    booking = services.stand_book(fair=fair, company=owner, code="A1")
    client = bearer(user_of(other))
    url = f"/api/v1/fairs/{fair.slug}/stand-bookings/{booking.pk}"
    assert patch(client, url, {"tables": 4}).json()["code"] == "booking_not_found"
    response = client.delete(url)
    assert (response.status_code, response.json()["code"]) == (404, "booking_not_found")
    assert bookings() == [("A1", "Firma 1 ApS", "confirmed", 1)]


def test_exhibitor_list_api(fair, client):
    stands_make(fair)
    booked, unbooked = company_make(fair, 1), company_make(fair, 2)
    services.stand_book(fair=fair, company=booked, code="A3")
    response = client.get(f"/api/v1/fairs/{fair.slug}/companies")
    assert response.json() == [
        {"id": booked.pk, "name": "Firma 1 ApS", "stand": "A3", "programmes": ["elektriker"]},
        {"id": unbooked.pk, "name": "Firma 2 ApS", "stand": None, "programmes": ["elektriker"]},
    ]


def test_exhibitor_list_api_runs_constant_queries(fair, client, django_assert_num_queries):
    stands_make(fair)
    services.stand_book(fair=fair, company=company_make(fair, 0), code="A1")
    with django_assert_num_queries(3):
        assert len(client.get(f"/api/v1/fairs/{fair.slug}/companies").json()) == 1
    company_make(fair, 1)
    services.stand_book(fair=fair, company=company_make(fair, 2), code="A2")
    with django_assert_num_queries(3):
        assert len(client.get(f"/api/v1/fairs/{fair.slug}/companies").json()) == 3


def test_stand_book_api_too_long_note_is_422_and_saves_nothing(fair):
    stands_make(fair)
    company = company_make(fair)
    response = post(
        bearer(user_of(company)),
        f"/api/v1/fairs/{fair.slug}/stand-bookings",
        {"stand": "A1", "needs_note": "x" * 301},
    )
    assert (response.status_code, response.json()["code"]) == (422, "invalid_input")
    assert response.json()["errors"] == [
        {"field": "needs_note", "problem": "Angiv højst 300 tegn."}
    ]
    assert bookings() == []
