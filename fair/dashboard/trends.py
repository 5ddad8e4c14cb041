"""Fairs compared across years, and the region's register by partner and month.

A selector of the project layer (it reads every app). Each table is plain data: headers,
rows and a chart, so the page, the CSV and the XLSX export show the same numbers. Counts
from 1 to 4 are shown as "<5" to everyone but organizers (``exact=False``), and the counts
that would give one away as "x" (``fair.suppression``: each column of the trade group,
municipality and partner tables adds up to the fair's number in the first table, each
month of the region's table to its total line).

Counting rules, also stated on the page:
- fairs compare the people who signed up for each fair; "seeking" is their placement status
  as they declared it; a student with two programmes of one trade group counts once in it;
- placements are those offered by companies approved for the programme at that fair;
- outcomes (when the outcomes app is installed) count students with at least one recorded
  trial-days or training-agreement outcome for the fair, however often it was recorded.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from booking.enums import InterviewStatus
from booking.models import Interview
from fair.dashboard.charts import Series, bar_chart, line_chart
from fair.enums import MainArea, PlacementStatus, ReferredBy
from fair.models import CompanyProgramme, Fair, Student
from fair.suppression import protect_grid, shown

REGION_MONTHS = 6


def _plot(value) -> int | str | None:
    """A shown value as a chart takes it (a hidden one, "<5" or "x", is drawn as text only)."""
    return value


def _grid(rows: list[list], *, exact: bool, columns, total_row: int | None = None) -> list:
    """Rows of [label, count, …] as the reader may see them (``fair.suppression``)."""
    if exact:
        return rows
    safe = protect_grid(
        [r[1:] for r in rows], column_lines=[c - 1 for c in columns], total_row=total_row
    )
    return [[r[0], *s] for r, s in zip(rows, safe, strict=True)]


@dataclass
class Table:
    """One table of the dashboard, exportable as it is shown."""

    key: str
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    chart: SafeString | None = None
    note: str = ""


def fairs_compared(*, limit: int = 5) -> list[Fair]:
    """The latest fairs, oldest first (the order of a time axis)."""
    return list(reversed(Fair.objects.order_by("-date")[:limit]))


def fair_label(fair: Fair, fairs: list[Fair]) -> str:
    same_year = [f for f in fairs if f.date.year == fair.date.year]
    return str(fair.date.year) if len(same_year) == 1 else fair.name


def outcomes_installed() -> bool:
    return apps.is_installed("outcomes")


def _by_fair(queryset, *keys: str, value: str = "n") -> dict:
    out: dict = {}
    for row in queryset:
        out[tuple(row[k] for k in keys)] = row[value] or 0
    return out


def summary_table(fairs: list[Fair], *, exact: bool) -> Table:
    """Per fair: students, seeking, approved companies and placements, interviews, outcomes."""
    ids = [f.pk for f in fairs]
    students = {
        r["fair"]: r
        for r in Student.objects.filter(fair__in=ids)
        .values("fair")
        .annotate(
            total=Count("id"),
            seeking=Count("id", filter=Q(placement_status=PlacementStatus.SEEKING)),
        )
        .order_by()
    }
    offers = {
        r["company__fair"]: r
        for r in CompanyProgramme.objects.filter(company__fair__in=ids, approved=True)
        .values("company__fair")
        .annotate(companies=Count("company", distinct=True), placements=Sum("placements"))
        .order_by()
    }
    held = _by_fair(
        Interview.objects.filter(fair__in=ids, status=InterviewStatus.HELD)
        .values("fair")
        .annotate(n=Count("id"))
        .order_by(),
        "fair",
    )
    headers = [
        _("Fair"),
        _("Students signed up"),
        _("Seeking a training placement"),
        _("Approved companies"),
        _("Placements offered by approved companies"),
        _("Interviews held"),
    ]
    outcomes: dict = {}
    if outcomes_installed():
        from outcomes.enums import OutcomeKind
        from outcomes.models import Outcome

        headers += [_("Students with trial days"), _("Students with a training agreement")]
        for kind in (OutcomeKind.TRIAL_DAYS, OutcomeKind.TRAINING_AGREEMENT):
            outcomes[kind] = _by_fair(
                Outcome.objects.filter(fair__in=ids, kind=kind)
                .values("fair")
                .annotate(n=Count("student", distinct=True))
                .order_by(),
                "fair",
            )
    rows = []
    for f in fairs:
        s, o = students.get(f.pk, {}), offers.get(f.pk, {})
        raw = [
            s.get("total", 0),
            s.get("seeking", 0),
            o.get("companies", 0),
            o.get("placements") or 0,
            held.get((f.pk,), 0),
        ]
        raw += [outcomes[k].get((f.pk,), 0) for k in outcomes]
        rows.append([fair_label(f, fairs), *(shown(v, exact=exact) for v in raw)])
    labels = [r[0] for r in rows]
    series = [Series(headers[i], [_plot(r[i]) for r in rows]) for i in (1, 2, 4)]
    chart = line_chart(
        title=_("Students, seekers and placements per fair"), categories=labels, series=series
    )
    return Table("fairs", _("The fairs compared"), headers, rows, chart)


def trade_table(fairs: list[Fair], *, exact: bool) -> Table:
    """Per trade group: students seeking and placements offered by approved companies per fair."""
    ids = [f.pk for f in fairs]
    seeking = _by_fair(
        Student.objects.filter(fair__in=ids, placement_status=PlacementStatus.SEEKING)
        .values("fair", "programmes__main_area")
        .annotate(n=Count("id", distinct=True))
        .order_by(),
        "fair",
        "programmes__main_area",
    )
    placements = _by_fair(
        CompanyProgramme.objects.filter(company__fair__in=ids, approved=True)
        .values("company__fair", "programme__main_area")
        .annotate(n=Sum("placements"))
        .order_by(),
        "company__fair",
        "programme__main_area",
    )
    headers = [_("Trade group")]
    for f in fairs:
        label = fair_label(f, fairs)
        headers += [
            _("Seeking %(fair)s") % {"fair": label},
            _("Placements %(fair)s") % {"fair": label},
        ]
    rows = []
    for area in MainArea:
        row: list = [str(area.label)]
        for f in fairs:
            row += [seeking.get((f.pk, area.value), 0), placements.get((f.pk, area.value), 0)]
        rows.append(row)
    # each fair's seeking column adds up to about its number in the first table (placements
    # offered are not people: only counts from 1 to 4 are hidden)
    rows = _grid(rows, exact=exact, columns=range(1, len(headers), 2))
    chart = None
    if fairs:
        latest = fairs[-1]
        chart = bar_chart(
            title=_("Seeking and placements per trade group, %(fair)s")
            % {"fair": fair_label(latest, fairs)},
            categories=[r[0] for r in rows],
            series=[
                Series(_("Seeking a training placement"), [_plot(r[-2]) for r in rows]),
                Series(_("Placements offered"), [_plot(r[-1]) for r in rows]),
            ],
        )
    note = _("A student seeking two programmes of one trade group counts once in it.")
    return Table("trades", _("Per trade group"), headers, rows, chart, note)


def _per_fair_table(
    fairs: list[Fair], *, exact: bool, key: str, title: str, heading: str, group: str, names
) -> Table:
    ids = [f.pk for f in fairs]
    counts = _by_fair(
        Student.objects.filter(fair__in=ids, placement_status=PlacementStatus.SEEKING)
        .values("fair", group)
        .annotate(n=Count("id"))
        .order_by(),
        "fair",
        group,
    )
    groups = sorted({g for (_f, g) in counts}, key=lambda g: (g is None, str(names(g))))
    headers = [heading] + [fair_label(f, fairs) for f in fairs]
    rows = [[str(names(g))] + [counts.get((f.pk, g), 0) for f in fairs] for g in groups]
    # each fair's column adds up to its students seeking in the first table
    rows = _grid(rows, exact=exact, columns=range(1, len(headers)))
    chart = None
    if rows:
        chart = line_chart(
            title=title,
            categories=headers[1:],
            series=[Series(r[0], [_plot(v) for v in r[1:]]) for r in rows[:4]],
        )
    return Table(key, title, headers, rows, chart)


def municipality_table(fairs: list[Fair], *, exact: bool) -> Table:
    """Per municipality: students seeking a placement at each fair."""
    return _per_fair_table(
        fairs,
        exact=exact,
        key="municipalities",
        title=_("Students seeking a placement per municipality"),
        heading=_("Municipality"),
        group="municipality__name",
        names=lambda g: g or _("Municipality not known"),
    )


def referral_table(fairs: list[Fair], *, exact: bool) -> Table:
    """Per partner that sent them (as the students said): students seeking at each fair."""
    labels = dict(ReferredBy.choices)
    return _per_fair_table(
        fairs,
        exact=exact,
        key="referrals",
        title=_("Students seeking a placement per partner that sent them"),
        heading=_("Came through"),
        group="referred_by",
        names=lambda g: labels.get(g, _("Not given")),
    )


def _months(today: date, n: int) -> list[date]:
    index = today.year * 12 + today.month - 1
    return [date((index - k) // 12, (index - k) % 12 + 1, 1) for k in reversed(range(n))]


def region_table(*, exact: bool, months: int = REGION_MONTHS) -> Table | None:
    """Students lacking a placement in the region's register, per partner and month.

    Counted by the mapping register's own rules (``partners.counting``); None while that
    module is not there.
    """
    try:
        from partners.counting import RULE, register_counts
    except ImportError:  # the mapping register is not installed (yet)
        return None
    axis = _months(timezone.localdate(), months)
    tables = [register_counts(group_by=["partner"], month=m) for m in axis]
    names: dict[tuple, str] = {}
    counts: dict[tuple, dict[date, int]] = defaultdict(dict)
    for m, table in zip(axis, tables, strict=True):
        for row in table.rows:
            names[row.key] = row.labels[0]
            counts[row.key][m] = row.counts["lacking"]
    headers = [_("Partner")] + [f"{m.month:02d}.{m.year}" for m in axis]
    rows = [
        [names[k]] + [counts[k].get(m, 0) for m in axis]
        for k in sorted(names, key=lambda k: names[k])
    ]
    rows.append(
        [_("All partners (each student once)")] + [t.total.counts["lacking"] for t in tables]
    )
    # each month's column and its total line (a student of two partners is in both rows)
    rows = _grid(rows, exact=exact, columns=range(1, len(headers)), total_row=len(rows) - 1)
    chart = line_chart(
        title=_("Students lacking a placement in the region per month"),
        categories=headers[1:],
        series=[Series(rows[-1][0], [_plot(v) for v in rows[-1][1:]])],
    )
    return Table(
        "region",
        _("Students lacking a placement in the region, per partner and month"),
        headers,
        rows,
        chart,
        str(RULE),
    )


BUILDERS = {
    "fairs": summary_table,
    "trades": trade_table,
    "municipalities": municipality_table,
    "referrals": referral_table,
}


def dashboard_tables(*, exact: bool) -> list[Table]:
    """Every table of the trends page, in page order."""
    fairs = fairs_compared()
    tables = [build(fairs, exact=exact) for build in BUILDERS.values()]
    region = region_table(exact=exact)
    if region is not None:
        tables.append(region)
    return tables


def dashboard_table(key: str, *, exact: bool) -> Table | None:
    """One table by its key, for the exports."""
    if key == "region":
        return region_table(exact=exact)
    build = BUILDERS.get(key)
    return build(fairs_compared(), exact=exact) if build else None
