"""python manage.py seed_demo: a realistic demo fair, deterministic for a seed."""

import random
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from badges.demo import door_devices_seed
from booking.demo import interviews_seed, stands_seed
from fair.dashboard.demo_history import history_seed
from fair.demo import api_tokens_write, demo_fair_create, demo_login_hints, fair_reset
from fair.models import Fair
from outreach.demo import outreach_seed
from partners.demo import partners_seed


class Command(BaseCommand):
    help = "Create a demo fair with companies, students and users."

    def add_arguments(self, parser):
        parser.add_argument("--fair", default="demo", help="slug of the fair (default: demo)")
        parser.add_argument("--students", type=int, default=300)
        parser.add_argument("--companies", type=int, default=40)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--reset", action="store_true", help="replace the fair if it exists")
        parser.add_argument("--api-tokens", type=Path, help="write email,role,token CSV here")

    def handle(self, *args, **options):
        slug = options["fair"]
        if options["students"] < 0 or options["companies"] < 0:
            raise CommandError("--students and --companies must be 0 or more.")
        exists = Fair.objects.filter(slug=slug).exists()
        if exists and not options["reset"]:
            raise CommandError(f"The fair '{slug}' exists already; use --reset to replace it.")
        tokens = options["api_tokens"]
        if tokens is not None and not tokens.parent.exists():
            raise CommandError(f"Cannot write {tokens}: the folder does not exist.")
        with transaction.atomic():  # the old fair goes only if the new one is made
            if exists:
                fair_reset(slug=slug)
            result = demo_fair_create(
                slug=slug,
                students=options["students"],
                companies=options["companies"],
                seed=options["seed"],
            )
            # Each part gets its own random stream, so adding one part keeps the others stable.
            stands_seed(fair=result.fair, rng=random.Random(f"{options['seed']}-stands"))
            interviews_seed(fair=result.fair, rng=random.Random(f"{options['seed']}-interviews"))
            history_seed(result=result, rng=random.Random(f"{options['seed']}-history"))
            outreach_seed(fair=result.fair, rng=random.Random(f"{options['seed']}-outreach"))
            partners_seed(result=result, rng=random.Random(f"{options['seed']}-partners"))
            devices = door_devices_seed(fair=result.fair)
            if tokens is not None:
                api_tokens_write(result=result, path=tokens, extra=devices)
        fair = result.fair
        self.stdout.write(
            f"Demo fair '{fair.slug}' ({fair.name}, {fair.date:%d.%m.%Y}): "
            f"{fair.companies.count()} companies, {fair.students.count()} students."
        )
        for email, password in result.passwords.items():
            self.stdout.write(f"  staff log-in: {email} / {password}")
        for line in demo_login_hints(fair=fair):
            self.stdout.write(line)
