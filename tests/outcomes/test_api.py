"""GET and POST /api/v1/outcomes: counts per kind and programme, permissions, errors."""

import json

import pytest
from django.test import Client

from fair.models import Programme
from outcomes.models import Outcome
from outcomes.services import record_outcome
from tests.badges.conftest import interview_make, student_make
from tests.conftest import bearer
from tests.outcomes.conftest import partner_staff_make, register_link

pytestmark = pytest.mark.django_db


def post(client, body):
    return client.post("/api/v1/outcomes", json.dumps(body), content_type="application/json")


def test_outcomes_api_needs_a_log_in_and_the_right_role(meeting):
    aya, company, _interview = meeting
    response = Client().get(f"/api/v1/outcomes?fair={aya.fair.slug}")
    assert (response.status_code, response.json()["code"]) == (401, "unauthorized")
    for user in (aya.user, company.users.get()):
        response = bearer(user).get(f"/api/v1/outcomes?fair={aya.fair.slug}")
        assert (response.status_code, response.json()["code"]) == (403, "not_allowed")
        body = {"fair": aya.fair.slug, "student": aya.pk, "company": company.pk, "kind": "nothing"}
        assert post(bearer(user), body).status_code == 403
    assert Outcome.objects.count() == 0


def test_outcomes_api_counts_per_kind_and_programme_for_organizers(
    meeting, organizer, django_assert_max_num_queries
):
    aya, company, _interview = meeting
    bo = student_make(aya.fair, name="Bo Ørsted", email="bo@example.org")
    bo.programmes.add(Programme.objects.get(code="bygningsmaler"))
    interview_make(aya.fair, student=bo, company=company, hour=11)
    record_outcome(
        student=aya,
        company=company,
        kind="trial_days",
        reported_by=aya.user,
        reporter_role="student",
        source="page",
        start_date="2027-03-01",
    )
    client = bearer(organizer)
    with django_assert_max_num_queries(14):
        data = client.get(f"/api/v1/outcomes?fair={aya.fair.slug}").json()
    assert data["counts"] == {
        "meetings": 2,
        "nothing": 0,
        "trial_days": 1,
        "training_agreement": 0,
        "not_reported": 1,
    }
    # Bo seeks two trades; his meeting counts once, under the one the company trains in.
    assert [(r["programme"], r["meetings"], r["trial_days"]) for r in data["by_programme"]] == [
        ("elektriker", 2, 1)
    ]
    meetings = {m["student_name"]: m for m in data["meetings"]}
    assert meetings["Aya Hussein"]["current"]["kind"] == "trial_days"
    assert meetings["Bo Ørsted"]["current"] is None


def test_outcomes_api_post_records_for_organizers_and_refuses_bad_input(meeting, organizer):
    aya, company, _interview = meeting
    client = bearer(organizer)
    body = {"fair": aya.fair.slug, "student": aya.pk, "company": company.pk}
    created = post(client, {**body, "kind": "training_agreement", "start_date": "2027-08-01"})
    assert created.status_code == 201
    assert (created.json()["kind"], created.json()["reporter_role"]) == (
        "training_agreement",
        "organizer",
    )
    missing = post(client, {**body, "kind": "trial_days"})
    assert (missing.status_code, missing.json()["errors"][0]["field"]) == (422, "start_date")
    wrong = post(client, {**body, "kind": "hired"})
    assert (wrong.status_code, wrong.json()["code"]) == (422, "invalid_input")
    unknown = post(client, {**body, "student": 999999, "kind": "nothing"})
    assert (unknown.status_code, unknown.json()["code"]) == (404, "no_meeting")
    assert client.get("/api/v1/outcomes").status_code == 422
    assert client.get("/api/v1/outcomes?fair=nope").status_code == 404
    assert Outcome.objects.count() == 1


def test_outcomes_api_partner_sees_and_records_only_their_students(meeting):
    aya, company, _interview = meeting
    bo = student_make(aya.fair, name="Bo Ørsted", email="bo@example.org")
    interview_make(aya.fair, student=bo, company=company, hour=11)
    partner, staff = partner_staff_make()
    register_link(aya, partner)
    client = bearer(staff)
    data = client.get(f"/api/v1/outcomes?fair={aya.fair.slug}").json()
    assert [m["student_name"] for m in data["meetings"]] == ["Aya Hussein"]
    body = {"fair": aya.fair.slug, "company": company.pk, "kind": "nothing"}
    refused = post(client, {**body, "student": bo.pk})
    assert (refused.status_code, refused.json()["code"]) == (403, "not_yours")
    assert post(client, {**body, "student": aya.pk}).json()["reporter_role"] == "partner"


def test_outcomes_api_is_in_the_openapi_schema(db):
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert set(paths["/api/v1/outcomes"]) == {"get", "post"}
