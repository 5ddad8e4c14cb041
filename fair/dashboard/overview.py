"""What organizers see at a glance: who lacks a placement, in which trades, what the fair did.

A selector of the project layer: it reads every app, in a fixed number of queries.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from badges.door_selectors import checkin_counts
from badges.models import StandConversation
from booking.enums import ACTIVE_INTERVIEW, ACTIVE_STAND_BOOKING, InterviewStatus, Outcome
from booking.models import Interview, StandBooking
from fair.enums import ApprovalStatus, MainArea, PlacementStatus
from fair.models import CompanyProgramme, Fair, Programme, Student
from fair.selectors import current_approval_status


@dataclass
class TradeRow:
    """One programme: students seeking a placement in it against placements offered."""

    programme: Programme
    students: int = 0
    seeking: int = 0
    school_training: int = 0
    companies: int = 0  # companies approved to train in it
    placements: int = 0  # placements offered by approved companies only
    unapproved_placements: int = 0  # offered by companies not (yet) approved: not counted

    @property
    def lacking(self) -> int:
        return self.seeking + self.school_training

    @property
    def shortfall(self) -> int:
        return max(self.lacking - self.placements, 0)


@dataclass
class TradeGroup:
    """A trade group (main area): each student counted once, however many of its programmes."""

    area: str
    label: str
    students: int = 0
    seeking: int = 0
    school_training: int = 0
    programmes: list[TradeRow] = field(default_factory=list)

    @property
    def lacking(self) -> int:
        return self.seeking + self.school_training

    @property
    def companies(self) -> int:
        return sum(r.companies for r in self.programmes)

    @property
    def placements(self) -> int:
        return sum(r.placements for r in self.programmes)

    @property
    def unapproved_placements(self) -> int:
        return sum(r.unapproved_placements for r in self.programmes)

    @property
    def shortfall(self) -> int:
        return max(self.lacking - self.placements, 0)


@dataclass
class Overview:
    fair: Fair
    students: dict[str, int] = field(default_factory=dict)
    companies: dict[str, int] = field(default_factory=dict)
    trades: list[TradeRow] = field(default_factory=list)
    trade_groups: list[TradeGroup] = field(default_factory=list)
    interviews: dict[str, int] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)
    checkins: dict[str, int] = field(default_factory=dict)


def fair_overview(*, fair: Fair) -> Overview:
    """Counts for the organizers' overview page (a fixed number of queries, whatever the
    fair's size). Each student counts once per trade group; see docs/counting.md."""
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
    trades, groups, approved_companies = _trades(fair)
    companies = fair.companies.aggregate(total=Count("id", distinct=True))
    companies["approved"] = approved_companies
    companies["with_stand"] = StandBooking.objects.filter(
        fair=fair, status__in=ACTIVE_STAND_BOOKING
    ).count()
    return Overview(
        fair=fair,
        students=students,
        companies=companies,
        trades=trades,
        trade_groups=groups,
        interviews=_interviews(fair),
        outcomes=_outcomes(fair),
        checkins=checkin_counts(fair=fair),
    )


def _approved_offers(fair: Fair) -> list[tuple[int, int, int, bool]]:
    """(programme, company, placements, approved) of every offer at the fair.

    Approval comes from the organisation's latest approval statement for the programme
    (`fair.OrganisationApproval`); an offer with no statement falls back to what the company
    declared on the participation (`CompanyProgramme.approved`). Two queries.
    """
    offers = list(
        CompanyProgramme.objects.filter(company__fair=fair).values_list(
            "programme_id", "company_id", "company__organisation_id", "placements", "approved"
        )
    )
    current = current_approval_status({org for _p, _c, org, _n, _a in offers if org})
    result = []
    for programme, company, org, placements, declared in offers:
        status = current.get((org, programme))
        approved = declared if status is None else status == ApprovalStatus.APPROVED
        result.append((programme, company, placements or 0, approved))
    return result


def _trades(fair: Fair) -> tuple[list[TradeRow], list[TradeGroup], int]:
    """Demand per programme and per trade group, supply per programme (four queries).

    The sign-ups' programme links are read once as plain tuples and counted here: one pass
    gives both the programme rows and the trade groups (each student once per group), which
    is faster than two grouped joins and keeps the number of queries fixed.
    """
    programmes = Programme.objects.in_bulk()
    links = Student.programmes.through.objects.filter(student__fair=fair).values_list(
        "student_id", "programme_id", "student__placement_status"
    )
    rows: dict[int, TradeRow] = {}
    groups = {area: TradeGroup(area, str(label)) for area, label in MainArea.choices}
    column = {
        PlacementStatus.SEEKING: "seeking",
        PlacementStatus.SCHOOL_TRAINING: "school_training",
    }
    in_group: set[tuple[str, int]] = set()
    for student, programme_id, status in links:
        programme = programmes[programme_id]
        trade = rows.get(programme_id) or rows.setdefault(programme_id, TradeRow(programme))
        group = groups[programme.main_area]
        targets = [trade]
        if (programme.main_area, student) not in in_group:
            in_group.add((programme.main_area, student))
            targets.append(group)
        for target in targets:
            target.students += 1
            if status in column:
                setattr(target, column[status], getattr(target, column[status]) + 1)
    companies: dict[int, set] = {}
    for programme_id, company, placements, approved in _approved_offers(fair):
        trade = rows.get(programme_id) or rows.setdefault(
            programme_id, TradeRow(programmes[programme_id])
        )
        if approved:
            trade.placements += placements
            companies.setdefault(programme_id, set()).add(company)
        else:
            trade.unapproved_placements += placements
    for programme_id, ids in companies.items():
        rows[programme_id].companies = len(ids)
    trades = sorted(rows.values(), key=lambda r: (-r.lacking, -r.shortfall, r.programme.name_da))
    for trade in trades:
        groups[trade.programme.main_area].programmes.append(trade)
    shown = [g for g in groups.values() if g.programmes]
    shown.sort(key=lambda g: (-g.lacking, g.label))
    approved_companies = len({c for ids in companies.values() for c in ids})
    return trades, shown, approved_companies


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
