"""Where a student's chances of a training placement are good: per programme, the
placements offered against the students seeking, at the fair and in the region.

The rules, stated on the page too:
- placements at the fair: offered for the programme by companies approved for it that
  signed up for the current public fair;
- placements in the region: for every company whose latest approval for the programme is
  "approved", the placements it offered at its latest fair (companies without an offer are
  not counted, as we do not know how many they have);
- seeking at the fair: students signed up for the fair who seek a placement in the programme;
- seeking in the region: students lacking a placement in the mapping register (seeking or in
  school-based training), counted once per programme (``partners.counting``);
- "good chances": at least 5 placements and at least one and a half times as many
  placements as students seeking; "many compete": fewer placements than students seeking;
  anything between is "some chances". Judged on the larger of the fair and region numbers.
- counts from 1 to 4 are shown as "under 5"; counts of students seeking also follow the
  secondary rule (``fair.suppression``): a column of students seeking, and its programmes
  of one trade group, add up to a total shown elsewhere (the trends dashboard), so where
  one holds exactly one hidden count, its smallest other count is "not shown" too.
  Placements offered are not people (each company shows its own in the exhibitor list) and
  follow only the first rule. The judgement uses the exact numbers.
"""

from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from fair.dashboard.charts import Series, bar_chart
from fair.enums import ApprovalStatus, PlacementStatus
from fair.models import CompanyProgramme, Fair, Programme, Student
from fair.selectors import current_approval_status, fair_current
from fair.suppression import HIDDEN, SUPPRESS_BELOW, SUPPRESSED, Line, protect

GOOD, SOME, FEW = "good", "some", "few"
GOOD_RATIO = 1.5
GOOD_MINIMUM = 5
NUMBERS = ("fair_placements", "fair_seeking", "region_placements", "region_seeking")
PEOPLE = ("fair_seeking", "region_seeking")


@dataclass
class Chance:
    programme: Programme
    fair_placements: int = 0
    fair_seeking: int = 0
    region_placements: int = 0
    region_seeking: int | None = None  # None: the mapping register is not there

    @property
    def placements(self) -> int:
        return max(self.fair_placements, self.region_placements)

    @property
    def seeking(self) -> int:
        return max(self.fair_seeking, self.region_seeking or 0)

    @property
    def verdict(self) -> str:
        if self.placements >= GOOD_MINIMUM and self.placements >= GOOD_RATIO * self.seeking:
            return GOOD
        if self.placements < self.seeking:
            return FEW
        return SOME

    def chart(self, fair: Fair | None, numbers: dict):
        """The chart of the numbers as shown (``shown_numbers``)."""
        categories = [_("At the fair")] if fair else []
        placements = [numbers["fair_placements"]] if fair else []
        seeking = [numbers["fair_seeking"]] if fair else []
        categories.append(_("In the region"))
        placements.append(numbers["region_placements"])
        seeking.append(numbers["region_seeking"])
        plot = [placements, seeking]  # a hidden number is drawn as its words, with no bar
        return bar_chart(
            title=_("%(programme)s: placements offered and students seeking")
            % {"programme": self.programme.name},
            categories=categories,
            suppressed=_("under %(n)d") % {"n": SUPPRESS_BELOW},
            series=[
                Series(_("Placements offered"), plot[0]),
                Series(_("Students seeking"), plot[1]),
            ],
        )


def shown_numbers(chances: list[Chance]) -> dict[int, dict]:
    """Per programme, the numbers as the public may see them: 1 to 4 as "under 5" and, so
    that none of the students' counts can be worked out from a total, the smallest other
    count of a column (or of its trade group) as "not shown" (``fair.suppression``). Give
    every programme of the page, not only the ones shown after a filter, so that a filter
    shows the same numbers."""
    values = {(c.programme.pk, k): getattr(c, k) for c in chances for k in NUMBERS}
    lines = []
    areas: dict[str, list[int]] = {}
    for c in chances:
        areas.setdefault(c.programme.main_area, []).append(c.programme.pk)
    for k in PEOPLE:
        lines.append(Line([(c.programme.pk, k) for c in chances]))
        lines += [Line([(pk, k) for pk in pks]) for pks in areas.values()]
    safe = protect(values, lines)
    words = {SUPPRESSED: _("under %(n)d") % {"n": SUPPRESS_BELOW}, HIDDEN: _("not shown")}
    out: dict[int, dict] = {}
    for c in chances:
        shown = {k: safe[(c.programme.pk, k)] for k in NUMBERS}
        out[c.programme.pk] = {k: words[v] if isinstance(v, str) else v for k, v in shown.items()}
    return out


def _region_placements() -> dict[int, int]:
    latest: dict[tuple[int, int], int] = {}
    rows = (
        CompanyProgramme.objects.filter(company__organisation__isnull=False)
        .order_by("company__fair__date", "pk")
        .values_list("company__organisation_id", "programme_id", "placements")
    )
    for organisation, programme, placements in rows:
        latest[(organisation, programme)] = placements
    status = current_approval_status({org for org, _p in latest})
    totals: dict[int, int] = {}
    for key, placements in latest.items():
        if status.get(key) == ApprovalStatus.APPROVED:
            totals[key[1]] = totals.get(key[1], 0) + placements
    return totals


def _region_seeking() -> dict[int, int] | None:
    try:
        from partners.counting import register_counts
    except ImportError:  # the mapping register is not installed (yet)
        return None
    table = register_counts(group_by=["programme"])
    return {row.key[0][1]: row.counts["lacking"] for row in table.rows if row.key[0][1]}


def chances_list() -> tuple[Fair | None, list[Chance]]:
    """The current public fair and each programme with placements or seekers, best first."""
    fair = fair_current()
    rows: dict[int, Chance] = {}
    programmes = {p.pk: p for p in Programme.objects.all()}

    def row(pk: int) -> Chance:
        return rows.setdefault(pk, Chance(programmes[pk]))

    if fair is not None:
        offered = (
            CompanyProgramme.objects.filter(company__fair=fair, approved=True)
            .values("programme")
            .annotate(n=Sum("placements"))
            .order_by()
        )
        for r in offered:
            row(r["programme"]).fair_placements = r["n"] or 0
        seeking = (
            Student.objects.filter(fair=fair, placement_status=PlacementStatus.SEEKING)
            .values("programmes")
            .annotate(n=Count("id", distinct=True))
            .order_by()
        )
        for r in seeking:
            if r["programmes"]:
                row(r["programmes"]).fair_seeking = r["n"]
    for pk, n in _region_placements().items():
        row(pk).region_placements = n
    region = _region_seeking()
    if region is not None:
        for pk, n in region.items():
            if pk in programmes:
                row(pk).region_seeking = n
        for chance in rows.values():
            chance.region_seeking = region.get(chance.programme.pk, 0)
    chances = [c for c in rows.values() if c.placements or c.seeking]
    order = {GOOD: 0, SOME: 1, FEW: 2}
    chances.sort(key=lambda c: (order[c.verdict], c.programme.name))
    return fair, chances
