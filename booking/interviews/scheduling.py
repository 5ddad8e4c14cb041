"""The adapter between the database and the pure scheduler core, and publishing.

`instance_build` turns a fair into a `booking.scheduler.Instance` (ids "t<slot>", "c<company>",
"s<student>"); `interview_schedule_generate` solves it into a draft `ScheduleRun`;
`schedule_publish` books the draft's interviews. Every active interview that is still possible
is handed to the solver as `fixed`, so a re-run only fills around what people already have.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from booking import locks, notifications
from booking.enums import ACTIVE_INTERVIEW, EndedBy, InterviewSource, InterviewStatus
from booking.interviews.selectors import (
    ended_pairs_for,
    scheduling_settings_for,
    slot_within,
    stand_code_subquery,
    stand_tables_subquery,
)
from booking.interviews.slots import numbers_parse
from booking.models import Interest, Interview, ProposedInterview, ScheduleRun, Slot, Wish
from booking.scheduler import Company as CoreCompany
from booking.scheduler import Fixed, Instance, InvalidInstance, Result, solve
from booking.scheduler import Slot as CoreSlot
from booking.scheduler import Student as CoreStudent
from booking.scheduler import Wish as CoreWish
from booking.scheduler.fairness import with_fairness
from fair.exceptions import InvalidInput, NotAllowed, NotAvailable
from fair.models import Company, Fair, Student, User

# A self-booked pair that the student never wished still has to be kept: it gets this weight.
UNWISHED_WEIGHT = 1
UNPLACED_SHOWN = 200


def wish_weight(*, rank: int, mutual: bool, rank_weights: tuple[int, ...], mutual_bonus: int):
    """The value of a wish: the weight of its rank (the last one for lower ranks) plus the
    mutual-interest bonus when the company flagged the student too."""
    base = rank_weights[min(rank, len(rank_weights)) - 1]
    return base + (mutual_bonus if mutual else 0)


@dataclass
class Built:
    """A fair as a scheduler instance, with the maps back to database rows."""

    instance: Instance
    slots: dict[str, Slot]
    companies: dict[str, Company]
    students: dict[str, Student]
    ranks: dict[tuple[str, str], int | None]
    kept: dict[tuple[str, str], Interview] = field(default_factory=dict)
    dropped: list[Interview] = field(default_factory=list)


def _available(slots: list[Slot], window) -> frozenset[str] | None:
    if window is None:
        return None
    return frozenset(f"t{s.pk}" for s in slots if slot_within(s, window))


def instance_build(*, fair: Fair) -> Built:
    """The fair's scheduling problem: companies with an active stand booking, their tables and
    availability, the students' weighted wishes and the still possible interviews as fixed."""
    config = scheduling_settings_for(fair=fair)
    rank_weights = numbers_parse(config.rank_weights, field="rank_weights")
    bonus = numbers_parse(config.coverage_bonus, field="coverage_bonus", allow_empty=True)
    slots = list(Slot.objects.filter(fair=fair).order_by("start"))
    companies = {
        f"c{c.pk}": c
        for c in Company.objects.filter(fair=fair)
        .annotate(tables=stand_tables_subquery(), stand_code=stand_code_subquery())
        .select_related("availability")
        .order_by("pk")
        if c.tables
    }
    students = {
        f"s{s.pk}": s
        for s in Student.objects.filter(fair=fair).select_related("availability", "user")
    }
    flagged = set(
        Interest.objects.filter(company__fair=fair).values_list("student_id", "company_id")
    )
    declined = ended_pairs_for(fair=fair)
    weights: dict[tuple[str, str], float] = {}
    ranks: dict[tuple[str, str], int | None] = {}
    for student_id, company_id, rank in Wish.objects.filter(student__fair=fair).values_list(
        "student_id", "company_id", "rank"
    ):
        key = (f"s{student_id}", f"c{company_id}")
        # A pair that the student or the company called off is not proposed again.
        if key[1] not in companies or (student_id, company_id) in declined:
            continue
        ranks[key] = rank
        weights[key] = wish_weight(
            rank=rank,
            mutual=(student_id, company_id) in flagged,
            rank_weights=rank_weights,
            mutual_bonus=config.mutual_bonus,
        )
    available_c = {
        k: _available(slots, getattr(c, "availability", None)) for k, c in companies.items()
    }
    available_s = {
        k: _available(slots, getattr(s, "availability", None)) for k, s in students.items()
    }
    built = Built(None, {f"t{s.pk}": s for s in slots}, companies, students, ranks)
    fixed: list[Fixed] = []
    per_table: Counter[tuple[str, str]] = Counter()
    per_student: Counter[str] = Counter()
    active = Interview.objects.filter(fair=fair, status__in=ACTIVE_INTERVIEW).order_by(
        "slot__start", "created_at", "pk"
    )
    for interview in active:
        s, c, t = f"s{interview.student_id}", f"c{interview.company_id}", f"t{interview.slot_id}"
        possible = (
            c in companies
            and t in built.slots
            and (available_c[c] is None or t in available_c[c])
            and (available_s[s] is None or t in available_s[s])
            and per_table[c, t] < companies[c].tables
        )
        if not possible:
            built.dropped.append(interview)
            continue
        per_table[c, t] += 1
        per_student[s] += 1
        built.kept[s, c] = interview
        fixed.append(Fixed(s, c, t))
        if (s, c) not in weights:
            weights[s, c] = UNWISHED_WEIGHT
            ranks[s, c] = None
    built.instance = Instance(
        slots=tuple(CoreSlot(f"t{s.pk}", s.start, s.end) for s in slots),
        companies=tuple(CoreCompany(k, c.tables, available_c[k]) for k, c in companies.items()),
        students=tuple(
            CoreStudent(k, max(fair.max_interviews_per_student, per_student[k]), available_s[k])
            for k in students
        ),
        wishes=tuple(CoreWish(s, c, w) for (s, c), w in sorted(weights.items())),
        fixed=tuple(fixed),
        coverage_bonus=tuple(float(b) for b in bonus),
    )
    if config.fairness:
        built.instance = with_fairness(built.instance)
    return built


