"""python manage.py send_followups (--fair SLUG | --all) [--dry-run]: follow-up e-mails (safe to
repeat; run --all once a day from cron or a systemd timer)."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fair.models import Fair
from outcomes.followups import followup_weeks, followups_send

GRACE_WEEKS = 2  # --all: a round is still sent this long after its day (a missed run)


def recent_fairs() -> list[Fair]:
    """The fairs whose last round's day is at most GRACE_WEEKS ago, fair date up to today."""
    today = timezone.localdate()
    since = today - timedelta(weeks=max(followup_weeks()) + GRACE_WEEKS)
    return list(Fair.objects.filter(date__gte=since, date__lte=today).order_by("date", "pk"))


class Command(BaseCommand):
    help = (
        "E-mail each student and company contact of the fair one follow-up listing their "
        "meetings, with one-click links to say what came of each. Sends the latest round that "
        "is due (weeks after the fair: FAIR_FOLLOWUP_WEEKS, default 2 and 8); nobody gets the "
        "same round twice."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--fair", help="slug of the fair")
        which.add_argument(
            "--all",
            action="store_true",
            help="every fair with a round due (its last round at most 2 weeks ago): for cron",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="say who would get it; send nothing"
        )
        parser.add_argument(
            "--round", type=int, help="weeks of the round to send now, whatever the date"
        )

    def handle(self, *args, **options):
        weeks = options["round"]
        if weeks is not None and weeks not in followup_weeks():
            rounds = ", ".join(str(w) for w in followup_weeks())
            raise CommandError(f"--round must be one of: {rounds}.")
        if options["all"]:
            if weeks is not None:
                raise CommandError("--round goes with --fair, not with --all.")
            fairs = recent_fairs()
            if not fairs:
                self.stdout.write("No fair has a follow-up round due.")
            for fair in fairs:
                self.send(fair, options)
            return
        fair = Fair.objects.filter(slug=options["fair"]).first()
        if fair is None:
            raise CommandError(f"No fair with the slug '{options['fair']}'.")
        self.send(fair, options)

    def send(self, fair: Fair, options: dict) -> None:
        weeks = options["round"]
        run = followups_send(fair=fair, dry_run=options["dry_run"], weeks=weeks)
        if run.weeks is None:
            self.stdout.write(
                f"{fair.slug}: no follow-up is due yet (the fair is {fair.date:%d.%m.%Y})."
            )
            return
        if options["dry_run"]:
            for email in run.planned:
                self.stdout.write(f"  would send to {email}")
            self.stdout.write(
                f"{fair.slug}: round {run.weeks} weeks: {len(run.planned)} would be sent, "
                f"{run.skipped} had it already (dry run: nothing sent)"
            )
            return
        self.stdout.write(
            f"{fair.slug}: round {run.weeks} weeks: {run.sent} follow-ups queued, "
            f"{run.skipped} had it already"
        )
