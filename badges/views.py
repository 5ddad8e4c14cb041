"""Door scanning page, stand scanning page, each person's own badge download, and the
organizers' badge desk (re-issue, reprint)."""

import tempfile
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from badges import door_selectors, selectors, services
from badges.enums import PRINT_ROLES, BadgeRole
from badges.fairday import door_notice
from badges.forms import BulkPrintForm, OutcomeForm, PrintForm, ReissueForm, StandScanForm
from badges.printing import badge_pdf, badges_print
from booking.enums import Outcome
from fair.exceptions import FairError
from fair.models import Fair, User
from fair.resolve import fair_view, request_fair
from fair.rules import may_use_door, organizer_required
from fair.selectors import company_for, school_list


def _labels() -> dict[str, str]:
    """The words the scanner script shows, translated on the server."""
    return {
        "ok": _("OK"),
        "duplicate": _("ALREADY IN"),
        "invalid": _("INVALID"),
        "revoked": _("REVOKED"),
        "since": _("since %(time)s"),
        "queued": _("Saved on this device; sent when the connection returns."),
        "online": _("Online"),
        "offline": _("Offline"),
        "waiting_one": ngettext(
            "%(count)s scan waiting to be sent", "%(count)s scans waiting to be sent", 1
        ),
        "waiting_many": ngettext(
            "%(count)s scan waiting to be sent", "%(count)s scans waiting to be sent", 2
        ),
        "checking": _("Checking …"),
        "unverified": _("CANNOT BE CHECKED OFFLINE"),
        "no_offline_check": _(
            "This browser cannot check badges offline: while the connection is down, scans"
            " are saved and the server decides when it returns."
        ),
        "auth_lost": _(
            "Scans are waiting, but this device is no longer signed in: log in as door staff"
            " again or open a new device link to send them."
        ),
        "synced": _("All scans are sent."),
        "unknown": _("Unknown name"),
        "no_auth": _("This device is not signed in: log in as door staff or open the device link."),
        "camera_off": _("No camera: use the text field or a hand-held scanner."),
        "no_results": _("No one found."),
        "check_in": _("Check in"),
        "print": _("Print badge"),
        "check_in_name": _("Check in: %(name)s"),
        "print_name": _("Print badge: %(name)s"),
        "found_one": ngettext("%(count)s person found", "%(count)s people found", 1),
        "found_many": ngettext("%(count)s person found", "%(count)s people found", 2),
        "walk_in_done": _("Registered and checked in: %(name)s"),
        "error": _("Something went wrong. Try again."),
        "not_fair_day": _("Not the fair's day"),
        "student": _("Student"),
        "company": _("Company"),
        "organizer": _("Organizer"),
        "volunteer": _("Volunteer"),
    }


@fair_view(public=False)
def door(request: HttpRequest, slug: str) -> HttpResponse:
    """The door page: for logged-in door staff, or opened with a device link (#device=…)."""
    fair = request.fair
    session = request.user.is_authenticated
    if session and not may_use_door(request.user, fair):
        raise PermissionDenied  # door staff of other fairs, students, companies
    # A device link works without a log-in; nothing about a fair that is not public is shown
    # before the device (or a logged-in door-staff member) has proved itself.
    show_fair = session or fair.is_public
    api = "/api/v1/fairs/" + fair.slug + "/door/"
    return render(
        request,
        "badges/door.html",
        {
            "fair": fair,
            "show_fair": show_fair,
            "session": session,
            "fair_day_notice": door_notice(fair=fair),
            "schools": school_list(),
            "config": {
                "fair": fair.slug,
                "session": session,
                "checkin": reverse("api:checkin"),
                "roster": api + "roster",
                "counts": api + "counts",
                "people": api + "people",
                "walkins": api + "walk-ins",
                "labels": _labels(),
            },
        },
    )


@login_required
def my_badge(request: HttpRequest) -> HttpResponse:
    """The person's own badge as a PDF (A6), issued on first download; the print is logged."""
    fair = door_selectors.fair_of_person(user=request.user)
    if fair is None:
        raise PermissionDenied
    try:
        _badge, pdf = badge_pdf(fair=fair, user=request.user, by=request.user, reason="own page")
    except FairError:
        raise PermissionDenied from None
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="badge-{fair.slug}.pdf"'
    return response


def _stand_company(request: HttpRequest, slug: str):
    company = company_for(user=request.user)
    if company is None or company.fair.slug != slug:
        raise PermissionDenied
    return company


