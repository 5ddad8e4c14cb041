"""Pages of wishes, company interest, availability, schedules, self-booking and the
organizer's scheduler run (server-rendered; every button is a plain form post). Cancelling
and publishing ask for confirmation first: booking/views_confirm.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_tasks.base import TaskResultStatus

from booking.forms_interviews import (
    AvailabilityForm,
    CompanyChoiceForm,
    ExhibitorFilterForm,
    InterestForm,
    SchedulingSettingsForm,
    WishMoveForm,
    WishOrderForm,
)
from booking.models import Slot
from booking.selectors import interviews as selectors
from booking.services import interviews as interview_services
from booking.services import slots, wishes
from booking.tasks_scheduling import schedule_generate_task
from fair.exceptions import FairError, InvalidInput
from fair.form_errors import form_error_show, form_status
from fair.models import Company, Fair, Student
from fair.phases import wishes_open
from fair.resolve import fair_view, request_fair
from fair.rules import organizer_required
from fair.selectors import company_for, fair_programme_list, student_for


def _student(request: HttpRequest, fair: Fair) -> Student:
    student = student_for(user=request.user, fair=fair)
    if student is None:
        raise PermissionDenied
    return student


def _company(request: HttpRequest, fair: Fair) -> Company:
    company = company_for(user=request.user, fair=fair)
    if company is None:
        raise PermissionDenied
    return company


def _fail(request: HttpRequest, exc: FairError) -> None:
    messages.error(request, str(exc.message))


# --- students: wishes -------------------------------------------------------------------


@login_required
@fair_view
def wish_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The student's ranked wishes and the exhibitors to choose from (constant queries)."""
    fair = request.fair
    return _wish_page(request, fair, _student(request, fair))


def _wish_page(
    request: HttpRequest, fair: Fair, student: Student, *, error: FairError | None = None
) -> HttpResponse:
    """The wish page; after a refused change, with its message and the refusal's status."""
    form = ExhibitorFilterForm(request.GET or None, programmes=fair_programme_list(fair=fair))
    search = form.cleaned_data if form.is_valid() else {}
    wish_rows = selectors.wish_list_for(student=student)
    return render(
        request,
        "booking/wishes_list.html",
        {
            "fair": fair,
            "wishes": wish_rows,
            "wished": {w.company_id for w in wish_rows},
            "exhibitors": selectors.exhibitors_for_wishes(
                fair=fair,
                programme=search.get("programme"),
                q=search.get("q"),
                student=None if search.get("scope") == "all" else student,
            ),
            "form": form,
            "is_open": wishes_open(fair),
            "full": len(wish_rows) >= fair.max_wishes,
            "error": error.message if error else None,
        },
        status=error.status if error else 200,
    )


def _wish_company(fair: Fair, company_id: int) -> Company:
    return get_object_or_404(Company, fair=fair, pk=company_id)


@login_required
@require_POST
@fair_view
def wish_add(request: HttpRequest, slug: str) -> HttpResponse:
    fair = request.fair
    student = _student(request, fair)
    form = CompanyChoiceForm(request.POST)
    if not form.is_valid():
        raise Http404
    company = _wish_company(fair, form.cleaned_data["company"])
    try:
        wish = wishes.wish_add(student=student, company=company)
    except FairError as exc:
        return _wish_page(request, fair, student, error=exc)
    else:
        messages.success(
            request,
            _("%(company)s is now your wish no. %(rank)d.")
            % {"company": company.name, "rank": wish.rank},
        )
    return redirect("booking:wish-list", slug=fair.slug)


@login_required
@require_POST
@fair_view
def wish_move(request: HttpRequest, slug: str, company_id: int) -> HttpResponse:
    fair = request.fair
    student = _student(request, fair)
    form = WishMoveForm(request.POST)
    try:
        if not form.is_valid():
            raise InvalidInput({"direction": [_("Move a wish up or down.")]})
        company = _wish_company(fair, company_id)
        wishes.wish_move(student=student, company=company, direction=form.cleaned_data["direction"])
    except FairError as exc:
        return _wish_page(request, fair, student, error=exc)
    rank = student.wishes.values_list("rank", flat=True).get(company=company)
    messages.success(
        request, _("%(company)s is now no. %(rank)d.") % {"company": company.name, "rank": rank}
    )
    # Back to the moved wish, which takes the focus (static/booking/wishes.js).
    return redirect(
        reverse("booking:wish-list", kwargs={"slug": fair.slug}) + f"#wish-{company.pk}"
    )


@login_required
@require_POST
@fair_view
def wish_remove(request: HttpRequest, slug: str, company_id: int) -> HttpResponse:
    fair = request.fair
    student = _student(request, fair)
    try:
        wishes.wish_remove(student=student, company=_wish_company(fair, company_id))
    except FairError as exc:
        return _wish_page(request, fair, student, error=exc)
    else:
        messages.success(request, _("The wish was removed."))
    return redirect("booking:wish-list", slug=fair.slug)


@login_required
@require_POST
@fair_view
def wish_reorder(request: HttpRequest, slug: str) -> HttpResponse:
    """The drag-and-drop order (sent by static/booking/wishes.js as a normal form post)."""
    fair = request.fair
    student = _student(request, fair)
    form = WishOrderForm(request.POST)
    try:
        if not form.is_valid():
            raise InvalidInput({"order": form.errors["order"]})
        wishes.wishes_reorder(student=student, company_ids=form.cleaned_data["order"])
    except FairError as exc:
        return _wish_page(request, fair, student, error=exc)
    else:
        messages.success(request, _("Your wishes were reordered."))
    return redirect("booking:wish-list", slug=fair.slug)


# --- companies: students who wished them ------------------------------------------------


