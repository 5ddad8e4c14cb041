"""Organizers' messages to a group: who is in it, preview with a count, send once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from booking.enums import InterviewStatus
from booking.models import Interview
from fair.dashboard.messages import message_recipients
from fair.models import EmailLog, Programme, User
from tests.booking.notification_helpers import company_make, student_make, world_make


@pytest.fixture
def world(db):
    w = world_make(students=3)  # Åse and Bo and Chen meet Novo Nordisk
    electrician = Programme.objects.get(code="elektriker")
    w.students[0].programmes.add(electrician)
    Interview.objects.filter(pk=w.interviews[2].pk).update(status=InterviewStatus.CANCELLED)
    company_make(w.fair, "Lego", "54562519", "hr@lego.example.dk", None)  # no interviews
    student_make(w.fair, "dina@example.dk", "Dina Nør")  # no interviews
    return w


@pytest.fixture
def organizer(db):
    return User.objects.create_user(
        email="org@example.dk", name="Org", role="organizer", is_staff=True
    )


def names(users) -> list[str]:
    return [u.name for u in users]


@pytest.mark.django_db
def test_groups_hold_the_right_people(world, electrician):
    fair = world.fair
    assert names(message_recipients(fair=fair, group="students")) == [
        "Bo Jensen",
        "Chen Li",
        "Dina Nør",
        "Åse Ølgaard",
    ]
    assert names(message_recipients(fair=fair, group="programme", programme=electrician)) == [
        "Åse Ølgaard"
    ]
    assert names(message_recipients(fair=fair, group="companies")) == [
        "HR Lego",
        "HR Novo Nordisk",
    ]
    # Chen's only interview was cancelled: Chen has none now.
    assert names(message_recipients(fair=fair, group="no_interviews")) == [
        "Chen Li",
        "Dina Nør",
        "HR Lego",
    ]


def compose(client, fair, **data):
    url = reverse("dashboard:messages", kwargs={"slug": fair.slug})
    form = {
        "group": "companies",
        "subject": "Parkering",
        "body": "Brug P-pladsen bag hallen.",
        "nonce": "n1",
    }
    return client.post(url, {**form, **data})


@pytest.mark.django_db
def test_preview_shows_the_count_and_the_email_and_sends_nothing(client, world, organizer):
    client.force_login(organizer)
    page = compose(client, world.fair, group="no_interviews", action="preview").content.decode()

    assert "Beskeden går til 3 personer." in page
    assert "Chen Li &lt;elev2@dst2027.example.dk&gt; og 2 andre" in page
    assert "Hej Chen Li" in page
    assert "Brug P-pladsen bag hallen." in page
    assert "Send til 3 personer" in page
    assert EmailLog.objects.count() == 0


@pytest.mark.django_db
def test_send_mails_each_person_once_even_if_the_form_is_sent_twice(
    client, world, organizer, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(organizer)
    with django_capture_on_commit_callbacks(execute=True):
        response = compose(client, world.fair, action="send")
    assert response.status_code == 302
    followed = client.get(response["Location"]).content.decode()
    assert "Beskeden er på vej til 2 personer." in followed

    with django_capture_on_commit_callbacks(execute=True):
        compose(client, world.fair, action="send")  # a double click: same form, same nonce

    assert sorted(m.to[0] for m in mailoutbox) == [
        "HR Lego <hr@lego.example.dk>",
        "HR Novo Nordisk <hr@dst2027.example.dk>",
    ]
    message = mailoutbox[0]
    assert message.subject == "Parkering"
    assert message.body.startswith("Hej HR ")
    assert "Brug P-pladsen bag hallen." in message.body
    assert "Venlig hilsen arrangørerne af Praktikpladsmessen dst2027" in message.body
    assert sorted(EmailLog.objects.values_list("kind", "status")) == [("message", "sent")] * 2


@pytest.mark.django_db
def test_bad_input_shows_danish_errors_and_sends_nothing(client, world, organizer):
    client.force_login(organizer)
    page = compose(client, world.fair, group="programme", action="send").content.decode()
    assert "Vælg uddannelsen." in page
    page = compose(client, world.fair, subject="", action="send").content.decode()
    assert "Dette felt er påkrævet." in page
    carpenter = Programme.objects.get(code="bygningsmaler")
    page = compose(
        client, world.fair, group="programme", programme=carpenter.code, action="send"
    ).content.decode()
    assert "Der er ingen i denne gruppe." in page
    assert EmailLog.objects.count() == 0


@pytest.mark.django_db
def test_messages_page_is_for_organizers_only(client, world):
    url = reverse("dashboard:messages", kwargs={"slug": world.fair.slug})
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (
        302,
        f"{reverse('fair:login-staff')}?next={url}",
    )
    client.force_login(world.students[0].user)
    response = compose(client, world.fair, action="send")
    assert (response.status_code, response["Location"]) == (
        302,
        f"{reverse('fair:login-staff')}?next={url}",
    )
    assert EmailLog.objects.count() == 0
