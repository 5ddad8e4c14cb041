"""Real API answers validate against the OpenAPI document the API publishes, formats
included (a "time" must carry its UTC offset, as RFC 3339 says; times of day are "HH:MM")."""

import json
import re
from datetime import datetime, timedelta

import pytest
from django.test import Client
from jsonschema import Draft202012Validator, FormatChecker

from badges import services as badge_services
from booking.models import Slot
from tests.badges.conftest import company_make, device_client, interview_make, student_make
from tests.booking.test_interviews import publish_mark
from tests.conftest import bearer, fair_day_make

FORMATS = FormatChecker(formats=())
FULL_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$")


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return "T" in value.upper() and parsed.tzinfo is not None


@FORMATS.checks("date", raises=ValueError)
def _date(value) -> bool:
    return not isinstance(value, str) or bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))


@FORMATS.checks("time")
def _time(value) -> bool:
    return not isinstance(value, str) or bool(FULL_TIME.match(value))


@pytest.fixture
def document(client, db) -> dict:
    return client.get("/api/v1/openapi.json").json()


def conforms(document: dict, path: str, method: str, response) -> list[str]:
    """Every way the answer breaks the schema the document gives for it ([] if none)."""
    operation = document["paths"][path][method]
    content = operation["responses"][str(response.status_code)].get("content", {})
    schema = content["application/json"]["schema"]
    validator = Draft202012Validator(
        {**schema, "components": document["components"]}, format_checker=FORMATS
    )
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(response.json())
    ]


def test_the_checker_catches_a_time_without_offset_as_the_old_schema_had_it():
    validator = Draft202012Validator({"type": "string", "format": "time"}, format_checker=FORMATS)
    assert [e.message for e in validator.iter_errors("09:00:00")] == ["'09:00:00' is not a 'time'"]
    assert list(validator.iter_errors("09:00:00+01:00")) == []


@pytest.fixture
def world(db):
    fair = fair_day_make()
    aya = student_make(fair)
    bo = student_make(fair, name="Bo Ørsted", email="bo@example.org")
    company = company_make(fair)
    interview_make(fair, student=aya, company=company, hour=23)
    # A slot still ahead for the free-slots list (the fair's own hours may be over by now).
    start = Slot.objects.get().start + timedelta(minutes=20)
    Slot.objects.create(fair=fair, start=start, end=start + timedelta(minutes=12))
    publish_mark(fair)
    return {"fair": fair, "aya": aya, "bo": bo, "company": company}


def test_public_answers_conform(document, world, client):
    slug, company = world["fair"].slug, world["company"]
    for path, url in (
        ("/api/v1/fairs/{fair}", f"/api/v1/fairs/{slug}"),
        ("/api/v1/fairs/{fair}/companies", f"/api/v1/fairs/{slug}/companies"),
        ("/api/v1/fairs/{fair}/stands", f"/api/v1/fairs/{slug}/stands"),
        (
            "/api/v1/fairs/{fair}/companies/{company_id}/free-slots",
            f"/api/v1/fairs/{slug}/companies/{company.pk}/free-slots",
        ),
        ("/api/v1/programmes", "/api/v1/programmes"),
        ("/api/v1/schools", "/api/v1/schools"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert conforms(document, path, "get", response) == [], url


def test_fair_times_of_day_are_hh_mm(world, client):
    data = client.get(f"/api/v1/fairs/{world['fair'].slug}").json()
    assert [data[k] for k in ("opens_at", "closes_at", "interviews_start", "interviews_end")] == [
        "09:00",
        "15:00",
        "10:00",
        "14:00",
    ]


def test_personal_answers_conform(document, world):
    aya, company = bearer(world["aya"].user), bearer(world["company"].users.get())
    slug = world["fair"].slug
    for client, path, url in (
        (aya, "/api/v1/me", "/api/v1/me"),
        (aya, "/api/v1/me/interviews", "/api/v1/me/interviews"),
        (company, "/api/v1/me", "/api/v1/me"),
        (company, "/api/v1/me/interviews", "/api/v1/me/interviews"),
        (company, "/api/v1/fairs/{fair}/stand-bookings", f"/api/v1/fairs/{slug}/stand-bookings"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert conforms(document, path, "get", response) == [], url


def test_written_answers_and_errors_conform(document, world):
    slug = world["fair"].slug
    aya = bearer(world["aya"].user)
    patched = aya.patch(
        "/api/v1/me/student", data=json.dumps({"phone": None}), content_type="application/json"
    )
    refused = aya.patch(
        "/api/v1/me/student", data=json.dumps({"name": None}), content_type="application/json"
    )
    badge = badge_services.badge_issue(fair=world["fair"], user=world["bo"].user)
    _device, door = device_client(world["fair"])
    body = json.dumps({"token": badge.token})
    ok = door.post("/api/v1/checkin", data=body, content_type="application/json")
    duplicate = door.post("/api/v1/checkin", data=body, content_type="application/json")
    counts = door.get(f"/api/v1/fairs/{slug}/door/counts")
    assert [r.status_code for r in (patched, refused, ok, duplicate, counts)] == [
        200,
        422,
        200,
        409,
        200,
    ]
    for path, method, response in (
        ("/api/v1/me/student", "patch", patched),
        ("/api/v1/me/student", "patch", refused),
        ("/api/v1/checkin", "post", ok),
        ("/api/v1/checkin", "post", duplicate),
        ("/api/v1/fairs/{fair}/door/counts", "get", counts),
    ):
        assert conforms(document, path, method, response) == [], (path, response.status_code)


def test_the_415_answer_has_the_error_shape(document, db):
    response = Client().post("/api/v1/auth/login-link", data="{}", content_type="text/plain")
    schema = document["components"]["schemas"]["ErrorOut"]
    assert list(Draft202012Validator(schema).iter_errors(response.json())) == []
