"""Who may see and record which outcomes: organizers all, partner staff their own students.

A partner's students are the fair sign-ups linked to people that partner added to the mapping
register (`partners.MappedStudent.student` and its `contributions`). Nobody else sees any.
"""

from __future__ import annotations

from django.db.models import QuerySet

from fair.models import Fair, Student, User
from fair.permissions import is_organizer
from outcomes.enums import ReporterRole


def partner_of(user: User):
    """The active partner of a partner-staff account, or None."""
    from partners.permissions import partner_of as _partner_of

    return _partner_of(user)


def can_record(user: User) -> bool:
    """Organizers and partner staff record outcomes for others."""
    return is_organizer(user) or partner_of(user) is not None


def students_in_scope(*, user: User, fair: Fair) -> QuerySet[Student]:
    """The fair's students whose outcomes the user may see and record (none for others)."""
    students = Student.objects.filter(fair=fair)
    if is_organizer(user):
        return students
    partner = partner_of(user)
    if partner is None:
        return students.none()
    return students.filter(register_entries__contributions__partner=partner).distinct()


def role_of(user: User) -> str:
    """The role an organizer or partner staff member reports in."""
    return ReporterRole.ORGANIZER if is_organizer(user) else ReporterRole.PARTNER
