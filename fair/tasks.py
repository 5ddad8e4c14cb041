"""Background work of the core domain (django-tasks): thin wrappers that take ids."""

from django_tasks import task

from fair import emails
from fair.models import EmailLog


@task()
def email_deliver(log_id: int) -> str:
    """Send one logged e-mail; after a temporary SMTP failure, enqueue a later retry.

    Retries wait only on backends that can defer (the database worker); with the immediate
    backend a failed e-mail stays queued until an organizer sends it again from the admin.
    """
    outcome = emails.email_log_deliver(log_id=log_id)
    if outcome == "retry" and email_deliver.get_backend().supports_defer:
        attempts = EmailLog.objects.values_list("attempts", flat=True).get(pk=log_id)
        emails.email_enqueue(log_id=log_id, delay=emails.email_retry_delay(attempts=attempts))
    return outcome
