"""Confirmation pages before the two steps that cannot be undone from the page: cancelling
an interview and publishing a schedule run. GET shows what will happen; only a POST with
`confirm` does it, so the step works without JavaScript (the API is unchanged)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from booking.interviews import selectors
from booking.interviews import services as interview_services
from booking.interviews.publishing import publish_preview
from booking.interviews.views import _owner, _schedule_page
from booking.interviews.views_publish import publish_start
from booking.models import ScheduleRun
from fair.exceptions import FairError
from fair.resolve import fair_view
from fair.rules import may_cancel_interview, organizer_required


def _confirmed(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get("confirm") == "yes"


@login_required
@require_http_methods(["GET", "POST"])
@fair_view
def interview_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Ask "are you sure", then cancel (its student, its company or an organizer)."""
    fair = request.fair
    interview = selectors.interview_get(fair=fair, pk=pk)
    if interview is None:
        raise Http404
    user = request.user
    if not may_cancel_interview(user, interview):
        raise Http404
    if _confirmed(request):
        try:
            interview_services.interview_cancel(interview=interview, user=user)
        except FairError as exc:
            return _schedule_page(request, fair, _owner(request, fair), error=exc)
        messages.success(request, _("The interview was cancelled."))
        return redirect("booking:schedule", slug=fair.slug)
    as_student = interview.student.user_id == user.pk
    return render(
        request,
        "booking/interview_cancel_confirm.html",
        {
            "fair": fair,
            "interview": interview,
            "who": interview.company.name if as_student else interview.student.user.name,
            "open": interview_services.cancel_open(interview, user),
        },
    )


@organizer_required
@require_http_methods(["GET", "POST"])
@fair_view(public=False)
def organizer_schedule_publish(request: HttpRequest, slug: str, run_id: int) -> HttpResponse:
    """Say how many interviews change and how many e-mails go out to whom; then publish."""
    fair = request.fair
    run = get_object_or_404(ScheduleRun, fair=fair, pk=run_id)
    if _confirmed(request):
        # A background task with a progress page (booking/interviews/views_publish.py).
        return publish_start(request, fair, run)
    if run.published_at is not None:
        return redirect("booking:organizer-schedule", slug=fair.slug)
    return render(
        request,
        "booking/organizer_publish_confirm.html",
        {"fair": fair, "run": run, "preview": publish_preview(run=run)},
    )
