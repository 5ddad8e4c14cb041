"""Publishing survives a kill: the invites (the outbox) commit with the interviews, and the
next worker run or `send_queued_email` sends what is left, each e-mail exactly once."""

from __future__ import annotations

import re
from datetime import time, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from booking.interviews import wishes
from booking.interviews.scheduling import interview_schedule_generate, schedule_publish
from booking.interviews.slots import slots_generate
from booking.models import Interview, InviteSent, ScheduleRun
from fair.emails import email_send
from fair.models import EmailLog
from tests.booking.test_interviews import company_make, organizer_make, student_make

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class Killed(BaseException):
    """What a SIGKILL looks like from inside: nothing after it runs, nothing catches it."""


class KilledAfterTwo(LocmemBackend):
    """Delivers two messages, then the process dies in the middle of sending."""

    def send_messages(self, messages):
        if len(mail.outbox) >= 2:
            raise Killed
        return super().send_messages(messages)


@task()
def yearly_report(year: int) -> int:
    """A task outside the list of those safe to run twice."""
    return year


@pytest.fixture
def world(fair):
    """Three students, two companies with a table each, two slots: four interviews."""
    fair.interviews_end = time(10, 30)
    fair.save()
    slots_generate(fair=fair)
    el = company_make(fair, "Ballerup El", tables=1)
    vvs = company_make(fair, "Rødovre VVS", tables=1)
    aya, ben, cem = (student_make(fair, n) for n in ("Aya", "Ben", "Cem"))
    for student, companies in ((aya, [el, vvs]), (ben, [el]), (cem, [el, vvs])):
        for company in companies:
            wishes.wish_add(student=student, company=company)
    return {"el": el, "vvs": vvs, "aya": aya, "ben": ben, "cem": cem}


def everyone(world) -> list[str]:
    users = [world[n].user for n in ("aya", "ben", "cem")] + [
        world[c].users.get() for c in ("el", "vvs")
    ]
    return sorted(u.email for u in users)


def received() -> list[str]:
    return sorted(re.search(r"<(.+)>", m.to[0]).group(1) for m in mail.outbox)


def sweep() -> str:
    out = StringIO()
    call_command("send_queued_email", "--older-than", "0", stdout=out)
    return out.getvalue().strip()


@pytest.mark.django_db
def test_publish_killed_right_after_its_commit_loses_no_invite(
    fair, world, django_capture_on_commit_callbacks
):
    # execute=False: the process dies at the commit, before anything after it runs.
    with django_capture_on_commit_callbacks(execute=False):
        done = schedule_publish(run=interview_schedule_generate(fair=fair))
    assert (len(done.booked), len(mail.outbox)) == (4, 0)
    assert EmailLog.objects.filter(status="queued").count() == 5  # written with the interviews

    assert sweep() == (
        "tasks left running: 0 requeued, 0 failed; e-mails: 5 sent, 0 failed, 0 to retry"
    )
    assert received() == everyone(world)
    assert sweep().endswith("e-mails: 0 sent, 0 failed, 0 to retry")
    assert received() == everyone(world)  # nobody twice


@pytest.mark.django_db
def test_publish_killed_while_sending_is_finished_by_the_next_run_exactly_once(
    fair, world, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.booking.test_publish_outbox.KilledAfterTwo"
    with django_capture_on_commit_callbacks(execute=True):
        schedule_publish(run=interview_schedule_generate(fair=fair))
    assert len(mail.outbox) == 2
    assert EmailLog.objects.filter(status="queued").count() == 3

    settings.EMAIL_BACKEND = LOCMEM
    sweep()
    assert received() == everyone(world)
    assert set(EmailLog.objects.values_list("status", "attempts")) == {("sent", 1)}


@pytest.mark.django_db
def test_publishing_again_sends_the_invites_a_killed_publish_never_wrote(
    fair, world, django_capture_on_commit_callbacks
):
    # The state the old code left: interviews booked, no invite written or sent.
    with django_capture_on_commit_callbacks(execute=False):
        schedule_publish(run=interview_schedule_generate(fair=fair))
    EmailLog.objects.all().delete()
    InviteSent.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        done = schedule_publish(run=interview_schedule_generate(fair=fair))
    assert (done.booked, done.moved, done.cancelled) == ([], [], [])
    assert received() == everyone(world)


@pytest.mark.django_db(transaction=True)
def test_a_task_left_running_by_a_dead_worker_is_requeued_and_sent_once(fair, settings):
    settings.TASKS = DB_TASKS
    user = organizer_make()
    context = {"fair": fair, "body": "Velkommen"}
    log = email_send(user=user, subject="Hej", template="message_group", context=context)
    task = DBTaskResult.objects.get()
    task.claim("worker-that-died")
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now() - timedelta(hours=1))

    assert sweep().startswith("tasks left running: 1 requeued, 0 failed;")
    assert DBTaskResult.objects.get().status == "READY"
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    assert (DBTaskResult.objects.get().status, len(mail.outbox)) == ("SUCCESSFUL", 1)
    assert EmailLog.objects.get(pk=log.pk).status == "sent"


@pytest.mark.django_db(transaction=True)
def test_a_stale_task_that_is_not_safe_to_repeat_is_marked_failed(settings):
    settings.TASKS = DB_TASKS
    yearly_report.enqueue(2026)
    task = DBTaskResult.objects.get()
    task.claim("worker-that-died")
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now() - timedelta(hours=1))
    assert sweep().startswith("tasks left running: 0 requeued, 1 failed;")
    task.refresh_from_db()
    assert (task.status, task.exception_class_path) == (
        "FAILED",
        "fair.task_recovery.WorkerDied",
    )


@pytest.mark.django_db(transaction=True)
def test_web_publish_runs_on_the_worker_and_its_progress_is_visible(client, fair, world, settings):
    settings.TASKS = DB_TASKS
    client.force_login(organizer_make())
    run = interview_schedule_generate(fair=fair)
    url = f"/organizer/fairs/{fair.slug}/schedule/runs/{run.pk}/publish/"

    response = client.post(url, {"confirm": "yes"})
    progress = response["Location"]
    assert progress.startswith(f"/organizer/fairs/{fair.slug}/schedule/runs/{run.pk}/progress/")
    page = client.get(progress).content.decode()
    assert 'data-state="waiting"' in page and "Venter på, at" in page
    assert Interview.objects.count() == 0  # the request itself booked nothing

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    part = client.get(progress + "&partial=1").content.decode()
    assert "<html" not in part and 'data-state="done"' in part
    counts = re.findall(r'<dd id="invites-(\w+)">(\d+)</dd>', part)
    assert counts == [("written", "5"), ("sent", "5"), ("waiting", "0"), ("failed", "0")]
    assert ScheduleRun.objects.get().published_at is not None
    assert received() == everyone(world)
