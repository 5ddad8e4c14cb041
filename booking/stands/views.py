"""Pages of stand booking: the plan and booking for companies, control for organizers."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from booking.stands import csv_import, selectors, services
from booking.stands.floorplan import plan_svg, stand_code_valid
from booking.stands.forms import (
    StandBookForm,
    StandImportForm,
    StandMoveForm,
    StandRejectForm,
    StandTablesForm,
    StandWaitlistForm,
)
from fair.exceptions import FairError, NotFound
from fair.exports import csv_response
from fair.form_errors import form_error_show, form_status
from fair.phases import stand_booking_open
from fair.resolve import fair_view
from fair.rules import organizer_required
from fair.selectors import company_for


def _404(view):
    """A domain NotFound (unknown stand, another company's booking) is a plain 404 page."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except NotFound as exc:
            raise Http404(str(exc.message)) from None

    return wrapper


def stand_href(fair, code: str) -> str:
    """The stand's page, or "" for a code no address can hold (an old import with a "/")."""
    if not stand_code_valid(code):
        return ""
    try:
        return reverse("booking:stand-detail", args=[fair.slug, code])
    except NoReverseMatch:
        return ""


def _zoom(request: HttpRequest) -> int:
    value = request.GET.get("zoom", "1")
    return int(value) if value in {"1", "2", "3", "4"} else 1


@fair_view
def stand_plan(request: HttpRequest, slug: str) -> HttpResponse:
    """The floor plan and the list of stands; a company sees its own stand marked."""
    fair = request.fair
    company = company_for(user=request.user, fair=fair, offers=False)
    stands = selectors.stand_list(fair=fair)
    plan = selectors.plan_stands(
        stands=stands,
        company=company,
        href=lambda s: stand_href(fair, s.code),
    )
    full = selectors.zones_full(stands=stands)
    zoom = _zoom(request)
    bookings = list(selectors.stand_bookings_for(company=company)) if company else []
    active = [b for b in bookings if b.status in ("pending", "confirmed")]
    context = {
        "fair": fair,
        "company": company,
        "rows": list(zip(stands, plan, strict=True)),
        "svg": plan_svg(
            stands=plan, title=_("Floor plan of %(fair)s") % {"fair": fair.name}, zoom=zoom
        ),
        "zoom": zoom,
        "open": stand_booking_open(fair),
        "bookings": bookings,
        "waitlist": selectors.waitlist_for(company=company) if company else [],
        "waitlist_form": StandWaitlistForm(zones=full) if company and full and not active else None,
    }
    return render(request, "booking/stands_plan.html", context)


@require_http_methods(["GET", "POST"])
@_404
@fair_view
def stand_detail(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """One stand; a company books it here (tables and needs)."""
    fair = request.fair
    stand = selectors.stand_get(fair=fair, code=code)
    company = company_for(user=request.user, fair=fair, offers=False)
    form = StandBookForm(request.POST or None)
    if request.method == "POST":
        if company is None:
            return redirect(f"{reverse('fair:login')}?next={request.path}")
        if form.is_valid():
            try:
                booking = services.stand_book(
                    fair=fair, company=company, code=stand.code, **form.cleaned_data
                )
            except FairError as exc:
                form_error_show(form, exc)
            else:
                if booking.status == "pending":
                    messages.success(
                        request,
                        _(
                            "Thank you! Your request for stand %(code)s "
                            "waits for the organizers' approval."
                        )
                        % {"code": stand.code},
                    )
                else:
                    messages.success(request, _("Stand %(code)s is yours.") % {"code": stand.code})
                return redirect("booking:stand-plan", slug=fair.slug)
    context = {
        "fair": fair,
        "stand": stand,
        "state": selectors.stand_state(stand),
        "company": company,
        "form": form,
        "open": stand_booking_open(fair),
    }
    return render(request, "booking/stands_detail.html", context, status=form_status(form))


@login_required
@require_http_methods(["GET", "POST"])
@_404
@fair_view
def stand_booking_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A company's own booking: change tables or cancel."""
    fair = request.fair
    company = company_for(user=request.user, fair=fair, offers=False)
    if company is None:
        return redirect("booking:stand-plan", slug=fair.slug)
    booking = selectors.stand_booking_for(company=company, pk=pk)
    form = StandTablesForm(request.POST or None, initial={"tables": booking.tables})
    if request.method == "POST" and form.is_valid():
        try:
            services.stand_booking_tables_change(
                booking=booking, tables=form.cleaned_data["tables"]
            )
        except FairError as exc:
            form_error_show(form, exc)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("booking:stand-plan", slug=fair.slug)
    context = {
        "fair": fair,
        "booking": booking,
        "form": form,
        "open": stand_booking_open(fair),
    }
    return render(request, "booking/stands_booking.html", context, status=form_status(form))


@login_required
@require_POST
@_404
@fair_view
def stand_booking_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    fair = request.fair
    company = company_for(user=request.user, fair=fair, offers=False)
    if company is None:
        return redirect("booking:stand-plan", slug=fair.slug)
    booking = selectors.stand_booking_for(company=company, pk=pk)
    try:
        services.stand_booking_cancel(booking=booking)
    except FairError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request,
            _("Your booking of stand %(code)s is cancelled.") % {"code": booking.stand.code},
        )
    return redirect("booking:stand-plan", slug=fair.slug)


@login_required
@require_POST
@fair_view
def stand_waitlist_join(request: HttpRequest, slug: str) -> HttpResponse:
    fair = request.fair
    company = company_for(user=request.user, fair=fair, offers=False)
    zone = request.POST.get("zone", "")
    if company is not None:
        try:
            services.stand_waitlist_join(fair=fair, company=company, zone=zone)
        except FairError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(
                request, _("You are on the waiting list of zone %(zone)s.") % {"zone": zone}
            )
    return redirect("booking:stand-plan", slug=fair.slug)


# Organizers


@organizer_required
@fair_view(public=False)
def organizer_stands(request: HttpRequest, slug: str) -> HttpResponse:
    """Organizers: the plan with every booking, pending approvals, the list and waiting lists."""
    fair = request.fair
    stands = selectors.stand_list(fair=fair)
    plan = selectors.plan_stands(
        stands=stands,
        href=lambda s: f"#stand-{s.code}" if s.active_booking else "",
        names_when_held=True,
    )
    bookings = list(selectors.stand_booking_list(fair=fair))
    context = {
        "fair": fair,
        "svg": plan_svg(
            stands=plan,
            title=_("Floor plan of %(fair)s") % {"fair": fair.name},
            zoom=_zoom(request),
        ),
        "zoom": _zoom(request),
        "rows": list(zip(stands, plan, strict=True)),
        "pending": [b for b in bookings if b.status == "pending"],
        "bookings": bookings,
        "waitlist": list(selectors.waitlist_list(fair=fair)),
    }
    return render(request, "booking/stands_organizer.html", context)


@organizer_required
@require_POST
@_404
@fair_view(public=False)
def organizer_booking_confirm(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    fair = request.fair
    booking = selectors.stand_booking_get(fair=fair, pk=pk)
    try:
        services.stand_booking_confirm(booking=booking, by=request.user)
    except FairError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request,
            _("%(company)s is confirmed at stand %(code)s.")
            % {"company": booking.company.name, "code": booking.stand.code},
        )
    return redirect("booking:stand-organizer", slug=fair.slug)


@organizer_required
@require_http_methods(["GET", "POST"])
@_404
@fair_view(public=False)
def organizer_booking_reject(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    fair = request.fair
    booking = selectors.stand_booking_get(fair=fair, pk=pk)
    form = StandRejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.stand_booking_reject(
                booking=booking, by=request.user, reason=form.cleaned_data["reason"]
            )
        except FairError as exc:
            form_error_show(form, exc)
        else:
            messages.success(
                request,
                _("The request of %(company)s is rejected.") % {"company": booking.company.name},
            )
            return redirect("booking:stand-organizer", slug=fair.slug)
    return render(
        request,
        "booking/stands_reject.html",
        {"fair": fair, "booking": booking, "form": form},
        status=form_status(form),
    )


@organizer_required
@require_http_methods(["GET", "POST"])
@_404
@fair_view(public=False)
def organizer_booking_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    fair = request.fair
    booking = selectors.stand_booking_get(fair=fair, pk=pk)
    free = [s.code for s in selectors.stand_list(fair=fair) if s.active_booking is None]
    form = StandMoveForm(request.POST or None, codes=free)
    if request.method == "POST" and form.is_valid():
        try:
            services.stand_booking_move(
                booking=booking, code=form.cleaned_data["stand"], by=request.user
            )
        except FairError as exc:
            form_error_show(form, exc)
        else:
            messages.success(
                request,
                _("%(company)s is moved to stand %(code)s.")
                % {"company": booking.company.name, "code": form.cleaned_data["stand"]},
            )
            return redirect("booking:stand-organizer", slug=fair.slug)
    return render(
        request,
        "booking/stands_move.html",
        {"fair": fair, "booking": booking, "form": form},
        status=form_status(form),
    )


@organizer_required
@require_http_methods(["GET", "POST"])
@fair_view(public=False)
def organizer_stand_import(request: HttpRequest, slug: str) -> HttpResponse:
    fair = request.fair
    form = StandImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            stands = csv_import.stands_import(fair=fair, text=form.cleaned_data["file"])
        except FairError as exc:
            form_error_show(form, exc)
        else:
            messages.success(request, _("%(count)s stands imported.") % {"count": len(stands)})
            return redirect("booking:stand-organizer", slug=fair.slug)
    status = form_status(form)
    return render(
        request, "booking/stands_import.html", {"fair": fair, "form": form}, status=status
    )


@organizer_required
@fair_view(public=False)
def organizer_stand_export(request: HttpRequest, slug: str) -> HttpResponse:
    """CSV of the fair's bookings: company, CVR, stand, tables, needs, status."""
    fair = request.fair
    headers = [
        _("Company"),
        _("CVR number"),
        _("Stand"),
        _("Zone"),
        _("Tables"),
        _("Needs"),
        _("Status"),
    ]
    # Semicolons, UTF-8 with BOM, Danish headers; "=…" stays text, never a formula.
    rows = selectors.stand_booking_export_rows(fair=fair)
    return csv_response(f"stands-{fair.slug}.csv", headers, rows)
