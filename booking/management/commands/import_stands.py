"""python manage.py import_stands --fair SLUG FILE.csv: the fair's stands from a CSV file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from booking.stands.csv_import import stands_import
from fair.exceptions import FairError
from fair.models import Fair


class Command(BaseCommand):
    help = (
        "Import stands (columns code,zone,x,y,width,height,size_m2,power,price_dkk,note); "
        "all lines or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--fair", required=True, help="slug of the fair")

    def handle(self, *args, **options):
        fair = Fair.objects.filter(slug=options["fair"]).first()
        if fair is None:
            raise CommandError(f"No fair with the slug '{options['fair']}'.")
        try:
            text = options["file"].read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc}") from None
        try:
            stands = stands_import(fair=fair, text=text)
        except FairError as exc:
            raise CommandError(str(exc.message)) from None
        self.stdout.write(f"{len(stands)} stands imported into {fair.slug}.")
