"""python manage.py export_instance --fair SLUG [--out FILE.json]"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from booking.interviews.scheduling import instance_build
from booking.scheduler import instance_to_json
from fair.exceptions import FairError
from fair.models import Fair


class Command(BaseCommand):
    help = (
        "Write the fair's current scheduling problem as scheduler instance JSON "
        "(active interviews that are still possible as fixed)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fair", required=True, help="slug of the fair")
        parser.add_argument("--out", help="write here instead of standard output")

    def handle(self, *args, **options):
        fair = Fair.objects.filter(slug=options["fair"]).first()
        if fair is None:
            raise CommandError(f"No fair with the slug '{options['fair']}'.")
        try:
            built = instance_build(fair=fair)
        except FairError as exc:
            raise CommandError(str(exc.message)) from None
        text = json.dumps(instance_to_json(built.instance), indent=1, ensure_ascii=False)
        if options["out"]:
            try:
                with open(options["out"], "w", encoding="utf-8") as out:
                    out.write(text + "\n")
            except OSError as exc:
                raise CommandError(f"Cannot write {options['out']}: {exc.strerror}") from None
        else:
            self.stdout.write(text)
        instance = built.instance
        sys.stderr.write(
            f"{len(instance.slots)} slots, {len(instance.companies)} companies, "
            f"{len(instance.students)} students, {len(instance.wishes)} wishes, "
            f"{len(instance.fixed)} fixed\n"
        )
