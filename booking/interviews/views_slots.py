"""A student books a free slot by themselves (after the schedule is published)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from booking.interviews import selectors
from booking.interviews import services as interview_services
from booking.interviews.views import _student, _wish_company
from booking.models import Slot
from fair.exceptions import FairError
from fair.models import Company, Fair, Student
from fair.resolve import fair_view

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
