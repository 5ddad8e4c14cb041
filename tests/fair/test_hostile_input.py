"""Hostile input to every API endpoint that takes a body: a 4xx JSON answer in the usual
error shape, and nothing changed. JSON only as application/json (415 otherwise: no
cross-site "simple" posts, no text/plain read as JSON); NUL characters; null for profile
fields; a check-in time without a zone."""

import json

import pytest
from django.test import Client

from badges import services as badge_services
from badges.models import CheckIn, Scan, StandConversation
from booking.models import Interview, StandBooking
from fair.models import Company, EmailLog, Student, User
from tests.badges.conftest import company_make, device_client, interview_make, student_make
from tests.conftest import bearer, fair_day_make

# (method, path, who, a body that would be valid as JSON)
ENDPOINTS = [
    ("post", "/api/v1/fairs/{fair}/companies", None, {"name": "X", "cvr": "13585628"}),
    ("post", "/api/v1/fairs/{fair}/students", None, {"name": "X", "email": "x@example.org"}),
    ("post", "/api/v1/auth/login-link", None, {"email": "aya@example.org"}),
    ("patch", "/api/v1/me/student", "student", {"school_class": "3.b"}),
    ("patch", "/api/v1/me/company", "company", {"city": "Ballerup"}),
    ("post", "/api/v1/fairs/{fair}/stand-bookings", "company", {"stand": "B1", "tables": 1}),
    ("patch", "/api/v1/fairs/{fair}/stand-bookings/{booking}", "company", {"tables": 2}),
    ("post", "/api/v1/fairs/{fair}/interviews", "student", {"company": 1, "slot": 1}),
    ("post", "/api/v1/checkin", "door", {"token": "{token}"}),
    ("post", "/api/v1/fairs/{fair}/door/walk-ins", "door", {"name": "Ny Elev"}),
    ("post", "/api/v1/fairs/{fair}/stand-scans", "company", {"token": "{token}"}),
    (
        "post",
        "/api/v1/fairs/{fair}/stand-scans/interview/{interview}/outcome",
        "company",
        {"outcome": "trial"},
    ),
    ("post", "/api/v1/outcomes", "company", {"student": 1, "company": 1, "kind": "none"}),
]
FORMS = [
    "text/plain",
    "text/plain;charset=UTF-8",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=----x",
]


@pytest.fixture
def world(db):
    fair = fair_day_make()
    aya = student_make(fair)
    company = company_make(fair)
    interview = interview_make(fair, student=aya, company=company)
    badge = badge_services.badge_issue(fair=fair, user=aya.user)
    _device, door = device_client(fair)
    return {
        "fair": fair,
        "student": bearer(aya.user),
        "company": bearer(company.users.get()),
        "door": door,
        None: Client(),
        "ids": {
            "fair": fair.slug,
            "booking": StandBooking.objects.get(company=company).pk,
            "interview": interview.pk,
            "token": badge.token,
        },
        "aya": aya,
        "company_row": company,
    }


def snapshot() -> dict:
    """Everything a hostile request could have changed."""
    return {
        "users": list(User.objects.order_by("pk").values_list("email", "name", "language")),
        "students": list(
            Student.objects.order_by("pk").values_list("phone", "school_class", "consent_profile")
        ),
        "companies": list(Company.objects.order_by("pk").values_list("name", "city", "phone")),
        "interviews": list(Interview.objects.order_by("pk").values_list("status", "outcome")),
        "bookings": list(StandBooking.objects.order_by("pk").values_list("tables", "status")),
        "checkins": CheckIn.objects.count(),
        "scans": Scan.objects.count(),
        "talks": StandConversation.objects.count(),
        "mails": EmailLog.objects.count(),
    }


def _send(world, method, path, who, body: str, content_type: str):
    url = path.format(**world["ids"])
    return getattr(world[who], method)(url, data=body, content_type=content_type)


def _json_text(body: dict, ids: dict) -> str:
    return json.dumps(body).replace("{token}", ids["token"])


@pytest.mark.parametrize("content_type", FORMS)
@pytest.mark.parametrize(("method", "path", "who", "body"), ENDPOINTS)
def test_json_sent_as_text_or_form_is_415_and_changes_nothing(
    world, method, path, who, body, content_type
):
    before = snapshot()
    response = _send(world, method, path, who, _json_text(body, world["ids"]), content_type)
    assert response.status_code == 415
    assert response["Content-Type"] == "application/json"
    message = "Send indholdet som JSON (Content-Type: application/json)."
    assert response.json() == {
        "code": "unsupported_media_type",
        "detail": message,
        "message": message,
    }
    assert snapshot() == before


