"""Background work of the core domain (django-tasks): thin wrappers that take ids."""

from django.core.cache import cache
from django_tasks import task

from fair import emails
from fair.models import EmailLog
from fair.task_recovery import tasks_recover_stale

SWEEP_KEY = "fair:email-sweep"


@task()
def email_deliver(log_id: int) -> str:
    """Send one logged e-mail; after a temporary SMTP failure, enqueue a later retry.

    Retries wait only on backends that can defer (the database worker); with the immediate
    backend a failed e-mail stays queued until `send_queued_email` (or "Send again") sends it.
    On a worker each run also sends what a killed process left behind (at most every
    `STUCK_AFTER`).
    """
    outcome = emails.email_log_deliver(log_id=log_id)
    if outcome == "retry" and email_deliver.get_backend().supports_defer:
        attempts = EmailLog.objects.values_list("attempts", flat=True).get(pk=log_id)
        emails.email_enqueue(log_id=log_id, delay=emails.email_retry_delay(attempts=attempts))
    sweep_if_due()
    return outcome


@task()
def send_pending_email(prefix: str | None = None) -> dict:
    """Send one batch of queued e-mails (a publish's invites), then whatever is stuck."""
    outcomes = emails.emails_send_pending(prefix=prefix) if prefix else {}
    sweep_if_due()
    return outcomes


def sweep() -> dict:
    """Requeue tasks whose worker died and send e-mails stuck in the queue; return counts."""
    recovered = tasks_recover_stale()
    outcomes = emails.emails_send_pending(older_than=emails.STUCK_AFTER)
    return {"requeued": recovered.requeued, "tasks_failed": recovered.failed, **outcomes}


def sweep_if_due() -> dict | None:
    """`sweep` on a worker, at most once per `STUCK_AFTER` across all workers (a cache key)."""
    if not email_deliver.get_backend().supports_defer:
        return None  # the immediate backend runs in web requests: leave it to the command
    if not cache.add(SWEEP_KEY, 1, timeout=int(emails.STUCK_AFTER.total_seconds())):
        return None
    return sweep()
