"""Follow-up e-mails: one per person and round, in their language, never twice."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from fair.models import EmailLog
from outcomes.followups import followup_round_due, followups_send
from outcomes.models import Outcome
from tests.badges.conftest import interview_make, student_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """followups_send, with the after-commit delivery run as a real commit would."""

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return followups_send(**kwargs)

    return run


@pytest.fixture
def command(django_capture_on_commit_callbacks):
    def run(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_followups", *args, **kwargs)

    return run


@pytest.fixture
def after(meeting):
    """Aya, her company and a second student, Bo, who met the company too; 15 days later."""
    aya, company, _interview = meeting
    bo = student_make(aya.fair, name="Bo Ørsted", email="bo@example.org")
    interview_make(aya.fair, student=bo, company=company, hour=11)
    return aya, bo, company, aya.fair.date + timedelta(days=15)


def by_address():
    return {m.to[0].split("<")[-1].rstrip(">"): m for m in mail.outbox}


def test_followup_round_due_only_after_two_and_eight_weeks(fair):
    assert followup_round_due(fair=fair, today=fair.date + timedelta(days=13)) is None
    assert followup_round_due(fair=fair, today=fair.date + timedelta(days=14)) == 2
    assert followup_round_due(fair=fair, today=fair.date + timedelta(days=60)) == 8


def test_followups_send_one_email_per_person_listing_their_meetings(after, send):
    aya, bo, company, day = after
    run = send(fair=aya.fair, today=day)
    assert (run.weeks, run.sent) == (2, 3)
    sent = by_address()
    assert sorted(sent) == ["aya@example.org", "bo@example.org", "per@el.example.org"]
    assert sent["aya@example.org"].subject == (
        f"Hvad kom der ud af dine samtaler på {aya.fair.name}?"
    )
    company_text = sent["per@el.example.org"].body
    assert "Aya Hussein" in company_text and "Bo Ørsted" in company_text
    assert "Bo Ørsted" not in sent["aya@example.org"].body  # each sees only their own
    links = re.findall(r"http://\S+/outcomes/answer/\S+/", sent["aya@example.org"].body)
    assert len(links) == 3  # nothing, trial days, agreement for her one meeting


def test_followups_are_never_sent_twice_for_a_round(after, send):
    aya, _bo, _company, day = after
    send(fair=aya.fair, today=day)
    again = send(fair=aya.fair, today=day + timedelta(days=1))
    assert (again.sent, again.skipped) == (0, 3)
    assert len(mail.outbox) == 3
    assert EmailLog.objects.filter(kind="outcome_followup").count() == 3
    later = send(fair=aya.fair, today=aya.fair.date + timedelta(weeks=8))
    assert (later.weeks, later.sent) == (8, 3)
    assert len(mail.outbox) == 6


def test_followup_is_in_english_for_a_person_with_english(after, send):
    aya, _bo, _company, day = after
    aya.user.language = "en"
    aya.user.save()
    send(fair=aya.fair, today=day)
    sent = by_address()
    assert sent["aya@example.org"].subject == f"What came of your meetings at {aya.fair.name}?"
    assert "Training agreement (uddannelsesaftale)" in sent["aya@example.org"].body
    assert "Uddannelsesaftale" in sent["bo@example.org"].body


def test_followup_link_from_the_email_records_the_answer(after, send):
    aya, _bo, company, day = after
    send(fair=aya.fair, today=day)
    body = by_address()["aya@example.org"].body
    link = re.search(r"- Snuse- eller praktikdage: http://[^/]+(\S+)", body).group(1)
    client = Client()
    assert client.get(link).status_code == 200
    assert Outcome.objects.count() == 0
    client.post(link, {"start_date": "2027-03-01"})
    assert Outcome.objects.get().kind == "trial_days"


def test_send_followups_command_dry_run_sends_nothing(after, command):
    aya, _bo, _company, _day = after
    out = io.StringIO()
    call_command("send_followups", "--fair", aya.fair.slug, "--round", "2", "--dry-run", stdout=out)
    assert "3 would be sent" in out.getvalue()
    assert (len(mail.outbox), EmailLog.objects.count()) == (0, 0)
    command("--fair", aya.fair.slug, "--round", "2", stdout=out)
    assert len(mail.outbox) == 3


def test_send_followups_command_before_the_fair_sends_nothing_and_bad_input_fails(after):
    aya, _bo, _company, _day = after
    out = io.StringIO()
    call_command("send_followups", "--fair", aya.fair.slug, stdout=out)
    assert "no follow-up is due yet" in out.getvalue()
    assert mail.outbox == []
    with pytest.raises(CommandError, match="No fair with the slug 'nope'"):
        call_command("send_followups", "--fair", "nope")
    with pytest.raises(CommandError, match="--round must be one of: 2, 8"):
        call_command("send_followups", "--fair", aya.fair.slug, "--round", "3")


def test_followups_send_task_sends_the_due_round(
    after, settings, django_capture_on_commit_callbacks
):
    from outcomes.tasks import followups_send_task

    aya, _bo, _company, _day = after
    settings.FAIR_FOLLOWUP_WEEKS = (0,)  # one round, due from the fair's own day
    aya.fair.date = aya.fair.date.today() - timedelta(days=1)
    aya.fair.save()
    with django_capture_on_commit_callbacks(execute=True):
        result = followups_send_task.enqueue(aya.fair.pk)
    assert result.return_value == 3
    assert len(mail.outbox) == 3


def test_send_followups_all_sends_every_fair_due_and_leaves_old_fairs_alone(after, command):
    """--all (the daily cron job): the fair 15 days ago gets round 2 once; a fair of two
    years ago with meetings gets nothing; a second run the same day sends nothing."""
    from django.utils import timezone

    from fair.models import Fair
    from tests.conftest import fair_make

    aya, _bo, _company, _day = after
    today = timezone.localdate()
    Fair.objects.filter(pk=aya.fair.pk).update(date=today - timedelta(days=15))
    from tests.badges.conftest import company_make

    old = fair_make("gammel")
    cleo = student_make(old, name="Cleo", email="cleo@example.org")
    firm = company_make(old, name="Gammel El ApS", cvr="10000009", email="ole@el.example.org")
    interview_make(old, student=cleo, company=firm, hour=10)
    Fair.objects.filter(pk=old.pk).update(date=today - timedelta(days=730))
    out = io.StringIO()
    command("--all", stdout=out)
    assert f"{aya.fair.slug}: round 2 weeks: 3 follow-ups queued" in out.getvalue()
    assert "gammel" not in out.getvalue()
    assert "cleo@example.org" not in by_address() and len(by_address()) == 3
    command("--all", stdout=out)
    assert len(mail.outbox) == 3
    with pytest.raises(CommandError, match="--round goes with --fair"):
        call_command("send_followups", "--all", "--round", "2")
    with pytest.raises(CommandError):
        call_command("send_followups")


def test_followup_weeks_and_link_days_come_from_the_environment():
    import os
    import subprocess
    import sys

    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "from outcomes.followups import followup_weeks; from outcomes.links import *; "
        "print(followup_weeks(), s.FAIR_OUTCOME_LINK_DAYS)"
    )
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "fair.settings", "SECRET_KEY": "t"}
    env.pop("FAIR_FOLLOWUP_WEEKS", None)
    env.pop("FAIR_OUTCOME_LINK_DAYS", None)
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert run.stdout.strip() == "(2, 8) 60"
    env |= {"FAIR_FOLLOWUP_WEEKS": "10, 3", "FAIR_OUTCOME_LINK_DAYS": "30"}
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert run.stdout.strip() == "(3, 10) 30"
