"""The organizer's pages of interviews: schedule settings, slots, scheduler runs."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_tasks.base import TaskResultStatus

from booking.interviews import selectors, slots
from booking.interviews.forms import SchedulingSettingsForm
from booking.interviews.views import _fail
from booking.tasks_scheduling import schedule_generate_task
from fair.exceptions import FairError
from fair.form_errors import form_error_show, form_status
from fair.resolve import fair_view
from fair.rules import organizer_required

# --- organizers ---------------------------------------------------------------------------


@organizer_required
@require_http_methods(["GET", "POST"])
@fair_view(public=False)
def organizer_schedule(request: HttpRequest, slug: str) -> HttpResponse:
    """Settings, slots, the latest run's preview and the publish button."""
    fair = request.fair
    config = selectors.scheduling_settings_for(fair=fair)
    initial = {
        "rank_weights": config.rank_weights,
        "mutual_bonus": config.mutual_bonus,
        "coverage_bonus": config.coverage_bonus,
        "breaks": config.breaks,
        "fairness": config.fairness,
    }
    form = SchedulingSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            slots.scheduling_settings_update(fair=fair, **form.cleaned_data)
        except FairError as exc:
            form_error_show(form, exc)
        else:
            messages.success(request, _("The settings were saved."))
            return redirect("booking:organizer-schedule", slug=fair.slug)
    run = selectors.schedule_run_latest(fair=fair)
    return render(
        request,
        "booking/organizer_schedule_detail.html",
        {
            "fair": fair,
            "form": form,
            "slots": selectors.slot_list(fair=fair),
            "run": run,
            "stats": run.stats if run else {},
            "published": selectors.schedule_is_published(fair=fair),
        },
        status=form_status(form),
    )


@organizer_required
@require_POST
@fair_view(public=False)
def organizer_slots_generate(request: HttpRequest, slug: str) -> HttpResponse:
    fair = request.fair
    try:
        made = slots.slots_generate(fair=fair)
    except FairError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The fair has %(n)d interview slots.") % {"n": len(made)})
    return redirect("booking:organizer-schedule", slug=fair.slug)


@organizer_required
@require_POST
@fair_view(public=False)
def organizer_schedule_run(request: HttpRequest, slug: str) -> HttpResponse:
    """Run the scheduler as a task: at once with the immediate backend, else on the worker."""
    fair = request.fair
    result = schedule_generate_task.enqueue(fair_id=fair.pk, user_id=request.user.pk)
    if result.status == TaskResultStatus.SUCCESSFUL:
        value = result.return_value
        if value.get("code"):
            messages.error(request, value.get("message") or _("The scheduler could not run."))
        else:
            messages.success(
                request,
                _("The scheduler found %(n)d interviews. Check the preview, then publish.")
                % {"n": value["interviews"]},
            )
    elif result.status == TaskResultStatus.FAILED:
        messages.error(request, _("The scheduler could not run."))
    else:
        messages.info(
            request,
            _(
                "The scheduler is running in the background. Reload this page in a minute "
                "to see the preview."
            ),
        )
    return redirect("booking:organizer-schedule", slug=fair.slug)