@pytest.mark.parametrize("content_type", ["text/plain", "application/json"])
@pytest.mark.parametrize(("method", "path", "who", "body"), ENDPOINTS)
def test_nul_in_a_json_body_is_refused_and_changes_nothing(
    world, method, path, who, body, content_type
):
    before = snapshot()
    poisoned = {
        key: (f"a\u0000{value}" if isinstance(value, str) else value) for key, value in body.items()
    }
    if all(not isinstance(value, str) for value in body.values()):
        poisoned["note"] = "a\u0000b"
    response = _send(world, method, path, who, _json_text(poisoned, world["ids"]), content_type)
    assert response.status_code in (400, 415)
    assert response.json()["code"] in ("invalid_input", "unsupported_media_type")
    assert snapshot() == before


def test_a_json_body_with_a_json_type_and_charset_is_accepted(world):
    response = _send(
        world,
        "patch",
        "/api/v1/me/student",
        "student",
        json.dumps({"school_class": "3.b"}),
        "application/json; charset=utf-8",
    )
    assert (response.status_code, response.json()["school_class"]) == (200, "3.b")


def test_bodiless_posts_and_deletes_need_no_content_type(world):
    door = Client()
    door.force_login(
        User.objects.create_user("door@example.org", name="D", role="organizer", is_staff=True)
    )
    aya = world["aya"]
    url = f"/api/v1/fairs/{world['fair'].slug}/door/people/{aya.user.pk}/checkin"
    assert world["door"].post(url).status_code == 200
    cancel = world["student"].delete(
        f"/api/v1/fairs/{world['fair'].slug}/interviews/{world['ids']['interview']}"
    )
    assert cancel.status_code in (204, 403, 409)  # a rule may refuse; never 415 or 500


# --- null for profile fields --------------------------------------------------------------


@pytest.mark.parametrize(
    "field",
    ["name", "programmes", "placement_status", "referred_by", "consent_profile", "language"],
)
def test_student_profile_null_for_a_field_that_cannot_be_empty_is_422(world, field):
    before = snapshot()
    response = _send(
        world,
        "patch",
        "/api/v1/me/student",
        "student",
        json.dumps({field: None}),
        "application/json",
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert snapshot() == before


def test_student_profile_null_for_optional_text_clears_it(world):
    Student.objects.filter(pk=world["aya"].pk).update(phone="+4544770000", school_class="3.b")
    response = _send(
        world,
        "patch",
        "/api/v1/me/student",
        "student",
        json.dumps({"phone": None, "school_class": None, "school": None, "municipality": None}),
        "application/json",
    )
    assert response.status_code == 200
    student = Student.objects.get(pk=world["aya"].pk)
    assert (student.phone, student.school_class, student.school, student.municipality) == (
        "",
        "",
        None,
        None,
    )


@pytest.mark.parametrize("field", ["name", "address", "postcode", "city", "offers"])
def test_company_profile_null_for_a_field_that_cannot_be_empty_is_422(world, field):
    before = snapshot()
    response = _send(
        world,
        "patch",
        "/api/v1/me/company",
        "company",
        json.dumps({field: None}),
        "application/json",
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert snapshot() == before


def test_company_profile_null_for_optional_text_clears_it(world):
    Company.objects.filter(pk=world["company_row"].pk).update(
        phone="+4544770000", website="https://el.example.org", description="Vi er elektrikere."
    )
    response = _send(
        world,
        "patch",
        "/api/v1/me/company",
        "company",
        json.dumps({"phone": None, "website": None, "description": None}),
        "application/json",
    )
    assert response.status_code == 200
    company = Company.objects.get(pk=world["company_row"].pk)
    assert (company.phone, company.website, company.description) == ("", "", "")


# --- a check-in time without a zone ---------------------------------------------------------


def test_checkin_time_without_a_zone_is_422_and_nothing_is_written(world):
    before = snapshot()
    body = {"token": world["ids"]["token"], "scanned_at": "2026-12-04T09:30:00"}
    response = _send(world, "post", "/api/v1/checkin", "door", json.dumps(body), "application/json")
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "scanned_at",
            "problem": "Angiv tidspunktet med tidszone, f.eks. 2026-12-04T09:30:00+01:00.",
        }
    ]
    assert snapshot() == before


def test_checkin_time_with_a_zone_is_accepted(world):
    from django.utils import timezone

    body = {"token": world["ids"]["token"], "scanned_at": timezone.now().isoformat()}
    response = _send(world, "post", "/api/v1/checkin", "door", json.dumps(body), "application/json")
    assert (response.status_code, response.json()["result"]) == (200, "ok")
