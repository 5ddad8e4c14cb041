"""Recovery of background tasks whose worker died (django-tasks-db rows left RUNNING).

A worker that is killed (out of memory, a deploy, a power cut) leaves its task RUNNING for
good. `tasks_recover_stale` puts such a task back in the queue when running it again is safe
(our e-mail and publish tasks are idempotent: the e-mail row and the published run are their
keys), and marks any other one failed so that nobody waits for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

# Tasks that may simply run again; the rest are marked failed.
REQUEUE_SAFE = frozenset(
    {
        "fair.tasks.email_deliver",
        "fair.tasks.send_pending_email",
        "booking.tasks.schedule_publish_task",
        "fair.dashboard.tasks.message_send_task",
    }
)
# A task that died this often is not tried again (it may be what kills the worker).
MAX_RUNS = 3
STALE_AFTER = timedelta(minutes=30)


class WorkerDied(RuntimeError):
    """Stored as the error of a task whose worker stopped while running it."""


@dataclass(frozen=True)
class Recovered:
    requeued: int
    failed: int


def tasks_recover_stale(*, older_than: timedelta = STALE_AFTER, now=None) -> Recovered:
    """Requeue (or fail) database tasks that have been RUNNING longer than `older_than`."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    cutoff = (now or timezone.now()) - older_than
    requeued = failed = 0
    with transaction.atomic():
        stale = (
            DBTaskResult.objects.select_for_update(skip_locked=True)
            .filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
            .order_by("enqueued_at")
        )
        for row in stale:
            if row.task_path in REQUEUE_SAFE and len(row.worker_ids) < MAX_RUNS:
                row.status = TaskResultStatus.READY
                row.started_at = None
                row.save(update_fields=["status", "started_at"])
                requeued += 1
            else:
                row.set_failed(WorkerDied(f"the worker stopped while running it (since {cutoff})"))
                failed += 1
    return Recovered(requeued=requeued, failed=failed)
