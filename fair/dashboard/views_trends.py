"""The dashboard across years: charts, tables and their CSV and XLSX exports.

Organizers see exact numbers; partner staff see the same pages with counts from 1 to 4
shown as "<5". Every other account gets 403; anonymous visitors go to the staff log-in.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from fair.dashboard.trends import dashboard_table, dashboard_tables
from fair.enums import Role
from fair.exports import csv_response, xlsx_response
from fair.permissions import is_organizer
from fair.suppression import SUPPRESS_BELOW


def _is_partner_staff(user) -> bool:
    if not (user.is_authenticated and user.is_active and user.role == Role.PARTNER):
        return False
    staff = getattr(user, "partner_staff", None)
    return staff is not None and staff.partner.is_active


def dashboard_reader_required(view):
    """Organizers and partner staff; the view gets ``exact`` (True only for organizers)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("fair:login-staff"))
        if is_organizer(user):
            return view(request, *args, exact=True, **kwargs)
        if _is_partner_staff(user):
            return view(request, *args, exact=False, **kwargs)
        raise PermissionDenied

    return wrapper


@dashboard_reader_required
def trends_page(request: HttpRequest, *, exact: bool) -> HttpResponse:
    """Charts and tables per fair, trade group, municipality, partner and year."""
    context = {
        "tables": dashboard_tables(exact=exact),
        "exact": exact,
        "suppress_below": SUPPRESS_BELOW,
    }
    return render(request, "dashboard/trends.html", context)


@dashboard_reader_required
def trends_export(request: HttpRequest, key: str, fmt: str, *, exact: bool) -> HttpResponse:
    """One table of the dashboard as CSV or XLSX, with the numbers the reader may see."""
    table = dashboard_table(key, exact=exact)
    if table is None or fmt not in ("csv", "xlsx"):
        raise Http404
    filename = f"praktikmesse-{key}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    respond = csv_response if fmt == "csv" else xlsx_response
    return respond(filename, table.headers, table.rows)
