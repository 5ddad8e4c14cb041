"""Pages of outcomes: the one-click answer page and the organizers' and partners' pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fair.exceptions import InvalidInput
from fair.form_errors import form_error_show, form_status
from fair.models import Fair
from fair.resolve import fair_view
from fair.rules import may_record_outcome, outcome_students, reporter_role, staff_page
from outcomes.enums import OutcomeKind, OutcomeSource
from outcomes.forms import AnswerForm, OutcomeForm
from outcomes.links import answer_from_token
from outcomes.selectors import meeting_get, meeting_list, outcome_counts
from outcomes.services import outcome_current, record_outcome

PAGE_SIZE = 50


def latest_fair(request: HttpRequest) -> HttpResponse:
    """The outcomes page of the latest fair held (or, before any, the next one)."""
    today = timezone.localdate()
    fair = (
        Fair.objects.filter(date__lte=today).order_by("-date").first()
        or Fair.objects.order_by("date").first()
    )
    if fair is None:
        raise Http404
    return redirect("outcomes:fair", slug=fair.slug)


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """A follow-up link: GET shows what will be recorded; only the page's POST records it."""
    found = answer_from_token(token=token)
    if found is None:
        return render(request, "outcomes/answer_invalid.html", status=400)
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        translation.activate(found.user.language)  # the e-mail's language, unless chosen
        request.LANGUAGE_CODE = found.user.language
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record_outcome(
                student=found.student,
                company=found.company,
                kind=found.kind,
                reported_by=found.user,
                reporter_role=found.role,
                source=OutcomeSource.FOLLOW_UP,
                start_date=form.cleaned_data["start_date"],
                end_date=form.cleaned_data["end_date"],
            )
        except InvalidInput as exc:
            form_error_show(form, exc)
        else:
            return redirect(reverse("outcomes:answer", kwargs={"token": token}) + "?saved=1")
    context = {
        "answer": found,
        "form": form,
        "saved": request.GET.get("saved") == "1" and request.method == "GET",
        "kind_label": OutcomeKind(found.kind).label,
        "current": outcome_current(student=found.student, company=found.company),
        "counterpart": found.company.name if found.role == "student" else found.student.user.name,
    }
    return render(request, "outcomes/answer.html", context, status=form_status(form))


@staff_page(may_record_outcome)
@fair_view(public=False)
def fair_outcomes(request: HttpRequest, slug: str) -> HttpResponse:
    """The fair's meetings with their current outcome, and counts (partners: their students)."""
    fair = request.fair
    meetings = meeting_list(fair=fair, students=outcome_students(user=request.user, fair=fair))
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "fair": fair,
        "page": page,
        "counts": outcome_counts(meetings=meetings),
        "is_partner": reporter_role(request.user) == "partner",
    }
    return render(request, "outcomes/fair_outcomes.html", context)


@staff_page(may_record_outcome)
@require_http_methods(["GET", "POST"])
@fair_view(public=False)
def meeting_detail(request: HttpRequest, slug: str, student: int, company: int) -> HttpResponse:
    """One meeting: its history of outcomes and a form to record a new one."""
    fair = request.fair
    meeting = meeting_get(
        fair=fair,
        student_id=student,
        company_id=company,
        students=outcome_students(user=request.user, fair=fair),
    )
    if meeting is None:
        raise Http404
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_outcome(
                student=meeting.student,
                company=meeting.company,
                kind=data["kind"],
                reported_by=request.user,
                reporter_role=reporter_role(request.user),
                source=OutcomeSource.PAGE,
                start_date=data["start_date"],
                end_date=data["end_date"],
                note=data["note"],
            )
        except InvalidInput as exc:
            form_error_show(form, exc)
        else:
            messages.success(request, _("The outcome is saved."))
            return redirect("outcomes:meeting", slug=fair.slug, student=student, company=company)
    context = {"fair": fair, "meeting": meeting, "form": form}
    return render(request, "outcomes/meeting.html", context, status=form_status(form))
