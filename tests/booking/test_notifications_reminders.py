"""The day-before reminder: schedule in the text, the calendar file and the badge PDF attached."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from booking.enums import InterviewStatus
from booking.models import Interview
from fair.dashboard.reminders import reminders_send
from fair.exceptions import FairError
from fair.models import EmailLog, Fair
from tests.booking.ics_readers import read_libical, read_vobject
from tests.booking.notification_helpers import DST_DAY, world_make

EVE = DST_DAY - timedelta(days=1)  # the day before the test fair


def attachments(message) -> dict[str, tuple[str, bytes]]:
    found = {}
    for name, content, mimetype in message.attachments:
        found[name] = (mimetype, content.encode() if isinstance(content, str) else content)
    return found


@pytest.mark.django_db
def test_send_reminders_mails_schedule_calendar_and_badge_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    w = world_make(students=2)
    Interview.objects.filter(pk=w.interviews[1].pk).update(status=InterviewStatus.CANCELLED)

    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(fair=w.fair, today=EVE) == 3

    by_to = {m.to[0]: m for m in mailoutbox}
    assert sorted(by_to) == [
        "Bo Jensen <elev1@dst2027.example.dk>",
        "HR Novo Nordisk <hr@dst2027.example.dk>",
        "Åse Ølgaard <elev0@dst2027.example.dk>",
    ]
    aase = by_to["Åse Ølgaard <elev0@dst2027.example.dk>"]
    assert aase.subject == "I morgen: Praktikpladsmessen dst2027"
    assert "10:00–10:12  Novo Nordisk, Stand A12, bord 1, TEC Ballerup" in aase.body
    assert "Medbring: Dit CV, dine seneste karakterer og spørgsmål til virksomheden." in aase.body
    files = attachments(aase)
    assert sorted(files) == ["badge-dst2027.pdf", "dst2027.ics"]
    mimetype, ics = files["dst2027.ics"]
    assert mimetype == "text/calendar; method=PUBLISH; charset=UTF-8"
    lib = read_libical(ics)
    assert (lib["errors"], lib["restrictions_ok"]) == ([], True)
    assert [(e["summary"], e["start_utc"]) for e in read_vobject(ics)["events"]] == [
        ("Praktikpladsmessen dst2027", datetime(2027, 3, 28, 7, 0, tzinfo=UTC)),
        ("Samtale med Novo Nordisk", datetime(2027, 3, 28, 8, 0, tzinfo=UTC)),
    ]
    mimetype, pdf = files["badge-dst2027.pdf"]
    assert mimetype == "application/pdf"
    assert "Åse Ølgaard" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()

    # Bo's interview was cancelled: no schedule, but still the fair and the badge.
    bo = by_to["Bo Jensen <elev1@dst2027.example.dk>"]
    assert "Du har ingen bookede samtaler." in bo.body
    company = by_to["HR Novo Nordisk <hr@dst2027.example.dk>"]
    assert "10:00–10:12  Åse Ølgaard, Stand A12, bord 1" in company.body

    # Running it again (cron every hour) sends nobody anything twice.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(fair=w.fair, today=EVE) == 0
    assert mailoutbox == []
    assert EmailLog.objects.filter(kind="reminder").count() == 3


@pytest.mark.django_db
def test_send_reminders_without_a_fair_picks_tomorrows_fairs_only(mailoutbox):
    w = world_make(students=1)
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert (out.getvalue(), mailoutbox) == ("No fair tomorrow.\n", [])

    Fair.objects.filter(pk=w.fair.pk).update(date=timezone.localdate() + timedelta(days=1))
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue() == "dst2027: 2 reminders queued\n"


@pytest.mark.django_db
def test_send_reminders_refuses_an_unknown_fair():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No fair with the slug 'nope'."):
        call_command("send_reminders", "--fair", "nope")


@pytest.mark.django_db
def test_send_reminders_for_a_fair_refuses_on_any_day_but_the_day_before(mailoutbox):
    from django.core.management.base import CommandError

    w = world_make(students=1)
    today = timezone.localdate()
    Fair.objects.filter(pk=w.fair.pk).update(date=today + timedelta(days=60))
    early = today + timedelta(days=59)
    message = (
        f"Påmindelsen om Praktikpladsmessen dst2027 kan kun sendes den {early:%d.%m.%Y}, dagen "
        f"før messen (i dag er det {today:%d.%m.%Y})."
    )
    with pytest.raises(CommandError) as refused:
        call_command("send_reminders", "--fair", w.fair.slug)
    assert (str(refused.value), mailoutbox) == (message, [])
    assert EmailLog.objects.count() == 0  # nothing that could block the real one later

    with pytest.raises(FairError) as late:
        reminders_send(fair=w.fair, today=today + timedelta(days=60))
    assert late.value.code == "not_day_before"

    Fair.objects.filter(pk=w.fair.pk).update(date=today + timedelta(days=1))
    out = io.StringIO()
    call_command("send_reminders", "--fair", w.fair.slug, stdout=out)
    assert out.getvalue() == "dst2027: 2 reminders queued\n"


@pytest.mark.django_db
def test_an_earlier_reminder_never_blocks_the_one_for_the_fairs_real_date(
    mailoutbox, django_capture_on_commit_callbacks
):
    w = world_make(students=1)
    student = w.students[0].user
    # What the old command left after "--fair" two months early: a reminder under the old key.
    EmailLog.objects.create(
        user=student,
        to=student.email,
        kind="reminder",
        subject="I morgen",
        body_text="x",
        dedupe_key=f"reminder:{w.fair.pk}:{student.pk}",
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(fair=w.fair, today=EVE) == 2
    # The fair moves a week: the reminder for the new day goes out again, once.
    Fair.objects.filter(pk=w.fair.pk).update(date=DST_DAY + timedelta(days=7))
    w.fair.refresh_from_db()
    new_eve = DST_DAY + timedelta(days=6)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(fair=w.fair, today=new_eve) == 2
        assert reminders_send(fair=w.fair, today=new_eve) == 0
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [f"{student.name} <{student.email}>", "HR Novo Nordisk <hr@dst2027.example.dk>"] * 2
    )