@login_required
@fair_view
def company_students(request: HttpRequest, slug: str) -> HttpResponse:
    """Students who wished the company and consented, to flag (constant queries)."""
    fair = request.fair
    company = _company(request, fair)
    return render(
        request,
        "booking/wishes_company_students.html",
        {
            "fair": fair,
            "company": company,
            "rows": selectors.interested_students_for(company=company),
        },
    )


@login_required
@require_POST
@fair_view
def interest_set(request: HttpRequest, slug: str, student_id: int) -> HttpResponse:
    fair = request.fair
    company = _company(request, fair)
    form = InterestForm(request.POST)
    student = Student.objects.filter(fair=fair, pk=student_id).select_related("user").first()
    if not form.is_valid() or student is None:
        raise Http404
    try:
        wanted = wishes.interest_set(
            company=company, student=student, wanted=form.cleaned_data["wanted"]
        )
    except FairError as exc:
        _fail(request, exc)
    else:
        text = _("You want to meet %(name)s.") if wanted else _("%(name)s is no longer flagged.")
        messages.success(request, text % {"name": student.user.name})
    return redirect("booking:company-students", slug=fair.slug)


# --- students and companies: availability and schedule -----------------------------------


def _owner(request: HttpRequest, fair: Fair) -> dict:
    student = student_for(user=request.user, fair=fair)
    if student is not None:
        return {"student": student}
    return {"company": _company(request, fair)}


@login_required
@require_http_methods(["GET", "POST"])
@fair_view
def availability_edit(request: HttpRequest, slug: str) -> HttpResponse:
    fair = request.fair
    owner = _owner(request, fair)
    current = selectors.availability_for(**owner)
    initial = (
        {"available_from": current.available_from, "available_until": current.available_until}
        if current
        else {}
    )
    form = AvailabilityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            wishes.availability_set(fair=fair, **owner, **form.cleaned_data)
        except FairError as exc:
            form_error_show(form, exc)
        else:
            messages.success(request, _("Your availability was saved."))
            return redirect("booking:schedule", slug=fair.slug)
    return render(
        request,
        "booking/interviews_availability.html",
        {"fair": fair, "form": form, **owner},
        status=form_status(form),
    )


def _schedule_page(
    request: HttpRequest, fair: Fair, owner: dict, *, error: FairError | None = None
) -> HttpResponse:
    interviews = selectors.schedule_for(**owner)
    now = timezone.now()
    for i in interviews:
        i.may_cancel = interview_services.cancel_open(i, request.user, now=now)
        i.may_no_show = interview_services.no_show_open(i, now=now)
    return render(
        request,
        "booking/schedule_mine.html",
        {
            "fair": fair,
            "interviews": interviews,
            "self_booking_open": selectors.self_booking_open(fair=fair),
            "published": selectors.schedule_is_published(fair=fair),
            "error": error.message if error else None,
            **owner,
        },
        status=error.status if error else 200,
    )


@login_required
@fair_view
def schedule_mine(request: HttpRequest, slug: str) -> HttpResponse:
    """The student's or the company's interviews in time order (constant queries)."""
    fair = request.fair
    return _schedule_page(request, fair, _owner(request, fair))


def _interview_change(request: HttpRequest, slug: str, pk: int, action, done: str) -> HttpResponse:
    fair = request_fair(request, slug)
    interview = selectors.interview_get(fair=fair, pk=pk)
    if interview is None:
        raise Http404
    try:
        action(interview=interview, user=request.user)
    except FairError as exc:
        return _schedule_page(request, fair, _owner(request, fair), error=exc)
    else:
        messages.success(request, done % {"name": interview.student.user.name})
    return redirect("booking:schedule", slug=fair.slug)


@login_required
@require_POST
def interview_no_show(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _interview_change(
        request,
        slug,
        pk,
        interview_services.interview_no_show,
        _("%(name)s is marked as a no-show."),
    )


# --- self-booking -------------------------------------------------------------------------


@login_required
@fair_view
def self_booking(request: HttpRequest, slug: str) -> HttpResponse:
    fair = request.fair
    _student(request, fair)
    exhibitors = [c for c in selectors.exhibitors_for_wishes(fair=fair) if c.stand_code]
    return render(
        request,
        "booking/interviews_self_booking.html",
        {
            "fair": fair,
            "exhibitors": exhibitors,
            "is_open": selectors.self_booking_open(fair=fair),
        },
    )


def _free_slots_page(
    request: HttpRequest, fair: Fair, student: Student, company: Company, error=None
) -> HttpResponse:
    """The company's free times for this student (not begun, within both availabilities)."""
    return render(
        request,
        "booking/interviews_free_slots.html",
        {
            "fair": fair,
            "company": company,
            "free": selectors.free_slots_for(company=company, student=student),
            "is_open": selectors.self_booking_open(fair=fair),
            "error": error.message if error else None,
        },
        status=error.status if error else 200,
    )


@login_required
@fair_view
def free_slots(request: HttpRequest, slug: str, company_id: int) -> HttpResponse:
    fair = request.fair
    student = _student(request, fair)
    return _free_slots_page(request, fair, student, _wish_company(fair, company_id))


@login_required
@require_POST
@fair_view
def slot_book(request: HttpRequest, slug: str, company_id: int, slot_id: int) -> HttpResponse:
    fair = request.fair
    student = _student(request, fair)
    company = _wish_company(fair, company_id)
    slot = get_object_or_404(Slot, fair=fair, pk=slot_id)
    try:
        interview_services.interview_book(student=student, company=company, slot=slot)
    except FairError as exc:
        return _free_slots_page(request, fair, student, company, error=exc)
    messages.success(request, _("The interview is booked."))
    return redirect("booking:schedule", slug=fair.slug)


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
