"""What organizers see at a glance: who lacks a placement, in which trades, what the fair did.

A selector of the project layer: it reads every app, in a fixed number of queries.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from badges.models import StandConversation
from badges.selectors import checkin_counts
from booking.enums import ACTIVE_INTERVIEW, ACTIVE_STAND_BOOKING, InterviewStatus, Outcome
from booking.models import Interview, StandBooking
from fair.enums import PlacementStatus
from fair.models import CompanyProgramme, Fair, Programme, Student


@dataclass
class TradeRow:
    """One programme: students seeking a placement in it against placements offered."""

    programme: Programme
    students: int = 0
    seeking: int = 0
    companies: int = 0
    placements: int = 0

    @property
    def shortfall(self) -> int:
        return max(self.seeking - self.placements, 0)


@dataclass
class Overview:
    fair: Fair
    students: dict[str, int] = field(default_factory=dict)
    companies: dict[str, int] = field(default_factory=dict)
    trades: list[TradeRow] = field(default_factory=list)
    interviews: dict[str, int] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)
    checkins: dict[str, int] = field(default_factory=dict)


def fair_overview(*, fair: Fair) -> Overview:
    """Counts for the organizers' overview page (ten queries, whatever the fair's size)."""
    students = Student.objects.filter(fair=fair).aggregate(
        total=Count("id"),
        seeking=Count("id", filter=Q(placement_status=PlacementStatus.SEEKING)),
        school_training=Count("id", filter=Q(placement_status=PlacementStatus.SCHOOL_TRAINING)),
        has_placement=Count("id", filter=Q(placement_status=PlacementStatus.HAS_PLACEMENT)),
        consented=Count("id", filter=Q(consent_profile=True)),
    )
    students["with_interview"] = (
        Interview.objects.filter(fair=fair, status__in=ACTIVE_INTERVIEW)
        .values("student")
        .distinct()
        .count()
    )
    companies = fair.companies.aggregate(
        total=Count("id", distinct=True),
        approved=Count("id", filter=Q(offers__approved=True), distinct=True),
    )
    companies["with_stand"] = StandBooking.objects.filter(
        fair=fair, status__in=ACTIVE_STAND_BOOKING
    ).count()
    return Overview(
        fair=fair,
        students=students,
        companies=companies,
        trades=_trades(fair),
        interviews=_interviews(fair),
        outcomes=_outcomes(fair),
        checkins=checkin_counts(fair=fair),
    )


def _trades(fair: Fair) -> list[TradeRow]:
    # Two grouped queries, not one join: joining students and offers would multiply the counts.
    rows: dict[int, TradeRow] = {}
    seeking = Q(students__placement_status=PlacementStatus.SEEKING)
    demand = (
        Programme.objects.filter(students__fair=fair)
        .annotate(n=Count("students"), seeking=Count("students", filter=seeking))
        .order_by()
    )
    for programme in demand:
        rows[programme.pk] = TradeRow(programme, students=programme.n, seeking=programme.seeking)
    supply = (
        CompanyProgramme.objects.filter(company__fair=fair)
        .values("programme")
        .annotate(companies=Count("company"), placements=Sum("placements"))
        .order_by()
    )
    supply = list(supply)
    missing = [row["programme"] for row in supply if row["programme"] not in rows]
    for programme in Programme.objects.filter(pk__in=missing):
        rows[programme.pk] = TradeRow(programme)
    for row in supply:
        trade = rows[row["programme"]]
        trade.companies, trade.placements = row["companies"], row["placements"] or 0
    return sorted(rows.values(), key=lambda r: (-r.seeking, -r.shortfall, r.programme.name_da))


def _interviews(fair: Fair) -> dict[str, int]:
    counts = {status: 0 for status in InterviewStatus.values}
    rows = Interview.objects.filter(fair=fair).values("status").annotate(n=Count("id")).order_by()
    for row in rows:
        counts[row["status"]] = row["n"]
    return counts


def _outcomes(fair: Fair) -> dict[str, int]:
    """Outcomes recorded after interviews and walk-up conversations at the stands."""
    counts = {outcome: 0 for outcome in Outcome.values if outcome != Outcome.NONE}
    for model in (Interview, StandConversation):
        rows = (
            model.objects.filter(fair=fair)
            .exclude(outcome=Outcome.NONE)
            .values("outcome")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in rows:
            counts[row["outcome"]] += row["n"]
    return counts
