"""python manage.py send_queued_email [--older-than MIN] [--stale-after MIN] [--limit N]"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from fair.emails import STUCK_AFTER, emails_send_pending
from fair.task_recovery import STALE_AFTER, tasks_recover_stale


def _minutes(value: str) -> timedelta:
    try:
        minutes = float(value)
    except ValueError:
        minutes = -1
    if minutes < 0:
        raise CommandError(f"Not a number of minutes: '{value}'.")
    return timedelta(minutes=minutes)


class Command(BaseCommand):
    help = (
        "Send the e-mails left in the queue by a killed process or a failed attempt, and put "
        "background tasks whose worker died back in the queue. Safe to run at any time (from "
        "cron every few minutes and when the worker starts): nothing is sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            default=str(STUCK_AFTER.total_seconds() / 60),
            help="only e-mails untouched this many minutes (default 10; 0 sends all queued)",
        )
        parser.add_argument(
            "--stale-after",
            default=str(STALE_AFTER.total_seconds() / 60),
            help="a task RUNNING this many minutes has lost its worker (default 30)",
        )
        parser.add_argument("--limit", type=int, default=None, help="send at most N e-mails")

    def handle(self, *args, **options):
        older_than = _minutes(options["older_than"])
        recovered = tasks_recover_stale(older_than=_minutes(options["stale_after"]))
        outcomes = emails_send_pending(older_than=older_than, limit=options["limit"])
        sent, failed, retry = (outcomes.get(k, 0) for k in ("sent", "failed", "retry"))
        self.stdout.write(
            f"tasks left running: {recovered.requeued} requeued, {recovered.failed} failed; "
            f"e-mails: {sent} sent, {failed} failed, {retry} to retry"
        )
