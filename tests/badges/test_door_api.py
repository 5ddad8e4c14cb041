"""The door's other endpoints: roster for offline checks, counts, name search, walk-ins."""

import json

from django.test import Client

from badges import checkin_services, services
from badges.models import Badge, BadgeEvent, CheckIn, DoorAssignment
from fair.enums import Role
from fair.models import Student, User
from tests.badges.conftest import company_make, device_client, student_make
from tests.conftest import bearer, fair_make


def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_roster_has_public_key_valid_and_revoked_badges_and_who_is_in(fair):
    aya = student_make(fair)
    bo = student_make(fair, name="Bo Ørsted", email="bo@example.org")
    aya_badge = services.badge_issue(fair=fair, user=aya.user)
    old = services.badge_issue(fair=fair, user=bo.user)
    new = services.badge_reissue(badge=old, by=None, reason="Name corrected")
    checkin_services.checkin_scan(token=aya_badge.token, by=None, fair=fair)
    _device, door = device_client(fair)
    data = door.get(f"/api/v1/fairs/{fair.slug}/door/roster").json()
    assert data["fair"] == fair.slug and data["fair_id"] == fair.pk
    assert data["public_key"] == fair.badge_key.public_key
    assert sorted(map(tuple, data["people"])) == sorted(
        [
            (aya.user.pk, 1, "Aya Hussein", "student"),
            (bo.user.pk, new.version, "Bo Ørsted", "student"),
        ]
    )
    assert data["revoked"] == [[bo.user.pk, 1]]
    assert data["checked_in"] == [aya.user.pk]


def test_door_endpoints_refuse_a_device_of_another_fair(fair):
    other = fair_make("other2027")
    _device, door = device_client(other)
    response = door.get(f"/api/v1/fairs/{fair.slug}/door/counts")
    assert (response.status_code, response.json()["code"]) == (403, "other_fair")
    assert Client().get(f"/api/v1/fairs/{fair.slug}/door/counts").status_code == 401


def test_counts_per_role(fair, django_assert_num_queries):
    _device, door = device_client(fair)
    company = company_make(fair)
    people = [student_make(fair, name=f"Elev {n}", email=f"e{n}@example.org") for n in range(3)]
    for user in [p.user for p in people] + list(company.users.all()):
        checkin_services.checkin_person(fair=fair, user=user)
    with django_assert_num_queries(3):  # the device, the fair, the grouped count
        data = door.get(f"/api/v1/fairs/{fair.slug}/door/counts").json()
    assert data == {
        "total": 4,
        "counts": {"student": 3, "company": 1, "organizer": 0, "volunteer": 0},
    }


def test_people_search_and_check_in_by_name(fair, django_assert_num_queries):
    aya = student_make(fair)
    student_make(fair, name="Bo Ørsted", email="bo@example.org")
    _device, door = device_client(fair)
    url = f"/api/v1/fairs/{fair.slug}/door/people"
    # device, fair, the fair's names (folded in Python), students, companies, staff, check-ins
    with django_assert_num_queries(7):
        found = door.get(url, {"q": "aya"}).json()
    assert found == [
        {
            "id": aya.user.pk,
            "name": "Aya Hussein",
            "role": "student",
            "organisation": "",
            "checked_in_at": None,
        }
    ]
    assert door.get(url, {"q": "a"}).json() == []  # two letters at least
    response = post(door, f"{url}/{aya.user.pk}/checkin", {})
    assert (response.status_code, response.json()["result"]) == (200, "ok")
    again = post(door, f"{url}/{aya.user.pk}/checkin", {})
    assert (again.status_code, again.json()["result"]) == (409, "duplicate")
    assert Badge.objects.get().user == aya.user  # the badge was issued on the way
    stranger = User.objects.create_user("x@example.org", name="Aya Fremmed")
    missing = post(door, f"{url}/{stranger.pk}/checkin", {})
    assert (missing.status_code, missing.json()["code"]) == (404, "not_participant")


def test_people_search_with_three_hits_stays_at_seven_queries(fair, django_assert_num_queries):
    for n in range(3):
        student_make(fair, name=f"Aya {n}", email=f"a{n}@example.org")
    _device, door = device_client(fair)
    with django_assert_num_queries(7):
        found = door.get(f"/api/v1/fairs/{fair.slug}/door/people", {"q": "aya"}).json()
    assert [p["name"] for p in found] == ["Aya 0", "Aya 1", "Aya 2"]


def test_walk_in_registers_checks_in_and_prints_badge(fair, school):
    door_user = User.objects.create_user("door@example.org", name="Dorte", role=Role.DOOR)
    DoorAssignment.objects.create(fair=fair, user=door_user)
    client = bearer(door_user)
    response = post(
        client,
        f"/api/v1/fairs/{fair.slug}/door/walk-ins",
        {"name": "  Sofie  Bæk ", "school": school.pk, "school_class": "GF1"},
    )
    assert response.status_code == 201
    data = response.json()
    student = Student.objects.get()
    assert (student.user.name, student.school, student.school_class) == ("Sofie Bæk", school, "GF1")
    assert data["name"] == "Sofie Bæk" and data["role"] == "student"
    assert data["badge_url"] == (
        f"/api/v1/fairs/{fair.slug}/door/people/{student.user.pk}/badge.pdf"
    )
    assert CheckIn.objects.get().user == student.user
    pdf = client.get(data["badge_url"])
    assert (pdf.status_code, pdf["Content-Type"], pdf.content[:5]) == (
        200,
        "application/pdf",
        b"%PDF-",
    )
    assert list(BadgeEvent.objects.values_list("kind", "by__email", "reason")) == [
        ("issue", "door@example.org", ""),
        ("print", "door@example.org", "door"),
    ]


def test_walk_in_without_name_is_refused_and_nothing_saved(fair):
    _device, door = device_client(fair)
    response = post(door, f"/api/v1/fairs/{fair.slug}/door/walk-ins", {"name": "   "})
    assert (response.status_code, response.json()["code"]) == (422, "invalid_input")
    assert response.json()["detail"] == "Skriv personens navn."
    assert (Student.objects.count(), Badge.objects.count()) == (0, 0)
