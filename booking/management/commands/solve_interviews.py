"""`manage.py solve_interviews INSTANCE.json [--out RESULT.json] [--time-limit SECONDS]`."""

from django.core.management.base import BaseCommand, CommandError

from booking.scheduler.cli import CliError, add_arguments, solve_file


class Command(BaseCommand):
    help = "Solve a scheduler instance file without touching the database."

    def add_arguments(self, parser):
        add_arguments(parser)

    def handle(self, *args, **options):
        try:
            line = solve_file(
                options["instance"],
                out=options["out"],
                time_limit=options["time_limit"],
                stdout=self.stdout,
            )
        except CliError as error:
            raise CommandError(str(error)) from None
        self.stderr.write(line, style_func=lambda text: text)  # a summary, not an error