def _tables(built: Built, result: Result) -> dict[tuple[str, str], int]:
    """Tables per meeting: a kept interview keeps its table; the others take the free ones."""
    groups = defaultdict(list)
    for m in result.meetings:
        groups[m.company, m.slot].append(m)
    tables = {}
    for (c, t), meetings in groups.items():
        capacity = built.companies[c].tables
        taken: set[int] = set()
        rest = []
        for m in meetings:
            kept = built.kept.get((m.student, m.company))
            if kept is not None and f"t{kept.slot_id}" == t and kept.table <= capacity:
                if kept.table not in taken:
                    taken.add(kept.table)
                    tables[m.student, m.company] = kept.table
                    continue
            rest.append(m)
        free = (n for n in range(1, capacity + 1) if n not in taken)
        for m in sorted(rest, key=lambda m: m.student):
            tables[m.student, m.company] = next(free)
    return tables


def _stats(built: Built, result: Result, fair: Fair) -> dict:
    meetings = {(m.student, m.company) for m in result.meetings}
    by_rank: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for key, rank in built.ranks.items():
        if rank is not None:
            by_rank[rank][0] += 1
            by_rank[rank][1] += key in meetings
    count = Counter(m.student for m in result.meetings)
    wishers = {s for s, _c in built.ranks}
    top = fair.max_interviews_per_student
    per_count = Counter(min(count[s], top) for s in wishers)
    load = Counter(m.company for m in result.meetings)
    wished = Counter(c for _s, c in built.ranks)
    n_slots = {
        k: len(a) if a is not None else len(built.slots)
        for k, a in ((c.id, c.available) for c in built.instance.companies)
    }
    unplaced = sorted(
        result.unplaced, key=lambda u: (built.ranks.get((u.student, u.company)) or 99, u.student)
    )
    return {
        "gap": result.gap,
        "gap_percent": round(result.gap * 100, 3),
        "method": result.stats.get("method", ""),
        "seconds": result.stats.get("seconds", 0),
        "wishes": sum(v[0] for v in by_rank.values()),
        "served": sum(v[1] for v in by_rank.values()),
        "kept": len(built.kept),
        "dropped": len(built.dropped),
        "by_rank": [
            {"rank": r, "wishes": v[0], "served": v[1]} for r, v in sorted(by_rank.items())
        ],
        "students_by_count": [{"count": n, "students": per_count[n]} for n in range(top + 1)],
        "students_with_wishes": len(wishers),
        "companies": sorted(
            (
                {
                    "name": built.companies[k].name,
                    "stand": built.companies[k].stand_code,
                    "wished": wished[k],
                    "meetings": load[k],
                    "capacity": built.companies[k].tables * n_slots[k],
                }
                for k in built.companies
            ),
            key=lambda row: (row["name"], row["stand"] or ""),
        ),
        "unplaced_total": len(result.unplaced),
        "unplaced_by_reason": dict(sorted(Counter(u.reason for u in result.unplaced).items())),
        "unplaced": [
            {
                "student": built.students[u.student].user.name,
                "company": built.companies[u.company].name,
                "rank": built.ranks.get((u.student, u.company)),
                "reason": u.reason,
            }
            for u in unplaced[:UNPLACED_SHOWN]
        ],
    }