def _stand_page(request, company, form, *, error: str = "", status: int = 200) -> HttpResponse:
    return render(
        request,
        "badges/stand.html",
        {
            "fair": company.fair,
            "company": company,
            "form": form,
            "error": error,
            "meetings": door_selectors.stand_meetings_for(company=company),
            "outcomes": Outcome.choices,
            "config": {"labels": _labels()},
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def stand(request: HttpRequest, slug: str) -> HttpResponse:
    """Stand scanning: a company scans a student's badge, then records the outcome."""
    company = _stand_company(request, slug)
    form = StandScanForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return _stand_page(request, company, form, status=422)
        try:
            meeting = services.stand_scan(
                company=company, token=form.cleaned_data["token"], by=request.user
            )
        except FairError as exc:
            form.add_error("token", str(exc.message))
            return _stand_page(request, company, form, status=422)
        if meeting.kind == "interview":
            text = _("Interview with %(name)s marked as held.")
        else:
            text = _("Conversation with %(name)s recorded.")
        messages.success(request, text % {"name": meeting.student.name})
        return redirect("badges:stand", slug=slug)
    return _stand_page(request, company, form)


@login_required
@require_POST
def stand_outcome(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    company = _stand_company(request, slug)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        error = _("Choose one of the outcomes.")
        return _stand_page(request, company, StandScanForm(), error=error, status=422)
    try:
        services.stand_outcome_set(
            company=company,
            kind=kind,
            pk=pk,
            outcome=form.cleaned_data["outcome"],
            by=request.user,
        )
    except FairError as exc:
        error = str(exc.message)
        return _stand_page(request, company, StandScanForm(), error=error, status=422)
    messages.success(request, _("Outcome saved."))
    return redirect("badges:stand", slug=slug)


# --- Organizers: the badge desk (re-issue and reprint, both logged with who and why) --------


def _desk(request: HttpRequest, fair: Fair, *, q: str, bound=None, bulk=None, status: int = 200):
    rows, more = selectors.badge_desk_list(fair=fair, q=q[:100])
    roles = dict(BadgeRole.choices)
    items = []
    for row in rows:
        pk = row.person.user.pk
        reissue, reprint = ReissueForm(prefix=f"r{pk}"), PrintForm(prefix=f"p{pk}")
        if bound is not None and bound.prefix == reissue.prefix:
            reissue = bound
        elif bound is not None and bound.prefix == reprint.prefix:
            reprint = bound
        items.append(
            {
                "row": row,
                "role": roles.get(row.person.role, row.person.role),
                "reissue": reissue,
                "print": reprint,
                "open": bound is not None and bound in (reissue, reprint),
            }
        )
    fresh = request.GET.get("reissued", "")
    fresh = next(
        (i["row"] for i in items if str(i["row"].person.user.pk) == fresh and i["row"].badge),
        None,
    )
    context = {"fair": fair, "q": q, "items": items, "more": more, "fresh": fresh}
    context["bulk"] = bulk or BulkPrintForm(prefix="bulk")
    return render(request, "badges/organizer_badges.html", context, status=status)


def _desk_person(request: HttpRequest, slug: str, person: int) -> tuple[Fair, User]:
    fair = request_fair(request, slug, public=False)
    user = get_object_or_404(User, pk=person)
    if selectors.person_at(fair=fair, user=user) is None:
        raise Http404
    return fair, user


@organizer_required
@fair_view(public=False)
def organizer_badges(request: HttpRequest, slug: str) -> HttpResponse:
    """Organizers: everyone's badge state, searchable by name, with re-issue and reprint."""
    return _desk(request, request.fair, q=request.GET.get("q", ""))


@organizer_required
@require_POST
def organizer_badge_reissue(request: HttpRequest, slug: str, person: int) -> HttpResponse:
    """Re-issue a person's badge (the old one stops opening the door), then offer the PDF."""
    fair, user = _desk_person(request, slug, person)
    badge = door_selectors.badge_valid_for(fair=fair, user=user)
    if badge is None:
        raise Http404
    form = ReissueForm(request.POST, prefix=f"r{user.pk}")
    if not form.is_valid():
        return _desk(request, fair, q=user.name, bound=form, status=422)
    try:
        new = services.badge_reissue(badge=badge, by=request.user, reason=form.reason_text())
    except FairError as exc:
        messages.error(request, str(exc.message))
        return redirect(reverse("badges:organizer-badges", args=[fair.slug]))
    messages.success(
        request,
        _("%(name)s has a new badge (version %(version)s); the old one no longer opens the door.")
        % {"name": user.name, "version": new.version},
    )
    query = urlencode({"q": user.name, "reissued": user.pk})
    return redirect(reverse("badges:organizer-badges", args=[fair.slug]) + "?" + query)


@organizer_required
@require_POST
def organizer_badge_print(request: HttpRequest, slug: str, person: int) -> HttpResponse:
    """The person's badge as a PDF (issued if missing); the print is logged with who and why."""
    fair, user = _desk_person(request, slug, person)
    form = PrintForm(request.POST, prefix=f"p{user.pk}")
    if not form.is_valid():
        return _desk(request, fair, q=user.name, bound=form, status=422)
    badge, pdf = badge_pdf(fair=fair, user=user, by=request.user, reason=form.reason_text())
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"badge-{fair.slug}-{user.pk}-v{badge.version}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@organizer_required
@require_POST
@fair_view(public=False)
def organizer_badges_print(request: HttpRequest, slug: str) -> HttpResponse:
    """Everyone's badges, or one group's, as one PDF (written to a temporary file as it goes)."""
    fair = request.fair
    form = BulkPrintForm(request.POST, prefix="bulk")
    if not form.is_valid():
        return _desk(request, fair, q="", bulk=form, status=422)
    group, layout = form.cleaned_data["group"], form.cleaned_data["layout"]
    out = tempfile.TemporaryFile()
    count, _issued = badges_print(
        fair=fair,
        out=out,
        roles=PRINT_ROLES.get(group),
        layout=layout,
        by=request.user,
        reason=f"web: {group}, {layout}",
    )
    out.seek(0)
    return FileResponse(
        out,
        as_attachment=True,
        filename=f"badges-{fair.slug}-{group}-{layout}.pdf",
        content_type="application/pdf",
    )
