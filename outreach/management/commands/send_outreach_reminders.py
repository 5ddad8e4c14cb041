"""Remind, once, the companies invited in a fair's campaigns who have not registered."""

from django.core.management.base import BaseCommand, CommandError

from fair.models import Fair
from outreach.selectors import campaign_list
from outreach.services import reminders_send


class Command(BaseCommand):
    help = "E-mail a reminder to invited companies that have not registered (once each)."

    def add_arguments(self, parser):
        parser.add_argument("--fair", required=True, help="the fair's slug")

    def handle(self, *args, fair: str, **options):
        found = Fair.objects.filter(slug=fair).first()
        if found is None:
            raise CommandError(f"No fair with the slug {fair!r}.")
        total = sum(reminders_send(campaign=c) for c in campaign_list(fair=found))
        self.stdout.write(f"{total} reminder(s) sent for {found.slug}.")
