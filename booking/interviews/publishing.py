"""What publishing a draft run would do, for the organizer's confirmation page."""

from __future__ import annotations

from dataclasses import dataclass

from booking.enums import ACTIVE_INTERVIEW
from booking.models import Interview, InviteSent, ScheduleRun
from fair.models import User


@dataclass(frozen=True)
class PublishPreview:
    """Interviews that publishing books, moves and cancels, and the e-mails that follow.

    Each person gets one e-mail with all of their changes (booking.calendar.services), with one
    calendar invite per changed interview.
    """

    booked: int
    moved: int
    cancelled: int
    emails: int
    students: int
    contacts: int
    invites: int

    @property
    def people(self) -> int:
        return self.students + self.contacts


def publish_preview(*, run: ScheduleRun) -> PublishPreview:
    """Count what `schedule_publish(run=run)` would change and whom it would e-mail (the same
    comparison of the run's proposals with the active interviews; five queries)."""
    current = {
        (i.student_id, i.company_id): i
        for i in Interview.objects.filter(
            fair_id=run.fair_id, status__in=ACTIVE_INTERVIEW
        ).select_related("student")
    }
    proposals = list(run.proposals.select_related("student"))
    wanted = {(p.student_id, p.company_id) for p in proposals}
    cancelled = [i for key, i in current.items() if key not in wanted]
    new, moved = [], []
    for p in proposals:
        existing = current.get((p.student_id, p.company_id))
        if existing is None:
            new.append(p)
        elif (existing.slot_id, existing.table) != (p.slot_id, p.table):
            moved.append(existing)
    contacts: dict[int, set[int]] = {}
    for company_id, user_id in User.objects.filter(
        companies__id__in={p.company_id for p in [*new, *moved, *cancelled]}, is_active=True
    ).values_list("companies__id", "pk"):
        contacts.setdefault(company_id, set()).add(user_id)
    # A cancellation only reaches those who got the invite it takes back.
    told: dict[int, list[int]] = {}
    for interview_id, user_id in InviteSent.objects.filter(
        interview__in=cancelled, cancelled=False, user__is_active=True
    ).values_list("interview_id", "user_id"):
        told.setdefault(interview_id, []).append(user_id)
    active = set(
        User.objects.filter(
            pk__in={p.student.user_id for p in new} | {i.student.user_id for i in moved},
            is_active=True,
        ).values_list("pk", flat=True)
    )
    invites: list[tuple[int, bool]] = []  # (user, as a student)
    for p in new:
        who = [(p.student.user_id, True)] if p.student.user_id in active else []
        invites += who + [(u, False) for u in contacts.get(p.company_id, ())]
    for i in moved:
        who = [(i.student.user_id, True)] if i.student.user_id in active else []
        invites += who + [(u, False) for u in contacts.get(i.company_id, ())]
    for i in cancelled:
        invites += [(u, u == i.student.user_id) for u in told.get(i.pk, ())]
    students = {u for u, as_student in invites if as_student}
    contacts_told = {u for u, as_student in invites if not as_student} - students
    return PublishPreview(
        booked=len(new),
        moved=len(moved),
        cancelled=len(cancelled),
        emails=len(students | contacts_told),
        students=len(students),
        contacts=len(contacts_told),
        invites=len(invites),
    )
