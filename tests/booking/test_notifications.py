"""Invites by e-mail: who gets what when interviews are published, booked, moved or cancelled.

Every calendar part of every e-mail is read back by libical (with its iTIP restriction check)
and by vobject; interviews are created through the ORM where the scheduler's services would.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.db import transaction
from django.db.models import F

from booking.enums import InterviewStatus
from booking.models import Interview, InviteSent
from booking.notifications import interviews_notify
from fair.models import EmailLog, User
from tests.booking.ics_readers import read_vobject
from tests.booking.notification_helpers import (
    assert_clean,
    calendar_parts,
    company_make,
    interview_make,
    mime_tree,
    notify,
    recipients,
    world_make,
)


@pytest.mark.django_db
def test_publish_sends_each_person_one_danish_email_with_a_request_per_interview(
    django_capture_on_commit_callbacks,
):
    w = world_make(students=2)
    logs = notify(django_capture_on_commit_callbacks, [i.pk for i in w.interviews], "published")

    assert recipients(mail.outbox) == [
        "Bo Jensen <elev1@dst2027.example.dk>",
        "HR Novo Nordisk <hr@dst2027.example.dk>",
        "Åse Ølgaard <elev0@dst2027.example.dk>",
    ]
    assert [(log.kind, log.status, log.attempts) for log in logs] == [("invite", "sent", 1)] * 3
    by_to = {m.to[0]: m for m in mail.outbox}
    student_mail = by_to["Åse Ølgaard <elev0@dst2027.example.dk>"]
    assert student_mail.subject == "Din samtaleplan til Praktikpladsmessen dst2027"
    assert "Ny: Samtale med Novo Nordisk" in student_mail.body
    assert "28.03.2027 10:00–10:12, Stand A12, bord 1, TEC Ballerup" in student_mail.body
    html = dict((m, c) for c, m in student_mail.alternatives)["text/html"]
    assert "Samtale med Novo Nordisk" in html

    # One interview: the invite is the inline alternative (the invite card) and an attachment.
    raw = student_mail.message().as_bytes().split(b"\n")
    assert [line for line in raw if line.startswith(b"Content-Type: text/calendar")] == [
        b"Content-Type: text/calendar; method=REQUEST; charset=UTF-8"
    ] * 2
    parts = calendar_parts(student_mail)
    assert [(method, inline) for method, inline, _ics in parts] == [
        ("REQUEST", True),
        ("REQUEST", False),
    ]
    lib = assert_clean(parts[0][2])
    assert lib["cal_props"]["METHOD"] == ["REQUEST"]
    [event] = lib["events"]
    assert event["props"]["SUMMARY"] == ["Samtale med Novo Nordisk"]
    assert event["props"]["SEQUENCE"] == ["0"]
    assert event["props"]["UID"] == [f"interview-{w.interviews[0].pk}@localhost"]
    # 10:00 on the first day of summer time is 08:00 UTC (not 09:00).
    assert event["start"] == {
        "utc": datetime(2027, 3, 28, 8, 0, tzinfo=UTC),
        "zone": "Europe/Copenhagen",
    }
    assert [a["ACTION"] for a in event["alarms"]] == [["DISPLAY"]]

    # The company contact meets two students: one e-mail, the earlier interview as the invite
    # card, one invite attachment per interview.
    company_mail = by_to["HR Novo Nordisk <hr@dst2027.example.dk>"]
    parts = calendar_parts(company_mail)
    assert [(method, inline) for method, inline, _ics in parts] == [
        ("REQUEST", True),
        ("REQUEST", False),
        ("REQUEST", False),
    ]
    assert parts[0][2] == parts[1][2]
    summaries = []
    for _method, _inline, ics in parts[1:]:
        assert_clean(ics)
        [vevent] = read_vobject(ics)["events"]
        summaries.append((vevent["summary"], vevent["start_utc"], vevent["attendees"][0]["value"]))
    assert summaries == [
        (
            "Samtale med Åse Ølgaard",
            datetime(2027, 3, 28, 8, 0, tzinfo=UTC),
            "mailto:hr@dst2027.example.dk",
        ),
        (
            "Samtale med Bo Jensen",
            datetime(2027, 3, 28, 8, 15, tzinfo=UTC),
            "mailto:hr@dst2027.example.dk",
        ),
    ]


@pytest.mark.django_db
def test_republish_after_one_move_sends_only_to_the_two_people_concerned(
    django_capture_on_commit_callbacks,
):
    w = world_make(students=3)
    ids = [i.pk for i in w.interviews]
    first = notify(django_capture_on_commit_callbacks, ids, "published")
    assert len(first) == 4
    mail.outbox.clear()

    moved = w.interviews[1]
    Interview.objects.filter(pk=moved.pk).update(slot=w.slots[3], sequence=F("sequence") + 1)
    second = notify(django_capture_on_commit_callbacks, ids, "published")

    assert recipients(mail.outbox) == [
        "Bo Jensen <elev1@dst2027.example.dk>",
        "HR Novo Nordisk <hr@dst2027.example.dk>",
    ]
    assert {log.subject for log in second} == {
        "Ændringer i dine samtaler på Praktikpladsmessen dst2027"
    }
    for message in mail.outbox:
        [(method, inline, ics), _attachment] = calendar_parts(message)
        [event] = assert_clean(ics)["events"]
        assert (method, event["props"]["SEQUENCE"], event["props"]["UID"]) == (
            "REQUEST",
            ["1"],
            [f"interview-{moved.pk}@localhost"],
        )
        assert event["start"]["utc"] == datetime(2027, 3, 28, 8, 45, tzinfo=UTC)
        assert "Ændret: Samtale med" in message.body

    # A third publish with nothing changed sends nothing at all.
    mail.outbox.clear()
    assert notify(django_capture_on_commit_callbacks, ids, "published") == []
    assert mail.outbox == []


@pytest.mark.django_db
def test_move_without_a_new_sequence_still_gets_a_higher_sequence(
    django_capture_on_commit_callbacks,
):
    w = world_make(students=1)
    [interview] = w.interviews
    notify(django_capture_on_commit_callbacks, [interview.pk], "booked")
    Interview.objects.filter(pk=interview.pk).update(table=2)  # forgot to bump SEQUENCE
    mail.outbox.clear()

    notify(django_capture_on_commit_callbacks, [interview.pk], "moved")

    interview.refresh_from_db()
    assert interview.sequence == 1
    sequences = set()
    for message in mail.outbox:
        [event] = read_vobject(calendar_parts(message)[0][2])["events"]
        sequences.add((event["sequence"], event["location"]))
    assert sequences == {(1, "Stand A12, bord 2, TEC Ballerup, Telegrafvej 9, 2750 Ballerup")}


@pytest.mark.django_db
def test_cancel_sends_cancel_with_higher_sequence_and_only_to_those_who_had_the_invite(
    django_capture_on_commit_callbacks,
):
    w = world_make(students=2)
    kept, cancelled = w.interviews
    notify(django_capture_on_commit_callbacks, [kept.pk, cancelled.pk], "published")
    mail.outbox.clear()
    Interview.objects.filter(pk=cancelled.pk).update(
        status=InterviewStatus.CANCELLED, sequence=F("sequence") + 1
    )

    logs = notify(django_capture_on_commit_callbacks, [cancelled.pk], "cancelled")

    assert recipients(mail.outbox) == [
        "Bo Jensen <elev1@dst2027.example.dk>",
        "HR Novo Nordisk <hr@dst2027.example.dk>",
    ]
    assert {log.subject for log in logs} == {"Aflyst: samtale på Praktikpladsmessen dst2027"}
    for message in mail.outbox:
        [(method, inline, ics), _attachment] = calendar_parts(message)
        lib = assert_clean(ics)
        assert (method, lib["cal_props"]["METHOD"]) == ("CANCEL", ["CANCEL"])
        [event] = lib["events"]
        assert (event["props"]["STATUS"], event["props"]["SEQUENCE"]) == (["CANCELLED"], ["1"])
        assert event["props"]["UID"] == [f"interview-{cancelled.pk}@localhost"]
        assert event["alarms"] == []

    # Cancelling again, or cancelling an interview nobody was invited to, sends nothing.
    mail.outbox.clear()
    never_sent = interview_make(
        w.fair,
        w.slots[3],
        w.students[0],
        company_make(w.fair, "Lego", "54562519", "hr@lego.example.dk", None),
    )
    Interview.objects.filter(pk=never_sent.pk).update(status=InterviewStatus.CANCELLED)
    assert (
        notify(django_capture_on_commit_callbacks, [cancelled.pk, never_sent.pk], "cancelled") == []
    )
    assert mail.outbox == []


@pytest.mark.django_db
def test_invite_is_in_the_recipients_language(django_capture_on_commit_callbacks):
    w = world_make(students=1)
    User.objects.filter(pk=w.students[0].user_id).update(language="en")
    notify(django_capture_on_commit_callbacks, [w.interviews[0].pk], "booked")

    by_to = {m.to[0]: m for m in mail.outbox}
    english = by_to["Åse Ølgaard <elev0@dst2027.example.dk>"]
    assert english.subject == "New interview at Praktikpladsmessen dst2027"
    [event] = read_vobject(calendar_parts(english)[0][2])["events"]
    assert (event["summary"], event["location"]) == (
        "Interview with Novo Nordisk",
        "Stand A12, table 1, TEC Ballerup, Telegrafvej 9, 2750 Ballerup",
    )
    danish = by_to["HR Novo Nordisk <hr@dst2027.example.dk>"]
    assert danish.subject == "Ny samtale på Praktikpladsmessen dst2027"
    [event] = read_vobject(calendar_parts(danish)[0][2])["events"]
    assert event["summary"] == "Samtale med Åse Ølgaard"


@pytest.mark.django_db
def test_notify_rejects_an_unknown_reason_and_ignores_an_empty_list():
    with pytest.raises(ValueError, match="unknown reason 'rescheduled'"):
        interviews_notify(interview_ids=[1], reason="rescheduled")
    interviews_notify(interview_ids=[], reason="booked")
    assert (EmailLog.objects.count(), InviteSent.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_notify_writes_the_invites_in_the_callers_transaction(settings):
    """The outbox: the invites commit with the change that causes them, or not at all."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    w = world_make(students=2)
    ids = [i.pk for i in w.interviews]
    with pytest.raises(RuntimeError), transaction.atomic():
        interviews_notify(interview_ids=ids, reason="booked")
        assert EmailLog.objects.filter(status="queued").count() == 3  # two students, one HR
        raise RuntimeError("the booking fails after its invites were written")
    assert (EmailLog.objects.count(), InviteSent.objects.count()) == (0, 0)

    with transaction.atomic():
        interviews_notify(interview_ids=ids, reason="booked")
    # Written and handed to the worker, not sent by the caller.
    assert (EmailLog.objects.filter(status="queued").count(), len(mail.outbox)) == (3, 0)


