"""Background work of outcomes (django-tasks): thin wrappers that take ids."""

from django_tasks import task

from fair.models import Fair
from outcomes.followups import followups_send


@task()
def followups_send_task(fair_id: int) -> int:
    """Send the fair's due follow-up round to everyone who has not had it; return how many."""
    return followups_send(fair=Fair.objects.get(pk=fair_id)).sent


@task()
def followups_send_due_task() -> int:
    """Every fair's due follow-up round (for a daily schedule); return how many were sent."""
    return sum(followups_send(fair=fair).sent for fair in Fair.objects.order_by("pk"))
