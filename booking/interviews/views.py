"""Pages of wishes, company interest, availability, schedules, self-booking and the
organizer's scheduler run (server-rendered; every button is a plain form post). Cancelling
and publishing ask for confirmation first: booking/interviews/views_confirm.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from booking.interviews import selectors, wishes
from booking.interviews import services as interview_services
from booking.interviews.forms import (
    AvailabilityForm,
    CompanyChoiceForm,
    ExhibitorFilterForm,
    InterestForm,
    WishMoveForm,
    WishOrderForm,
)
from fair.exceptions import FairError, InvalidInput
from fair.form_errors import form_error_show, form_status
from fair.models import Company, Fair, Student
from fair.phases import wishes_open
from fair.resolve import fair_view, request_fair
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