@pytest.mark.django_db
def test_cancellation_email_names_the_interview_once_as_cancelled(
    django_capture_on_commit_callbacks,
):
    w = world_make(students=1)
    [interview] = w.interviews
    notify(django_capture_on_commit_callbacks, [interview.pk], "booked")
    mail.outbox.clear()
    Interview.objects.filter(pk=interview.pk).update(
        status=InterviewStatus.CANCELLED, sequence=F("sequence") + 1
    )

    notify(django_capture_on_commit_callbacks, [interview.pk], "cancelled")

    student_mail = {m.to[0]: m for m in mail.outbox}["Åse Ølgaard <elev0@dst2027.example.dk>"]
    assert student_mail.body == (
        "Hej Åse Ølgaard\n"
        "\n"
        "Her er nyt om dine samtaler på Praktikpladsmessen dst2027 den søndag 28.03.2027:\n"
        "\n"
        "Aflyst: Samtale med Novo Nordisk\n"
        "28.03.2027 10:00–10:12, Stand A12, bord 1, TEC Ballerup, Telegrafvej 9, 2750 Ballerup\n"
        "\n"
        "De vedhæftede kalenderinvitationer opdaterer din kalender (Outlook, Google, Apple).\n"
        "Din kalender og abonnementsadresse:\n"
        "http://localhost:8000/me/calendar/\n"
        "\n"
        "Venlig hilsen arrangørerne af Praktikmesse\n"
        "\n"
    )
    html = dict((m, c) for c, m in student_mail.alternatives)["text/html"]
    assert "<strong>Aflyst: Samtale med Novo Nordisk</strong>" in html
    assert html.count("Aflyst") == 1