@transaction.atomic
def interview_schedule_generate(
    *, fair: Fair, user: User | None = None, time_limit: float | None = 30
) -> ScheduleRun:
    """Solve the fair's schedule and store it as a draft run (older drafts are replaced)."""
    built = instance_build(fair=fair)
    if not built.slots or not built.companies:
        raise NotAvailable(
            _(
                "The fair has no interview times or no company with interview tables. "
                "Generate the slots and check the stand bookings first."
            ),
            code="nothing_to_schedule",
        )
    try:
        result = solve(built.instance, time_limit=time_limit, seed=0)
    except InvalidInstance as exc:
        raise InvalidInput(
            {
                "rank_weights": [
                    _("The scheduler cannot use these settings: %(error)s") % {"error": exc}
                ]
            }
        ) from None
    tables = _tables(built, result)
    ScheduleRun.objects.filter(fair=fair, published_at__isnull=True).delete()
    run = ScheduleRun.objects.create(
        fair=fair,
        created_by=user,
        score=result.score,
        bound=result.bound,
        stats=_stats(built, result, fair),
    )
    weight = {(w.student, w.company): w.weight for w in built.instance.wishes}
    ProposedInterview.objects.bulk_create(
        ProposedInterview(
            run=run,
            slot=built.slots[m.slot],
            student=built.students[m.student],
            company=built.companies[m.company],
            table=tables[m.student, m.company],
            weight=weight[m.student, m.company],
        )
        for m in result.meetings
    )
    return run


@dataclass(frozen=True)
class Published:
    booked: list[int]
    moved: list[int]
    cancelled: list[int]


@transaction.atomic
def schedule_publish(*, run: ScheduleRun, user: User | None = None) -> Published:
    """Book the run's interviews: keep the ones people have, move or cancel those no longer
    possible, book the new ones, and send invites after commit. Only the latest run counts.

    Locks: the fair row (level 1), then every company row of the fair (level 2, ids
    ascending), so no booking or cancel of the fair runs in between; then it writes
    interviews (level 4).
    """
    fair = locks.fair_lock(fair_id=run.fair_id)
    locks.companies_lock(company_ids=Company.objects.filter(fair=fair).values_list("pk", flat=True))
    latest = ScheduleRun.objects.filter(fair=fair).order_by("-created_at", "-pk").first()
    if latest is None or latest.pk != run.pk or latest.published_at is not None:
        raise NotAllowed(
            _("Only the latest draft can be published. Run the scheduler again."),
            code="stale_run",
        )
    # The run decided on the interviews as they were when it was made: a draft older than a
    # booking, a cancellation or a move would undo it, so it has to be made again.
    changed_since = Interview.objects.filter(fair=fair).filter(
        Q(created_at__gt=latest.created_at) | Q(updated_at__gt=latest.created_at)
    )
    if changed_since.exists():
        raise NotAvailable(
            _(
                "The interview schedule has changed since this run was made. "
                "Run the scheduler again."
            ),
            code="schedule_changed",
        )
    current = {
        (i.student_id, i.company_id): i
        for i in Interview.objects.filter(fair=fair, status__in=ACTIVE_INTERVIEW)
    }
    proposals = list(run.proposals.all())
    wanted = {(p.student_id, p.company_id) for p in proposals}
    cancelled = [i for key, i in current.items() if key not in wanted]
    moved, new = [], []
    for p in proposals:
        existing = current.get((p.student_id, p.company_id))
        if existing is None:
            new.append(p)
        elif (existing.slot_id, existing.table) != (p.slot_id, p.table):
            moved.append((existing, p))
    try:
        with transaction.atomic():
            # Step aside first, so that two interviews that swap places never collide.
            ids = [i.pk for i in cancelled] + [i.pk for i, _p in moved]
            Interview.objects.filter(pk__in=ids).update(status=InterviewStatus.CANCELLED)
            for interview in cancelled:
                interview.status = InterviewStatus.CANCELLED
                interview.ended_by = EndedBy.SCHEDULER
                interview.sequence += 1
                interview.save(update_fields=["status", "ended_by", "sequence", "updated_at"])
            for interview, p in moved:
                interview.slot_id, interview.table = p.slot_id, p.table
                interview.status = InterviewStatus.BOOKED
                interview.sequence += 1
                interview.save(update_fields=["slot", "table", "status", "sequence", "updated_at"])
            created = Interview.objects.bulk_create(
                Interview(
                    fair=fair,
                    slot_id=p.slot_id,
                    student_id=p.student_id,
                    company_id=p.company_id,
                    table=p.table,
                    source=InterviewSource.SCHEDULER,
                )
                for p in new
            )
    except IntegrityError:
        raise NotAvailable(
            _("Interviews changed since this run. Run the scheduler again."),
            code="schedule_changed",
        ) from None
    run.published_at = timezone.now()
    run.save(update_fields=["published_at"])
    done = Published(
        booked=[i.pk for i in created],
        moved=[i.pk for i, _p in moved],
        cancelled=[i.pk for i in cancelled],
    )
    # The invites go into the outbox in this transaction (one e-mail per person with every
    # change of theirs) and are sent after commit: a process killed after the commit loses none.
    notifications.publish_invites_write(fair=fair, run=run)
    return done
