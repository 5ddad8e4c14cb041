"""Issue 10.2 and 10.8a: staff log-in lockout, limits on log-in e-mails and sign-ups, and
sign-up answers that do not tell which addresses are registered."""

import json
import re

import pytest
from django.contrib.auth import SESSION_KEY

from fair.models import Company, Student, User
from tests.fair.test_api import company_body, student_body

CSRF = re.compile(r'"csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"')


@pytest.fixture
def organizer(db):
    return User.objects.create_user(
        email="org@example.org", name="Org", role="organizer", is_staff=True, password="rigtig-k0de"
    )


def staff_login(client, password, ip="10.0.0.1"):
    return client.post(
        "/login/staff/",
        {"username": "org@example.org", "password": password},
        REMOTE_ADDR=ip,
    )


def test_staff_login_locks_after_five_failures_even_with_the_right_password(client, organizer):
    assert [staff_login(client, "forkert").status_code for _ in range(5)] == [200] * 4 + [429]
    response = staff_login(client, "rigtig-k0de")
    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    assert "For mange mislykkede log-ind for denne konto fra dit netværk. Vent 15 minutter" in (
        response.content.decode()
    )


def test_staff_lockout_is_per_account_and_address(client, organizer):
    for _ in range(5):
        staff_login(client, "forkert")
    # Another network can still log in to the same account (no denial of service by name).
    assert staff_login(client, "rigtig-k0de", ip="10.0.0.2").headers["Location"] == "/me/"


def test_staff_login_success_resets_the_count(client, organizer):
    for _ in range(4):
        staff_login(client, "forkert")
    assert staff_login(client, "rigtig-k0de").status_code == 302
    client.post("/logout/")
    for _ in range(4):
        staff_login(client, "forkert")
    assert staff_login(client, "rigtig-k0de").status_code == 302


def test_login_page_sends_at_most_five_links_an_hour_to_one_address(
    client, fair, mailoutbox, committed
):
    with committed():
        client.post(f"/api/v1/fairs/{fair.slug}/students", student_body(), "application/json")
    pages = []
    for _ in range(8):
        with committed():
            pages.append(client.post("/login/", {"email": "aya@example.org"}))
    # Every answer reads "sent" (nothing to learn), but only five e-mails went out in all,
    # the sign-up's own link included.
    assert {p.status_code for p in pages} == {200}
    assert len({CSRF.sub("", p.content.decode()) for p in pages}) == 1
    assert len(mailoutbox) == 5


def test_login_link_api_answers_429_with_the_error_shape_past_the_limit(client, fair):
    def ask():
        return client.post(
            "/api/v1/auth/login-link", json.dumps({"email": "x@example.org"}), "application/json"
        )

    answers = [ask() for _ in range(6)]
    assert [a.status_code for a in answers] == [202] * 5 + [429]
    body = answers[-1].json()
    assert body["code"] == "rate_limited"
    assert body["detail"] == "For mange forespørgsler. Vent et par minutter, og prøv igen."


def test_login_links_per_client_address_are_limited(client, db, settings, mailoutbox):
    settings.FAIR_LOGIN_MAILS_PER_IP_MINUTE = 3
    for n in range(5):
        client.post("/login/", {"email": f"p{n}@example.org"}, REMOTE_ADDR="10.9.9.9")
    answer = client.post(
        "/api/v1/auth/login-link",
        json.dumps({"email": "p9@example.org"}),
        "application/json",
        REMOTE_ADDR="10.9.9.9",
    )
    assert answer.status_code == 429


def test_signups_from_one_address_are_limited(client, fair, settings, mailoutbox):
    settings.FAIR_SIGNUPS_PER_IP_MINUTE = 2
    url = f"/api/v1/fairs/{fair.slug}/students"
    codes = [
        client.post(url, json.dumps(student_body(email=f"s{n}@example.org")), "application/json")
        for n in range(3)
    ]
    assert [c.status_code for c in codes] == [201, 201, 429]
    assert codes[-1].json()["code"] == "rate_limited"
    assert Student.objects.count() == 2


def test_company_signup_with_a_known_contact_answers_like_a_new_one(client, fair, mailoutbox):
    url = f"/api/v1/fairs/{fair.slug}/companies"
    client.post(url, json.dumps(student_body(email="per@example.org")), "application/json")
    student_url = f"/api/v1/fairs/{fair.slug}/students"
    client.post(student_url, json.dumps(student_body(email="per@example.org")), "application/json")
    known = client.post(
        url, json.dumps(company_body(contact_email="per@example.org")), "application/json"
    )
    new = client.post(
        url,
        json.dumps(company_body(cvr="10150817", contact_email="ny@example.org")),
        "application/json",
    )
    assert (known.status_code, new.status_code) == (201, 201)
    assert {**known.json(), "cvr": "-"} == {**new.json(), "cvr": "-"}
    assert known.json()["id"] is None
    assert Company.objects.count() == 1  # the known address did not get a company
    assert User.objects.get(email="per@example.org").role == "student"
