"""Read operations of wishes, interest, slots, schedule runs and interviews (no N+1)."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from booking.enums import ACTIVE_INTERVIEW, ACTIVE_STAND_BOOKING, ENDED_BY_PERSON
from booking.models import (
    Availability,
    FairSchedulingSettings,
    Interest,
    Interview,
    ScheduleRun,
    Slot,
    StandBooking,
    Wish,
)
from fair.models import Company, CompanyProgramme, Fair, Student
from fair.phases import fair_over
from fair.rules import student_profiles_visible_to


def scheduling_settings_for(*, fair: Fair) -> FairSchedulingSettings:
    """The fair's scheduling settings (unsaved defaults when the organizer set none)."""
    found = FairSchedulingSettings.objects.filter(fair=fair).first()
    return found or FairSchedulingSettings(fair=fair)


def ended_pairs_for(*, fair: Fair) -> set[tuple[int, int]]:
    """(student id, company id) of the interviews that the student, the company or an
    organizer cancelled (or marked as a no-show): the scheduler never proposes them again."""
    return set(
        Interview.objects.filter(fair=fair, ended_by__in=ENDED_BY_PERSON).values_list(
            "student_id", "company_id"
        )
    )


def stand_code_subquery(company_ref="pk") -> Subquery:
    active = StandBooking.objects.filter(
        company=OuterRef(company_ref), status__in=ACTIVE_STAND_BOOKING
    ).order_by("-created_at")
    return Subquery(active.values("stand__code")[:1])


def stand_tables_subquery(company_ref="pk") -> Subquery:
    active = StandBooking.objects.filter(
        company=OuterRef(company_ref), status__in=ACTIVE_STAND_BOOKING
    ).order_by("-created_at")
    return Subquery(active.values("tables")[:1])


def company_tables(*, company: Company) -> int:
    """Interview tables of the company's active stand booking (0 without a stand)."""
    booking = (
        StandBooking.objects.filter(company=company, status__in=ACTIVE_STAND_BOOKING)
        .order_by("-created_at")
        .values_list("tables", flat=True)
        .first()
    )
    return booking or 0


def exhibitors_for_wishes(
    *,
    fair: Fair,
    programme: str | None = None,
    q: str | None = None,
    student: Student | None = None,
) -> QuerySet[Company]:
    """The fair's exhibitors (companies with an active stand booking) to wish for, filtered
    by programme code and name, and with `student` to those training in one of the
    student's programmes or not saying which (two queries)."""
    offers = CompanyProgramme.objects.select_related("programme").order_by("programme__name_da")
    stand = StandBooking.objects.filter(company=OuterRef("pk"), status__in=ACTIVE_STAND_BOOKING)
    companies = Company.objects.filter(fair=fair).filter(Exists(stand))
    if student is not None:
        mine = CompanyProgramme.objects.filter(
            company=OuterRef("pk"), programme__in=student.programmes.values("pk")
        )
        any_offer = CompanyProgramme.objects.filter(company=OuterRef("pk"))
        companies = companies.filter(Exists(mine) | ~Exists(any_offer))
    if programme:
        companies = companies.filter(offers__programme__code=programme)
    if q:
        companies = companies.filter(name__icontains=q.strip())
    return (
        companies.annotate(stand_code=stand_code_subquery())
        .order_by("name")
        .distinct()
        .prefetch_related(Prefetch("offers", queryset=offers))
    )


def wish_list_for(*, student: Student) -> list[Wish]:
    """The student's wishes by rank, with each company and its stand (one query)."""
    return list(
        Wish.objects.filter(student=student)
        .select_related("company")
        .annotate(stand_code=stand_code_subquery("company_id"))
        .order_by("rank")
    )


def interested_students_for(*, company: Company) -> list[Wish]:
    """Wishes for the company by students who consented, flagged or not (two queries).

    Never lists students who did not consent to show their profile.
    """
    flagged = Interest.objects.filter(company=company, student=OuterRef("student_id"))
    return list(
        student_profiles_visible_to(company)
        .select_related("student__user", "student__school")
        .prefetch_related("student__programmes")
        .annotate(flagged=Exists(flagged))
        .order_by("student__user__name", "student_id")
    )


