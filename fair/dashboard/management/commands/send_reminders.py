"""python manage.py send_reminders [--fair SLUG]: the day-before e-mails (safe to repeat).

Only ever on the day before the fair: `--fair` names one fair, but is refused on other days.
"""

from django.core.management.base import BaseCommand, CommandError

from fair.dashboard.reminders import fairs_tomorrow, reminders_send
from fair.exceptions import FairError
from fair.models import Fair


class Command(BaseCommand):
    help = (
        "E-mail each participant their schedule, calendar file and badge the day before the "
        "fair. Without --fair: every fair that takes place tomorrow. Nobody gets it twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fair", help="slug of one fair (refused unless the fair is tomorrow)")

    def handle(self, *args, **options):
        if options["fair"]:
            fair = Fair.objects.filter(slug=options["fair"]).first()
            if fair is None:
                raise CommandError(f"No fair with the slug '{options['fair']}'.")
            fairs = [fair]
        else:
            fairs = fairs_tomorrow()
        for fair in fairs:
            try:
                count = reminders_send(fair=fair)
            except FairError as exc:
                raise CommandError(str(exc.message)) from None
            self.stdout.write(f"{fair.slug}: {count} reminders queued")
        if not fairs:
            self.stdout.write("No fair tomorrow.")
