"""python manage.py create_door_device --fair SLUG --name NAME: prints the device's token."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from badges import services
from fair.exceptions import FairError
from fair.models import Fair


class Command(BaseCommand):
    help = "Create a scanning device for a fair and print its API token (shown once)."

    def add_arguments(self, parser):
        parser.add_argument("--fair", required=True, help="slug of the fair")
        parser.add_argument("--name", required=True, help="e.g. 'Door 1'")

    def handle(self, *args, **options):
        fair = Fair.objects.filter(slug=options["fair"]).first()
        if fair is None:
            raise CommandError(f"No fair '{options['fair']}'.")
        try:
            _device, key = services.door_device_create(fair=fair, name=options["name"])
        except FairError as exc:
            raise CommandError(str(exc.message)) from None
        self.stdout.write(key)
        # The token alone on stdout (scripts read it); the ready-made link for people on stderr.
        base = settings.FAIR_BASE_URL.rstrip("/")
        self.stderr.write(f"Device link: {base}/fairs/{fair.slug}/door/#device={key}")