def availability_for(*, student: Student | None = None, company: Company | None = None):
    """The person's or company's stated availability, or None (available all day)."""
    if student is not None:
        return Availability.objects.filter(student=student).first()
    return Availability.objects.filter(company=company).first()


def slot_list(*, fair: Fair) -> list[Slot]:
    return list(Slot.objects.filter(fair=fair).order_by("start"))


def _schedule_qs() -> QuerySet[Interview]:
    return (
        Interview.objects.filter(status__in=ACTIVE_INTERVIEW)
        .select_related("slot", "company", "student__user", "fair")
        .annotate(stand_code=stand_code_subquery("company_id"))
        .order_by("slot__start", "table", "pk")
    )


def schedule_for(*, student: Student | None = None, company: Company | None = None) -> list:
    """Active interviews of a student or a company in time order, with stand codes (one query)."""
    qs = _schedule_qs()
    qs = qs.filter(student=student) if student is not None else qs.filter(company=company)
    return list(qs)


def interviews_for_user(*, user) -> list[Interview]:
    """Active interviews of every student profile and company the user has, in time order."""
    return list(_schedule_qs().filter(Q(student__user=user) | Q(company__users=user)).distinct())


def interview_get(*, fair: Fair, pk: int) -> Interview | None:
    return (
        Interview.objects.filter(fair=fair, pk=pk)
        .select_related("slot", "company", "student__user", "fair")
        .first()
    )


def schedule_run_latest(*, fair: Fair) -> ScheduleRun | None:
    return ScheduleRun.objects.filter(fair=fair).order_by("-created_at", "-pk").first()


def schedule_is_published(*, fair: Fair) -> bool:
    return ScheduleRun.objects.filter(fair=fair, published_at__isnull=False).exists()


def self_booking_open(*, fair: Fair, now: datetime | None = None) -> bool:
    """After a schedule was published and until the fair's doors close."""
    return not fair_over(fair, now) and schedule_is_published(fair=fair)


@dataclass(frozen=True)
class FreeSlot:
    slot: Slot
    free_tables: int


def free_slots_for(
    *, company: Company, student: Student | None = None, now: datetime | None = None
) -> list[FreeSlot]:
    """Slots not yet begun in which the company has a free table, within its availability
    and, given a student, within the student's (two queries, three with a student)."""
    company = (
        Company.objects.filter(pk=company.pk)
        .annotate(tables=stand_tables_subquery())
        .select_related("availability")
        .first()
    )
    tables = company.tables or 0
    if tables == 0:
        return []
    window = getattr(company, "availability", None)
    own = availability_for(student=student) if student is not None else None
    used = Counter(
        Interview.objects.filter(company=company, status__in=ACTIVE_INTERVIEW).values_list(
            "slot_id", flat=True
        )
    )
    free = []
    upcoming = Slot.objects.filter(fair_id=company.fair_id, start__gt=now or timezone.now())
    for slot in upcoming.order_by("start"):
        if not (slot_within(slot, window) and slot_within(slot, own)):
            continue
        if tables - used[slot.pk] > 0:
            free.append(FreeSlot(slot, tables - used[slot.pk]))
    return free


def _within(slot: Slot, window: Availability) -> bool:
    local_start = timezone.localtime(slot.start).time()
    local_end = timezone.localtime(slot.end).time()
    return window.available_from <= local_start and local_end <= window.available_until


def slot_within(slot: Slot, window: Availability | None) -> bool:
    """Whether the slot lies inside the availability window (always, without one)."""
    return window is None or _within(slot, window)


def students_to_offer_freed_slot(*, company: Company) -> list[Student]:
    """Students who wished the company and have no active interview with it."""
    meets = Interview.objects.filter(
        company=company, student=OuterRef("student_id"), status__in=ACTIVE_INTERVIEW
    )
    wishes = Wish.objects.filter(company=company).exclude(Exists(meets))
    return list(
        Student.objects.filter(pk__in=wishes.values("student_id"))
        .select_related("user", "fair")
        .order_by("pk")
    )
