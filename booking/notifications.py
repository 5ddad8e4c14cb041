"""E-mail and calendar notices about interviews, sent in the background (django-tasks).

Callers use `interviews_notify` after their transaction commits (`transaction.on_commit`). It
only enqueues one task, so publishing a fair of thousands of students returns at once; the
task decides per person what changed and logs one e-mail each (see services.calendar).
With the immediate task backend (the embedded default) all of it runs synchronously.
"""

from django_tasks import task

from booking.services import calendar


def interviews_notify(*, interview_ids: list[int], reason: str) -> None:
    """Tell the students and companies of these interviews that they were booked or changed.

    `reason` is one of "published", "booked", "moved", "cancelled".
    """
    if reason not in calendar.REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    ids = sorted({int(pk) for pk in interview_ids})
    if ids:
        interviews_notify_task.enqueue(interview_ids=ids, reason=reason)


@task()
def interviews_notify_task(interview_ids: list[int], reason: str) -> int:
    """Send the invites of one booking, move, cancellation or publication; return e-mails."""
    return len(calendar.invites_send(interview_ids=interview_ids, reason=reason))
