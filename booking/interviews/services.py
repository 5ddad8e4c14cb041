"""Self-booking, cancelling and no-shows of interviews; freed slots are offered on.

Locks (the order of `booking.locks`, docs/locking.md): company row, then interview row.
A booking locks the company row before it counts the company's seats in a slot, so two
students never get the same table; a cancel or no-show locks the same company row before the
interview, so a cancel and a booking with one company queue up instead of deadlocking. The
partial unique constraints on Interview are the backstop (an IntegrityError becomes a 409).
"""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from booking import locks, notifications
from booking.enums import ACTIVE_INTERVIEW, EndedBy, InterviewSource, InterviewStatus
from booking.interviews.selectors import (
    company_tables,
    self_booking_open,
    slot_within,
    students_to_offer_freed_slot,
)
from booking.models import Availability, Interview, Slot
from fair.emails import email_send
from fair.exceptions import AlreadyBooked, Closed, NotAllowed, NotAvailable, NotFound
from fair.models import Company, Student, User
from fair.phases import fair_over
from fair.rules import is_organizer, may_cancel_interview, may_mark_no_show
from fair.site import site_url


def _notify(reason: str, ids: list[int]) -> None:
    notifications.interviews_notify(interview_ids=ids, reason=reason)


@transaction.atomic
def interview_book(
    *,
    student: Student,
    company: Company,
    slot: Slot,
    source: str = InterviewSource.SELF,
    now: datetime | None = None,
) -> Interview:
    """Book the student at a free table of the company in the slot (self-booking).

    Locks: the company row (level 2); the insert only key-shares fair, slot and student.
    Then counts the company's seats in the slot and picks the lowest free table.
    """
    fair = student.fair
    if not self_booking_open(fair=fair, now=now):
        raise Closed(_("Self-booking of interviews is closed."), code="self_booking_closed")
    if company.fair_id != fair.pk or slot.fair_id != fair.pk:
        raise NotFound(_("This company or time does not belong to the fair."), code="not_found")
    if slot.start <= (now or timezone.now()):
        raise NotAvailable(_("This time has already begun."), code="slot_started")
    if not slot_within(slot, Availability.objects.filter(student=student).first()):
        raise NotAvailable(_("You are not available at that time."), code="student_unavailable")
    company = locks.company_lock(company_id=company.pk)
    tables = company_tables(company=company)
    window = Availability.objects.filter(company=company).first()
    if tables == 0 or not slot_within(slot, window):
        raise NotAvailable(
            _("This company does not hold interviews at that time."), code="no_free_table"
        )
    active = Interview.objects.filter(status__in=ACTIVE_INTERVIEW)
    if active.filter(student=student, company=company).exists():
        raise AlreadyBooked(
            _("You already have an interview with this company."), code="already_meets"
        )
    if active.filter(student=student, slot=slot).exists():
        raise AlreadyBooked(_("You already have an interview at that time."), code="student_busy")
    taken = set(active.filter(company=company, slot=slot).values_list("table", flat=True))
    free = [n for n in range(1, tables + 1) if n not in taken]
    if not free:
        raise NotAvailable(_("All tables are taken at that time."), code="no_free_table")
    try:
        with transaction.atomic():
            interview = Interview.objects.create(
                fair=fair, slot=slot, student=student, company=company, table=free[0], source=source
            )
    except IntegrityError:
        raise AlreadyBooked(
            _("Someone was quicker: this time is no longer free."), code="no_free_table"
        ) from None
    _notify("booked", [interview.pk])  # the invite commits with the booking (the outbox)
    return interview


def _ended_by(interview: Interview, user: User) -> str:
    if interview.student.user_id == user.pk:
        return EndedBy.STUDENT
    if interview.company.users.filter(pk=user.pk).exists():
        return EndedBy.COMPANY
    return EndedBy.ORGANIZER


