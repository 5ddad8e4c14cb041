"""How many students lack a training placement, by trade group, programme, municipality,
partner and school, for a month, with the trend. The rules (docs/counting.md):

- A person is counted by their status at the end of the month (today for this month): the
  latest change of status dated on or before that day. Seeking and trial days count as
  seeking; school-based training (skoleoplæring) is its own column; a training agreement or
  having left the register is not counted.
- Each person is counted ONCE per row: a person seeking two programmes of one trade group is
  one in that trade group (and one in each programme's row); the total counts each person
  once, so rows may add up to more than the total.
- A person reported by two partners is one person (deduplicated by e-mail); in a partner
  row they count for each partner that reported them.
- Outside organizers, every count from 1 to 4 is shown as "<5" (and its trend is hidden),
  and the numbers that would give one away as "x" (fair.suppression: no row of parts and
  total, no column with the total line, and, grouped by two dimensions, no group of rows
  sharing one value has exactly one hidden number).

Four to eight queries whatever the register's size: the rows are read as plain tuples and
counted in Python.
"""

import calendar
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fair.enums import MainArea
from fair.models import Municipality, Programme, School
from fair.suppression import Line, protect
from partners.enums import RegisterStatus
from partners.models import Contribution, MappedStudent, Partner, StatusChange

SUPPRESS_BELOW = 5
SUPPRESSED = "<5"
COLUMNS = ("seeking", "school_training", "lacking")
DIMENSIONS = ("trade", "programme", "municipality", "partner", "school")
COLUMN_OF = {
    RegisterStatus.SEEKING: "seeking",
    RegisterStatus.TRIAL_DAYS: "seeking",
    RegisterStatus.SCHOOL_TRAINING: "school_training",
}
RULE = _(
    "Each student is counted once per row by their status at the end of the month: seeking "
    "(trial days included) or in school-based training (skoleoplæring); lacking a placement "
    "is the two together. A student seeking two programmes of one trade group counts once in "
    "that trade group, so rows can add up to more than the total, which counts each student "
    "once. A student reported by several partners is one student."
)
SUPPRESSION_RULE = _(
    "Counts from 1 to 4 are shown as “<5” to protect the students, and “x” hides a larger "
    "count where a “<5” could otherwise be worked out from the other numbers and the total."
)
NUMBERS = ("seeking", "school_training", "lacking", "previous", "last_year")


def month_end(month: date) -> date:
    """The last day of the month, or today for the month that is running."""
    last = date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])
    return min(last, timezone.localdate())


def month_shift(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def shown(value: int | None, *, exact: bool) -> int | str | None:
    """A count as it may be shown: exact for organizers, 1–4 as "<5" for everyone else."""
    if value is None or exact or value == 0 or value >= SUPPRESS_BELOW:
        return value
    return SUPPRESSED


@dataclass
class CountRow:
    key: tuple  # one (dimension, id) per grouping dimension
    labels: list[str]
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COLUMNS, 0))
    previous: int = 0  # lacking a placement at the end of the previous month
    last_year: int = 0  # lacking a placement at the end of the same month a year before

    def view(self, *, exact: bool) -> dict:
        lacking = self.counts["lacking"]
        hidden = not exact and any(
            0 < n < SUPPRESS_BELOW for n in (lacking, self.previous, self.last_year)
        )
        return {
            **{c: shown(self.counts[c], exact=exact) for c in COLUMNS},
            "previous": shown(self.previous, exact=exact),
            "last_year": shown(self.last_year, exact=exact),
            "change_month": None if hidden else lacking - self.previous,
            "change_year": None if hidden else lacking - self.last_year,
        }


@dataclass
class CountTable:
    month: date
    group_by: list[str]
    rows: list[CountRow]
    total: CountRow
    partner: Partner | None = None

    def views(self, *, exact: bool) -> tuple[list[dict], dict]:
        """Every row's and the total's numbers as the reader may see them: exact for
        organizers; otherwise 1 to 4 as "<5" and, so that none can be worked out from the
        others, more numbers as "x" (``fair.suppression``): in each row seeking + school-based
        training = lacking; each column adds up to the total line; grouped by two or more
        dimensions, the rows sharing all values but one add up to a count shown elsewhere.
        """
        everyone = [*self.rows, self.total]
        if exact:
            return [r.view(exact=True) for r in self.rows], self.total.view(exact=True)
        values = {
            (i, c): (r.counts[c] if c in COLUMNS else getattr(r, c))
            for i, r in enumerate(everyone)
            for c in NUMBERS
        }
        total = len(self.rows)
        lines = [
            Line([(i, "seeking"), (i, "school_training")], (i, "lacking")) for i in range(total + 1)
        ]
        lines += [Line([(i, c) for i in range(total)], (total, c)) for c in NUMBERS]
        if len(self.group_by) > 1:
            for drop in range(len(self.group_by)):
                groups: dict[tuple, list[int]] = defaultdict(list)
                for i, row in enumerate(self.rows):
                    groups[row.key[:drop] + row.key[drop + 1 :]].append(i)
                for members in groups.values():
                    lines += [Line([(i, c) for i in members]) for c in NUMBERS]
        safe = protect(values, lines)
        views = []
        for i, row in enumerate(everyone):
            view = {c: safe[(i, c)] for c in NUMBERS}
            hidden = any(isinstance(view[c], str) for c in ("lacking", "previous", "last_year"))
            view["change_month"] = None if hidden else row.counts["lacking"] - row.previous
            view["change_year"] = None if hidden else row.counts["lacking"] - row.last_year
            views.append(view)
        return views[:-1], views[-1]

    @property
    def previous_month(self) -> date:
        return month_shift(self.month, -1)

    @property
    def last_year_month(self) -> date:
        return month_shift(self.month, -12)


