"""The public good-chances page: where placements clearly outnumber the students seeking."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fair.dashboard.chances import GOOD_MINIMUM, GOOD_RATIO, chances_list, shown_numbers
from fair.dashboard.forms import ChancesFilterForm
from fair.suppression import SUPPRESS_BELOW


def chances_page(request: HttpRequest) -> HttpResponse:
    """Per programme: placements offered and students seeking, in a chart and in words."""
    fair, chances = chances_list()
    form = ChancesFilterForm(
        request.GET or None,
        programmes=sorted((c.programme for c in chances), key=lambda p: p.name),
    )
    code = form.cleaned_data["uddannelse"] if form.is_valid() else ""
    shown = [c for c in chances if c.programme.code == code] if code else chances
    numbers = shown_numbers(chances)  # over every programme, whatever the filter
    rows = [(c, numbers[c.programme.pk]) for c in shown]
    context = {
        "fair": fair,
        "form": form,
        "rows": [(c, n, c.chart(fair, n)) for c, n in rows],
        "has_register": any(c.region_seeking is not None for c in chances),
        "ratio": str(GOOD_RATIO).replace(".", ","),
        "minimum": GOOD_MINIMUM,
        "suppress_below": SUPPRESS_BELOW,
    }
    return render(request, "fair/chances.html", context)