def _end(
    interview: Interview, status: str, *, offer_to_its_student: bool, ended_by: str
) -> Interview:
    """End the interview; `ended_by` is remembered, so later scheduler runs leave the pair out.

    Caller holds the company row (level 2) and the interview row (level 4) locks
    (`booking.locks.interview_lock`, as interview_cancel and interview_no_show do).
    """
    if interview.status not in ACTIVE_INTERVIEW:
        raise NotAvailable(_("This interview is already cancelled."), code="not_active")
    interview.status = status
    interview.ended_by = ended_by
    interview.sequence += 1
    interview.save(update_fields=["status", "ended_by", "sequence", "updated_at"])
    _notify("cancelled", [interview.pk])  # commits with the cancellation (the outbox)
    # The offers too: written with the cancellation, sent once it commits.
    freed_slot_offer(interview_id=interview.pk, offer_to_its_student=offer_to_its_student)
    return interview


def cancel_open(interview: Interview, user: User, *, now: datetime | None = None) -> bool:
    """Students and companies may cancel until the slot starts (and the fair has not ended);
    organizers always."""
    now = now or timezone.now()
    return is_organizer(user) or (now < interview.slot.start and not fair_over(interview.fair, now))


def no_show_open(interview: Interview, *, now: datetime | None = None) -> bool:
    """A no-show can only be marked once the slot has started."""
    return (now or timezone.now()) >= interview.slot.start


@transaction.atomic
def interview_cancel(*, interview: Interview, user: User, now: datetime | None = None) -> Interview:
    """Cancel an interview (its student, its company or an organizer); the slot is offered on.

    Locks: the company row (level 2), then the interview row (level 4).
    """
    interview = locks.interview_lock(interview_id=interview.pk)
    if not may_cancel_interview(user, interview):
        raise NotAllowed(_("You cannot cancel this interview."), code="not_your_interview")
    if not cancel_open(interview, user, now=now):
        raise Closed(
            _("The interview has begun or the fair is over: it can no longer be cancelled.")
        )
    # The student or the company called the pair off: its student is not offered the time
    # back (nor booked by a later scheduler run). After an organizer's cancellation it is.
    ended_by = _ended_by(interview, user)
    return _end(
        interview,
        InterviewStatus.CANCELLED,
        offer_to_its_student=ended_by == EndedBy.ORGANIZER,
        ended_by=ended_by,
    )


@transaction.atomic
def interview_no_show(
    *, interview: Interview, user: User, now: datetime | None = None
) -> Interview:
    """Mark that the student did not come (its company or an organizer); the slot is offered on.

    Locks: the company row (level 2), then the interview row (level 4).
    """
    interview = locks.interview_lock(interview_id=interview.pk)
    if not may_mark_no_show(user, interview):
        raise NotAllowed(_("You cannot change this interview."), code="not_your_interview")
    if not no_show_open(interview, now=now):
        raise NotAvailable(
            _("You can only mark a no-show once the interview has begun."), code="not_started"
        )
    return _end(
        interview,
        InterviewStatus.NO_SHOW,
        offer_to_its_student=False,
        ended_by=_ended_by(interview, user),
    )


def freed_slot_offer(*, interview_id: int, offer_to_its_student: bool = True) -> int:
    """E-mail the students who wished the company and did not get it a link to its free
    slots; the first to book takes it. The interview's own student is left out when the
    student cancelled it or did not come. Returns how many were told."""
    interview = (
        Interview.objects.select_related("company", "slot", "fair").filter(pk=interview_id).first()
    )
    if interview is None or not self_booking_open(fair=interview.fair):
        return 0
    students = students_to_offer_freed_slot(company=interview.company)
    if not offer_to_its_student:
        students = [s for s in students if s.pk != interview.student_id]
    path = reverse(
        "booking:free-slots",
        kwargs={"slug": interview.fair.slug, "company_id": interview.company_id},
    )
    url = site_url() + path
    for student in students:
        with translation.override(student.user.language):
            subject = _gettext("A time with %(company)s is free") % {
                "company": interview.company.name
            }
        email_send(
            user=student.user,
            subject=subject,
            template="interview_slot_free",
            context={"interview": interview, "company": interview.company, "url": url},
        )
    return len(students)