def _status_at(changes: list[tuple[str, date]], day: date) -> str | None:
    status = None
    for value, effective in changes:  # in date order
        if effective > day:
            break
        status = value
    return status


def register_counts(
    *, group_by: list[str], month: date | None = None, partner: Partner | None = None
) -> CountTable:
    """Counts of students lacking a placement grouped by the given dimensions, with trend.

    `partner` narrows to the students that partner reported (still counted once each).
    """
    group_by = [d for d in dict.fromkeys(group_by) if d in DIMENSIONS]
    month = (month or timezone.localdate()).replace(day=1)
    ends = {
        "now": month_end(month),
        "previous": month_end(month_shift(month, -1)),
        "last_year": month_end(month_shift(month, -12)),
    }
    people = MappedStudent.objects.filter(seeking_since__lte=ends["now"])
    if partner is not None:
        people = people.filter(contributions__partner=partner)
    ids = people.values("pk")
    base = {pk: (m, s) for pk, m, s in people.values_list("pk", "municipality_id", "school_id")}
    changes: dict[int, list] = defaultdict(list)
    history = StatusChange.objects.filter(person__in=ids, effective__lte=ends["now"])
    for pk, status, effective in history.order_by("effective", "recorded_at", "pk").values_list(
        "person_id", "status", "effective"
    ):
        changes[pk].append((status, effective))
    trades: dict[int, set] = defaultdict(set)
    programmes: dict[int, set] = defaultdict(set)
    if {"trade", "programme"} & set(group_by):
        through = MappedStudent.programmes.through.objects.filter(mappedstudent__in=ids)
        for pk, programme, area in through.values_list(
            "mappedstudent_id", "programme_id", "programme__main_area"
        ):
            trades[pk].add(area)
            programmes[pk].add(programme)
    partners: dict[int, set] = defaultdict(set)
    if "partner" in group_by:
        for pk, partner_id in Contribution.objects.filter(person__in=ids).values_list(
            "person_id", "partner_id"
        ):
            partners[pk].add(partner_id)
    rows: dict[tuple, CountRow] = {}
    total = CountRow(key=(), labels=[])
    for pk, (municipality, school) in base.items():
        status = {when: _status_at(changes[pk], day) for when, day in ends.items()}
        column = COLUMN_OF.get(status["now"])
        was = {when: status[when] in COLUMN_OF for when in ("previous", "last_year")}
        if column is None and not any(was.values()):
            continue
        values = {
            "trade": trades[pk] or {None},
            "programme": programmes[pk] or {None},
            "municipality": {municipality},
            "partner": partners[pk] or {None},
            "school": {school},
        }
        keys = itertools.product(*[[(d, v) for v in values[d]] for d in group_by])
        for target in [total, *(rows.setdefault(k, CountRow(k, [])) for k in keys)]:
            if column is not None:
                target.counts[column] += 1
                target.counts["lacking"] += 1
            target.previous += was["previous"]
            target.last_year += was["last_year"]
    _label(rows.values(), group_by)
    ordered = sorted(rows.values(), key=lambda r: (-r.counts["lacking"], r.labels))
    return CountTable(month=month, group_by=group_by, rows=ordered, total=total, partner=partner)


def _label(rows, group_by: list[str]) -> None:
    """Names for the ids in the rows' keys (one query per dimension used)."""
    names: dict[str, dict] = {"trade": {a.value: str(a.label) for a in MainArea}}
    used = {d: {v for r in rows for dim, v in r.key if dim == d} for d in group_by}
    models = {
        "programme": Programme,
        "municipality": Municipality,
        "partner": Partner,
        "school": School,
    }
    for dimension, model in models.items():
        if dimension in group_by:
            names[dimension] = {o.pk: str(o) for o in model.objects.filter(pk__in=used[dimension])}
    unknown = {
        "trade": _("No programme given"),
        "programme": _("No programme given"),
        "municipality": _("Municipality not known"),
        "partner": _("Fair sign-up"),
        "school": _("School not known"),
    }
    for row in rows:
        row.labels = [
            names[d].get(v, str(unknown[d])) if v is not None else str(unknown[d])
            for d, v in row.key
        ]