@pytest.mark.django_db
def test_email_with_several_changes_has_the_earliest_as_invite_card_and_each_attached(
    django_capture_on_commit_callbacks,
):
    w = world_make(students=3)
    ids = [i.pk for i in w.interviews]
    notify(django_capture_on_commit_callbacks, ids, "published")
    mail.outbox.clear()
    # Bo's interview moves to 10:45, Chen's is cancelled: the company hears of both at once.
    bo, chen = w.interviews[1], w.interviews[2]
    Interview.objects.filter(pk=bo.pk).update(slot=w.slots[3], sequence=F("sequence") + 1)
    Interview.objects.filter(pk=chen.pk).update(
        status=InterviewStatus.CANCELLED, sequence=F("sequence") + 1
    )

    notify(django_capture_on_commit_callbacks, ids, "published")

    [company_mail] = [m for m in mail.outbox if m.to == ["HR Novo Nordisk <hr@dst2027.example.dk>"]]
    assert mime_tree(company_mail) == [
        (0, "multipart/mixed", None, None, None),
        (1, "multipart/alternative", None, None, None),
        (2, "text/plain", None, None, None),
        (2, "text/html", None, None, None),
        # The earliest change (Chen's cancelled 10:30) is the one invite card.
        (2, "text/calendar", "CANCEL", None, None),
        (1, "text/calendar", "CANCEL", "attachment", f"interview-{chen.pk}.ics"),
        (1, "text/calendar", "REQUEST", "attachment", f"interview-{bo.pk}.ics"),
    ]
    read_back = []
    for method, inline, ics in calendar_parts(company_mail):
        lib = assert_clean(ics)
        [event] = lib["events"]
        [vevent] = read_vobject(ics)["events"]
        read_back.append(
            (
                inline,
                method,
                lib["cal_props"]["METHOD"],
                event["props"]["UID"],
                vevent["summary"],
                vevent["start_utc"],
            )
        )
    assert read_back == [
        (
            True,
            "CANCEL",
            ["CANCEL"],
            [f"interview-{chen.pk}@localhost"],
            "Aflyst: Samtale med Chen Li",
            datetime(2027, 3, 28, 8, 30, tzinfo=UTC),
        ),
        (
            False,
            "CANCEL",
            ["CANCEL"],
            [f"interview-{chen.pk}@localhost"],
            "Aflyst: Samtale med Chen Li",
            datetime(2027, 3, 28, 8, 30, tzinfo=UTC),
        ),
        (
            False,
            "REQUEST",
            ["REQUEST"],
            [f"interview-{bo.pk}@localhost"],
            "Samtale med Bo Jensen",
            datetime(2027, 3, 28, 8, 45, tzinfo=UTC),
        ),
    ]
    attachments_note = (
        "Hver vedhæftet kalenderfil (.ics) tilføjer, flytter eller aflyser én samtale i din "
        "kalender (Outlook, Google, Apple), så åbn dem alle sammen. Dit e-mailprogram viser "
        "måske allerede den første som en invitation."
    )
    assert attachments_note in company_mail.body
    html = dict((m, c) for c, m in company_mail.alternatives)["text/html"]
    assert f"<p>{attachments_note}</p>" in html
    # Bo and Chen each get one e-mail with their one change, without the note.
    student_mails = [m for m in mail.outbox if m is not company_mail]
    assert recipients(student_mails) == [
        "Bo Jensen <elev1@dst2027.example.dk>",
        "Chen Li <elev2@dst2027.example.dk>",
    ]
    for message in student_mails:
        assert attachments_note not in message.body
        assert [(m, inline) for m, inline, _ics in calendar_parts(message)] in (
            [("REQUEST", True), ("REQUEST", False)],
            [("CANCEL", True), ("CANCEL", False)],
        )
