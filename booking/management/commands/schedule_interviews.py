"""python manage.py schedule_interviews --fair SLUG [--publish] (publishing runs in-process)"""

from django.core.management.base import BaseCommand, CommandError

from booking.interviews.scheduling import interview_schedule_generate, schedule_publish
from booking.notifications import publish_batch, publish_progress
from fair.emails import emails_send_pending
from fair.exceptions import FairError
from fair.models import Fair


class Command(BaseCommand):
    help = "Run the interview scheduler on a fair; with --publish, book the interviews."

    def add_arguments(self, parser):
        parser.add_argument("--fair", required=True, help="slug of the fair")
        parser.add_argument(
            "--publish", action="store_true", help="book the interviews and send the invites"
        )
        parser.add_argument("--time-limit", type=float, default=60.0, help="seconds (default 60)")

    def handle(self, *args, **options):
        fair = Fair.objects.filter(slug=options["fair"]).first()
        if fair is None:
            raise CommandError(f"No fair with the slug '{options['fair']}'.")
        try:
            run = interview_schedule_generate(fair=fair, time_limit=options["time_limit"])
            s = run.stats
            with_one = s["students_with_wishes"] - s["students_by_count"][0]["students"]
            self.stdout.write(
                f"score {run.score:g}, bound {run.bound:g} (gap {s['gap_percent']:.3f}%), "
                f"{run.proposals.count()} interviews; coverage: {with_one} of "
                f"{s['students_with_wishes']} students with wishes get an interview, "
                f"{s['served']} of {s['wishes']} wishes served"
            )
            if options["publish"]:
                done = schedule_publish(run=run)
                self.stdout.write(
                    f"published: {len(done.booked)} booked, {len(done.moved)} moved, "
                    f"{len(done.cancelled)} cancelled"
                )
                # In this process, whatever the task backend: the invites were written with
                # the interviews, and those not sent yet go out now (none twice).
                emails_send_pending(prefix=publish_batch(run.pk) + ":")
                p = publish_progress(run=run)
                self.stdout.write(
                    f"invites: {p['written']} written, {p['sent']} sent, {p['failed']} failed, "
                    f"{p['waiting']} waiting"
                )
        except FairError as exc:
            raise CommandError(str(exc.message)) from None
