"""The dashboard across years: charts, tables and their CSV and XLSX exports.

Organizers see exact numbers; partner staff see the same pages with counts from 1 to 4
shown as "<5". Every other account gets 403; anonymous visitors go to the staff log-in.
"""

from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fair.dashboard.trends import dashboard_table, dashboard_tables
from fair.exports import csv_response, xlsx_response
from fair.rules import is_organizer, may_read_dashboard, staff_page
from fair.suppression import SUPPRESS_BELOW


def dashboard_reader_required(view):
    """`fair.rules.may_read_dashboard`; the view gets ``exact`` (True only for organizers)."""

    @staff_page(may_read_dashboard)
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        return view(request, *args, exact=is_organizer(request.user), **kwargs)

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
