"""Credentials as a real browser or integration sends them (CSRF enforced, as in production)."""

import json

from django.test import Client

from fair import account_services, services
from fair.models import User


def strict_client(**kwargs) -> Client:
    return Client(enforce_csrf_checks=True, **kwargs)


def test_post_without_any_credentials_is_401_not_a_csrf_error(db):
    response = strict_client().post("/api/v1/checkin", data="{}", content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (401, "unauthorized")
    response = strict_client().patch(
        "/api/v1/me/student", data="{}", content_type="application/json"
    )
    assert (response.status_code, response.json()["code"]) == (401, "unauthorized")


def test_session_without_csrf_token_is_refused_in_danish(fair, electrician):
    student = services.student_register(
        fair=fair, name="A", email="a@example.org", programmes=[electrician], consent_profile=True
    )
    client = strict_client()
    client.force_login(student.user)
    response = client.patch(
        "/api/v1/me/student",
        data=json.dumps({"school_class": "X"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    assert response.json()["detail"].startswith("Formularen er udløbet")
    student.refresh_from_db()
    assert student.school_class == ""


def test_session_with_csrf_token_is_accepted(fair, electrician):
    student = services.student_register(
        fair=fair, name="A", email="a@example.org", programmes=[electrician], consent_profile=True
    )
    client = strict_client()
    client.force_login(student.user)
    client.get(f"/fairs/{fair.slug}/")  # the page sets the CSRF cookie, as in a browser
    token = client.cookies["csrftoken"].value
    response = client.patch(
        "/api/v1/me/student",
        data=json.dumps({"school_class": "GF2-B"}),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert (response.status_code, response.json()["school_class"]) == (200, "GF2-B")


def test_bearer_token_needs_no_csrf_token(fair):
    user = User.objects.create_user(email="a@example.org", name="A")
    _token, key = account_services.api_token_create(user=user)
    response = strict_client(headers={"Authorization": f"Bearer {key}"}).get("/api/v1/me")
    assert (response.status_code, response.json()["email"]) == (200, "a@example.org")
