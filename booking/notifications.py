"""E-mail and calendar notices about interviews, written to the outbox with the change.

Callers (booking, cancelling, publishing) call these INSIDE the transaction that changes the
interviews: the invites (EmailLog rows, the outbox) commit together with the change or not at
all, so a process killed right after the commit still leaves them queued, and the worker or
`send_queued_email` sends them. Delivery starts after commit: at once with the immediate task
backend (the embedded default), on the worker with the database backend.
"""

from __future__ import annotations

from django.db.models import Count

from booking.calendar import services as calendar
from booking.models import ScheduleRun
from fair.models import EmailLog, Fair


def interviews_notify(*, interview_ids: list[int], reason: str) -> list[EmailLog]:
    """Write the invites of these interviews for the students and companies whose interviews
    changed; `reason` is one of "published", "booked", "moved", "cancelled"."""
    if reason not in calendar.REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    ids = sorted({int(pk) for pk in interview_ids})
    if not ids:
        return []
    return calendar.invites_send(interview_ids=ids, reason=reason)


def publish_batch(run_id: int) -> str:
    """The key prefix of a publish's invites ("publish:<run>"; each e-mail adds ":<user>")."""
    return f"publish:{run_id}"


def publish_invites_write(*, fair: Fair, run: ScheduleRun) -> list[EmailLog]:
    """Write the invites of a publish, sent after commit by one task.

    Every interview of the fair is looked at, not only the changed ones: whoever never got the
    invite of an earlier publish (a process killed before the outbox existed) gets it now.
    """
    return calendar.invites_send(reason="published", fair=fair, batch=publish_batch(run.pk))


def publish_progress(*, run: ScheduleRun) -> dict[str, int]:
    """How many invites of the publish are written, sent, failed and still waiting."""
    prefix = publish_batch(run.pk) + ":"
    counts = {s: 0 for s in EmailLog.Status.values}
    rows = EmailLog.objects.filter(dedupe_key__startswith=prefix).order_by()
    for row in rows.values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return {
        "written": sum(counts.values()),
        "sent": counts[EmailLog.Status.SENT],
        "failed": counts[EmailLog.Status.FAILED],
        "waiting": counts[EmailLog.Status.QUEUED],
    }
