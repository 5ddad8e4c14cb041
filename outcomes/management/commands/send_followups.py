"""python manage.py send_followups --fair SLUG [--dry-run]: follow-up e-mails (safe to repeat)."""

from django.core.management.base import BaseCommand, CommandError

from fair.models import Fair
from outcomes.followups import followup_weeks, followups_send


class Command(BaseCommand):
    help = (
        "E-mail each student and company contact of the fair one follow-up listing their "
        "meetings, with one-click links to say what came of each. Sends the latest round that "
        "is due (weeks after the fair: FAIR_FOLLOWUP_WEEKS, default 2 and 8); nobody gets the "
        "same round twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fair", required=True, help="slug of the fair")
        parser.add_argument(
            "--dry-run", action="store_true", help="say who would get it; send nothing"
        )
        parser.add_argument(
            "--round", type=int, help="weeks of the round to send now, whatever the date"
        )

    def handle(self, *args, **options):
        fair = Fair.objects.filter(slug=options["fair"]).first()
        if fair is None:
            raise CommandError(f"No fair with the slug '{options['fair']}'.")
        weeks = options["round"]
        if weeks is not None and weeks not in followup_weeks():
            rounds = ", ".join(str(w) for w in followup_weeks())
            raise CommandError(f"--round must be one of: {rounds}.")
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
