"""python manage.py print_badges --fair SLUG --out FILE.pdf [--layout a4-8|single] [--role …]
[--by EMAIL]"""

import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from badges.enums import PRINT_ROLES
from badges.pdf_layout import LAYOUTS
from badges.printing import badges_print
from fair.models import Fair, User


class Command(BaseCommand):
    help = "Print the badges of everyone (or one role) at a fair into one PDF."

    def add_arguments(self, parser):
        parser.add_argument("--fair", required=True, help="slug of the fair")
        parser.add_argument("--out", required=True, type=Path, help="PDF file to write")
        parser.add_argument("--layout", default="a4-8", choices=sorted(LAYOUTS))
        parser.add_argument("--role", choices=sorted(PRINT_ROLES), help="only this role")
        parser.add_argument(
            "--by", metavar="EMAIL", help="the user who prints (logged with each print)"
        )

    def handle(self, *args, **options):
        fair = Fair.objects.filter(slug=options["fair"]).first()
        if fair is None:
            raise CommandError(f"No fair '{options['fair']}'.")
        out: Path = options["out"]
        if not out.parent.exists():
            raise CommandError(f"Cannot write {out}: the folder does not exist.")
        by, reason = None, f"print_badges (OS user {_os_user()})"
        if options["by"]:
            by = User.objects.filter(email__iexact=options["by"].strip()).first()
            if by is None:
                raise CommandError(f"No user with the e-mail address '{options['by']}'.")
            reason = "print_badges"
        roles = PRINT_ROLES[options["role"]] if options["role"] else None
        with out.open("wb") as handle:
            count, issued = badges_print(
                fair=fair, out=handle, roles=roles, layout=options["layout"], by=by, reason=reason
            )
        self.stdout.write(
            f"{count} badges ({issued} newly issued) written to {out} ({options['layout']})."
        )


def _os_user() -> str:
    try:
        return getpass.getuser()[:100]
    except (KeyError, OSError):  # no name for the process's user id (containers)
        return "unknown"
