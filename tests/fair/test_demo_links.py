"""Links in e-mails work wherever the site runs: `make demo PORT=8080`, a request's own host,
and the demo console says how students and companies log in."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from booking.notifications import interviews_notify
from fair.models import User
from tests.booking.notification_helpers import world_make

ROOT = Path(__file__).resolve().parents[2]


def test_make_demo_port_sets_the_address_of_the_links():
    dry = subprocess.run(
        ["make", "-n", "-W", ".venv/.runtime", "demo", "PORT=8080"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    seed = next(line for line in dry.splitlines() if "seed_demo" in line)
    serve = next(line for line in dry.splitlines() if "runserver" in line)
    assert "FAIR_BASE_URL=http://localhost:8080 " in seed
    assert "FAIR_BASE_URL=http://localhost:8080 " in serve and serve.endswith("runserver 8080")


@pytest.mark.django_db
def test_login_link_uses_the_host_the_request_came_to(settings, committed):
    settings.ALLOWED_HOSTS = ["localhost"]
    settings.FAIR_BASE_URL = "http://localhost:8000"
    cache.clear()
    User.objects.create_user(email="ida@example.dk", name="Ida", role="student")

    with committed():
        Client(HTTP_HOST="localhost:8080").post("/login/", {"email": "ida@example.dk"})

    [message] = mail.outbox
    assert re.findall(r"http://localhost:\d+/\S*", message.body)[0].startswith(
        "http://localhost:8080/login/link/"
    )


@pytest.mark.django_db
def test_invite_sent_during_a_request_links_to_that_requests_host(
    settings, django_capture_on_commit_callbacks
):
    settings.ALLOWED_HOSTS = ["localhost"]
    settings.FAIR_BASE_URL = "http://localhost:8000"
    w = world_make(students=1)
    with django_capture_on_commit_callbacks(execute=True):
        interviews_notify(interview_ids=[w.interviews[0].pk], reason="booked")
    mail.outbox.clear()
    browser = Client(HTTP_HOST="localhost:8080")
    browser.force_login(w.students[0].user)

    url = f"/fairs/{w.fair.slug}/interviews/{w.interviews[0].pk}/cancel/"
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(url, {"confirm": "yes"})

    links = {link for m in mail.outbox for link in re.findall(r"http://\S+/me/calendar/", m.body)}
    assert links == {"http://localhost:8080/me/calendar/"}


@pytest.mark.django_db
def test_a_forged_host_never_reaches_a_link_and_outside_a_request_the_setting_counts(
    settings, django_capture_on_commit_callbacks
):
    settings.ALLOWED_HOSTS = ["localhost"]
    settings.FAIR_BASE_URL = "https://praktikmesse.example.dk"
    cache.clear()
    User.objects.create_user(email="ida@example.dk", name="Ida", role="student")

    response = Client(HTTP_HOST="evil.example").post("/login/", {"email": "ida@example.dk"})
    assert (response.status_code, mail.outbox) == (400, [])

    # Invites written by a command or the worker link to FAIR_BASE_URL.
    w = world_make(students=1)
    with django_capture_on_commit_callbacks(execute=True):
        interviews_notify(interview_ids=[w.interviews[0].pk], reason="booked")
    assert {
        link for m in mail.outbox for link in re.findall(r"https?://[^/\s]+/me/calendar/", m.body)
    } == {"https://praktikmesse.example.dk/me/calendar/"}


@pytest.mark.django_db
def test_demo_console_says_how_students_and_companies_log_in(settings):
    settings.FAIR_BASE_URL = "http://localhost:8080"
    out = io.StringIO()
    call_command("seed_demo", "--students", "3", "--companies", "2", stdout=out)
    text = out.getvalue()
    student = User.objects.filter(students__fair__slug="demo").order_by("pk").first()
    contact = User.objects.filter(companies__fair__slug="demo").order_by("pk").first()
    assert f"  student log-in: {student.email} at http://localhost:8080/login/\n" in text
    assert f"  company log-in: {contact.email} at http://localhost:8080/login/\n" in text
    assert "the demo prints it on this console" in text
