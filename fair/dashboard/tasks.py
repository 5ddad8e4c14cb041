"""Background work of the organizers' pages (django-tasks): thin wrappers that take ids."""

from django_tasks import task

from fair.dashboard.messages import message_send
from fair.models import Fair, Programme


@task()
def message_send_task(
    fair_id: int, group: str, subject: str, body: str, nonce: str, programme_id: int | None = None
) -> int:
    """Log and send an organizer's message to everyone in the group; return how many."""
    programme = Programme.objects.get(pk=programme_id) if programme_id else None
    return message_send(
        fair=Fair.objects.get(pk=fair_id),
        group=group,
        subject=subject,
        body=body,
        nonce=nonce,
        programme=programme,
    )
