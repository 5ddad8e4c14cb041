"""Writing outcomes: one service appends a row and updates the student's placement status."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from booking import locks
from fair.enums import PlacementStatus
from fair.exceptions import InvalidInput, NotFound
from fair.models import Company, Student, User
from outcomes.enums import DATED_KINDS, OutcomeKind, OutcomeSource, ReporterRole
from outcomes.models import Outcome

# The stand's quick mark (badges' Outcome choices) as an outcome kind; "follow_up" is an
# intention to talk again, not a result, so it records nothing here.
STAND_MARKS = {
    "none": OutcomeKind.NOTHING,
    "trial": OutcomeKind.TRIAL_DAYS,
    "contract": OutcomeKind.TRAINING_AGREEMENT,
}


def _check(
    *, kind: str, start_date: date | None, end_date: date | None, note: str, require_dates: bool
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if kind not in OutcomeKind.values:
        errors["kind"] = [str(_("Choose nothing, trial days or a training agreement."))]
        return errors
    if kind == OutcomeKind.NOTHING and (start_date or end_date):
        errors["start_date"] = [str(_("Leave the dates empty when nothing came of it."))]
    if kind in DATED_KINDS and require_dates and start_date is None:
        errors["start_date"] = [str(_("Enter the date it starts."))]
    if start_date and end_date and end_date < start_date:
        errors["end_date"] = [str(_("The end date must not be before the start date."))]
    if len(note) > 1000:
        errors["note"] = [str(_("Enter at most 1000 characters."))]
    return errors


@transaction.atomic
def record_outcome(
    *,
    student: Student,
    company: Company,
    kind: str,
    reported_by: User | None,
    reporter_role: str,
    source: str,
    start_date: date | None = None,
    end_date: date | None = None,
    note: str = "",
    require_dates: bool = True,
    at: datetime | None = None,
) -> Outcome:
    """Append what came of a student's meeting with a company; never changes an earlier row.

    Raises InvalidInput (422) on bad input. A report equal to the current one (same kind,
    dates, note and reporter) adds no row: a double click or a second click on an e-mail
    link is one report. A training agreement sets the student's placement status. `at` backdates
    the report (demo data and imports only).

    Locks: the student row (level 5, `booking.locks.student_lock`), so reports about one
    student are written one after the other; then the student's register row (partners'
    MappedStudent) when the outcome reaches the register. Callers may hold company (level 2)
    or interview (level 4) locks, never a badge lock (level 6).
    """
    note = (note or "").strip()
    errors = _check(
        kind=kind, start_date=start_date, end_date=end_date, note=note, require_dates=require_dates
    )
    if student.fair_id != company.fair_id:
        errors.setdefault("company", []).append(str(_("The company is not at this fair.")))
    if reporter_role not in ReporterRole.values:
        errors.setdefault("reporter_role", []).append(str(_("Unknown role.")))
    if errors:
        raise InvalidInput(errors)
    locks.student_lock(student_id=student.pk)
    current = outcome_current(student=student, company=company)
    if (
        current is not None
        and current.kind == kind
        and current.start_date == start_date
        and current.end_date == end_date
        and current.note == note
        and current.reported_by_id == (reported_by.pk if reported_by else None)
    ):
        return current
    outcome = Outcome.objects.create(
        fair_id=student.fair_id,
        student=student,
        company=company,
        interview=_interview_of(student, company),
        conversation=_conversation_of(student, company),
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        reported_by=reported_by,
        reporter_role=reporter_role,
        source=source,
        note=note,
        recorded_at=at or timezone.now(),
    )
    if kind == OutcomeKind.TRAINING_AGREEMENT:
        placement_from_outcome(outcome=outcome)
    elif kind == OutcomeKind.TRIAL_DAYS:
        register_from_outcome(outcome=outcome)
    return outcome


def outcome_current(*, student: Student, company: Company) -> Outcome | None:
    """The latest report of the meeting, or None."""
    return (
        Outcome.objects.filter(student=student, company=company)
        .order_by("-recorded_at", "-pk")
        .first()
    )


def _interview_of(student: Student, company: Company):
    from booking.enums import ACTIVE_INTERVIEW
    from booking.models import Interview

    rows = Interview.objects.filter(student=student, company=company)
    # The active interview if there is one, else the latest (a no-show can still lead somewhere).
    active = rows.filter(status__in=ACTIVE_INTERVIEW).first()
    return active or rows.order_by("-created_at", "-pk").first()


def _conversation_of(student: Student, company: Company):
    from badges.models import StandConversation

    return StandConversation.objects.filter(student=student, company=company).first()


def placement_from_outcome(*, outcome: Outcome) -> None:
    """A training agreement: the student has a placement (at the fair and in the register).

    Caller holds the lock on the student row (level 5; record_outcome does). Locks: the
    student's register row (through register_from_outcome).
    """
    Student.objects.filter(pk=outcome.student_id).update(
        placement_status=PlacementStatus.HAS_PLACEMENT
    )
    register_from_outcome(outcome=outcome)


def register_from_outcome(*, outcome: Outcome) -> None:
    """Append the outcome to the student's status history in the partners' mapping register.

    A training agreement always; trial days only for someone still seeking (never a step
    back). Effective from the start date, but not in the future nor before the person began
    seeking (the register's rules). Students not in the register are left alone.

    Locks: the student's register row (partners' MappedStudent). Caller holds the student row
    (level 5; record_outcome does), which comes first.
    """
    from fair.rules import partner_of
    from partners.enums import RegisterStatus
    from partners.models import MappedStudent
    from partners.services import register_status_change

    person = MappedStudent.objects.select_for_update().filter(student=outcome.student_id).first()
    if person is None:
        return
    if outcome.kind == OutcomeKind.TRAINING_AGREEMENT:
        status = RegisterStatus.TRAINING_AGREEMENT
    elif outcome.kind == OutcomeKind.TRIAL_DAYS and person.status == RegisterStatus.SEEKING:
        status = RegisterStatus.TRIAL_DAYS
    else:
        return
    if person.status == status:
        return
    today = timezone.localdate()
    effective = max(person.seeking_since, min(outcome.start_date or today, today))
    reporter = outcome.reported_by
    register_status_change(
        person=person,
        status=status,
        effective=effective,
        user=reporter,
        partner=partner_of(reporter) if reporter is not None else None,
    )


def outcome_from_stand_mark(
    *, company: Company, kind: str, pk: int, mark: str, by: User | None = None
) -> Outcome | None:
    """The company's quick mark at its stand, also kept in the history (no dates asked).

    Locks: as record_outcome (the student row, level 5, then the register row).
    """
    outcome_kind = STAND_MARKS.get(mark)
    if outcome_kind is None:
        return None
    if kind == "interview":
        from booking.models import Interview

        meeting = Interview.objects.select_related("student").filter(pk=pk, company=company)
    else:
        from badges.models import StandConversation

        meeting = StandConversation.objects.select_related("student").filter(pk=pk, company=company)
    found = meeting.first()
    if found is None:
        raise NotFound(_("No such conversation at your stand."), code="no_conversation")
    return record_outcome(
        student=found.student,
        company=company,
        kind=outcome_kind,
        reported_by=by,
        reporter_role=ReporterRole.COMPANY,
        source=OutcomeSource.STAND,
        require_dates=False,
    )
