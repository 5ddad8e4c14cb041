"""Publishing a schedule as a background task, and its progress page.

The web request only enqueues `schedule_publish_task`; the progress page shows what the task
and the outbox say (interviews booked, invites written, sent, waiting, failed), so a publish
of 10,000 students never depends on one request. With the immediate task backend the task has
run by the time the page opens.
"""

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks.base import TaskResultStatus
from django_tasks.exceptions import TaskException

from booking.models import ScheduleRun
from booking.notifications import publish_progress
from booking.tasks import schedule_publish_task
from fair.models import Fair, User
from fair.resolve import fair_view
from fair.rules import organizer_required


def publish_start(request: HttpRequest, fair: Fair, run: ScheduleRun) -> HttpResponse:
    """Enqueue the publish of `run` and send the organizer to its progress page."""
    user: User = request.user
    result = schedule_publish_task.enqueue(run_id=run.pk, user_id=user.pk)
    if result.status == TaskResultStatus.FAILED:  # the immediate backend ran it already
        messages.error(request, _("Publishing failed: nothing was booked. Try again."))
        return redirect("booking:organizer-schedule", slug=fair.slug)
    value = result.return_value if result.status == TaskResultStatus.SUCCESSFUL else None
    if value and value.get("code"):
        messages.error(request, value.get("message") or _("The schedule was not published."))
        return redirect("booking:organizer-schedule", slug=fair.slug)
    if value:
        messages.success(
            request,
            _("Published: %(booked)d new, %(moved)d moved, %(cancelled)d cancelled interviews.")
            % value,
        )
    url = reverse("booking:organizer-publish-progress", args=[fair.slug, run.pk])
    return redirect(f"{url}?task={result.id}")


def _task_state(task_id: str) -> tuple[str | None, dict | None]:
    """The publish task's status and return value, if the backend keeps them."""
    try:
        uuid.UUID(task_id)
        result = schedule_publish_task.get_result(task_id)
    except (ValueError, TaskException, NotImplementedError):
        return None, None
    value = result.return_value if result.status == TaskResultStatus.SUCCESSFUL else None
    return result.status, value


@organizer_required
@fair_view(public=False)
def organizer_publish_progress(request: HttpRequest, slug: str, run_id: int) -> HttpResponse:
    """Where a publish stands; `?partial=1` gives only the part the page polls."""
    fair = request.fair
    run = get_object_or_404(ScheduleRun, fair=fair, pk=run_id)
    task_id = request.GET.get("task", "")
    status, value = _task_state(task_id)
    progress = publish_progress(run=run)
    if run.published_at is not None:
        state = "sending" if progress["waiting"] else "done"
    elif value and value.get("code"):
        state = "refused"
    elif status == TaskResultStatus.FAILED:
        state = "failed"
    elif status == TaskResultStatus.RUNNING:
        state = "publishing"
    elif status == TaskResultStatus.READY:
        state = "waiting"
    else:
        state = "not_published"
    context = {
        "fair": fair,
        "run": run,
        "state": state,
        "progress": progress,
        "refusal": (value or {}).get("message", ""),
        "done": state in ("done", "refused", "failed", "not_published"),
        "poll_url": f"{request.path}?task={task_id}&partial=1",
    }
    if request.GET.get("partial"):
        return render(request, "booking/includes/publish_progress.html", context)
    return render(request, "booking/organizer_publish_progress.html", context)
