"""Who may do what: the one home of every "may user X do Y (on object Z)" rule.

Each rule is a small function of the user (and the object) that says yes or no, or gives
the part of the data the user may see; views, the API and services call these and never
test roles, `is_staff` or ownership themselves. The roles (`fair.enums.Role`):

- organizer: an active staff account with the organizer role (or a superuser). Everything.
- door: door staff, who work the door of the fairs an organizer assigned them to.
- partner: staff of an active partner: the mapping register (their own people), outreach
  (with notes of other partners hidden), outcomes of their own students, the dashboard
  with small counts suppressed.
- student and company: their own sign-up, wishes, interviews and badge.
- anonymous: the public pages; pages for staff send them to the staff log-in.

docs/design.md ("Who may do what") lists the rules; tests/test_rules.py checks them per role.
"""

from __future__ import annotations

from functools import wraps
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import user_passes_test
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from fair.enums import Role

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from fair.models import Company, Fair, Student


# --- who someone is ---------------------------------------------------------------------


def is_organizer(user) -> bool:
    """An active staff account that is an organizer (or a superuser); not every account with
    staff status."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and (user.is_superuser or user.role == Role.ORGANIZER)
    )


def partner_of(user):
    """The active partner a partner-staff account works for, or None (everyone else)."""
    if not (user.is_authenticated and user.is_active and user.role == Role.PARTNER):
        return None
    staff = getattr(user, "partner_staff", None)
    if staff is None or not staff.partner.is_active:
        return None
    return staff.partner


def is_partner_staff(user) -> bool:
    """An active account with the partner role that works for an active partner."""
    return partner_of(user) is not None


def is_door_staff(user) -> bool:
    """An active door-staff account or an organizer; which fairs' doors: `may_use_door`."""
    return bool(user.is_active and (user.role == Role.DOOR or is_organizer(user)))


# --- the door ---------------------------------------------------------------------------


def may_use_door(user, fair: Fair) -> bool:
    """Organizers work every fair's door; door staff only the fairs they are assigned to."""
    from badges.models import DoorAssignment

    if not user.is_authenticated or not user.is_active:
        return False
    if is_organizer(user):
        return True
    return user.role == Role.DOOR and DoorAssignment.objects.filter(fair=fair, user=user).exists()


def may_be_put_on_door(user) -> bool:
    """Only active door-staff accounts are put on a fair's door (organizers work every door
    without it; students, companies and partner staff never)."""
    return bool(user.is_active and user.role == Role.DOOR)


# --- interviews -------------------------------------------------------------------------


def _is_company_contact(user, company: Company) -> bool:
    return company.users.filter(pk=user.pk).exists()


def may_cancel_interview(user, interview) -> bool:
    """Organizers, the interview's student and its company's contacts; nobody else (until
    when: `booking.interviews.services.cancel_open`)."""
    if is_organizer(user):
        return True
    if interview.student.user_id == user.pk:
        return True
    return _is_company_contact(user, interview.company)


def may_mark_no_show(user, interview) -> bool:
    """Organizers and the interview's company's contacts; not the student."""
    return is_organizer(user) or _is_company_contact(user, interview.company)


def student_profiles_visible_to(company: Company):
    """The wishes whose student's profile the company may see: students who wished to meet
    it and consented to show their profile (`Wish` rows, one per student)."""
    from booking.models import Wish

    return Wish.objects.filter(company=company, student__consent_profile=True)


def may_see_student_profile(company: Company, student: Student) -> bool:
    """A company sees (and may flag) a student's profile only if the student wished to meet
    it and consented to show their profile."""
    return student_profiles_visible_to(company).filter(student=student).exists()


# --- the mapping register and the dashboard ---------------------------------------------


def may_read_register(user) -> bool:
    """Organizers and partner staff read the register (partners: personal data of their own
    people only, `mapping_visible_to`)."""
    return is_organizer(user) or is_partner_staff(user)


def mapping_visible_to(*, user):
    """The people in the register whose personal data the user may see: everyone for
    organizers, those their partner reported for partner staff, nobody for anyone else."""
    from partners.models import MappedStudent

    people = MappedStudent.objects.all()
    if is_organizer(user):
        return people
    partner = partner_of(user)
    if partner is None:
        return people.none()
    return people.filter(contributions__partner=partner).distinct()


def sees_exact_counts(user) -> bool:
    """Only organizers see counts below five; everyone else sees them suppressed."""
    return is_organizer(user)


def may_read_dashboard(user) -> bool:
    """The dashboard across years: organizers (exact) and partner staff (suppressed)."""
    return is_organizer(user) or is_partner_staff(user)


# --- outreach ---------------------------------------------------------------------------


def may_manage_outreach(user) -> bool:
    """Organizers and staff of an active partner use outreach."""
    return is_organizer(user) or is_partner_staff(user)


def may_record_approval(user) -> bool:
    """Only organizers record a programme's approval of an organisation."""
    return is_organizer(user)


def may_read_outreach_note(user, activity) -> bool:
    """Organizers read every note; partner staff their own partner's and organizers' notes."""
    if is_organizer(user):
        return True
    return activity.partner_id is None or activity.partner_id == getattr(
        partner_of(user), "pk", None
    )


# --- outcomes ---------------------------------------------------------------------------


def may_record_outcome(user) -> bool:
    """Organizers and partner staff see and record outcomes for others (which students:
    `outcome_students`)."""
    return is_organizer(user) or is_partner_staff(user)


def outcome_students(*, user, fair: Fair) -> QuerySet[Student]:
    """The fair's students whose outcomes the user may see and record: all for organizers,
    for partner staff the sign-ups linked to people their partner added to the register,
    none for anyone else."""
    from fair.models import Student

    students = Student.objects.filter(fair=fair)
    if is_organizer(user):
        return students
    partner = partner_of(user)
    if partner is None:
        return students.none()
    return students.filter(register_entries__contributions__partner=partner).distinct()


def reporter_role(user) -> str:
    """The role an organizer or partner staff member records outcomes in."""
    from outcomes.enums import ReporterRole

    return ReporterRole.ORGANIZER if is_organizer(user) else ReporterRole.PARTNER


# --- decorators for pages ---------------------------------------------------------------


organizer_required = user_passes_test(is_organizer, login_url="fair:login-staff")
"""Organizers only; everyone else (logged in or not) goes to the staff log-in."""


def staff_page(rule):
    """A page for staff: anonymous visitors go to the staff log-in, accounts the rule refuses
    get 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("fair:login-staff"))
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def require(allowed: bool, message=None, *, code: str = "not_allowed") -> None:
    """For the API and services: raise the domain's 403 (`NotAllowed`) unless allowed."""
    from fair.exceptions import NotAllowed

    if not allowed:
        raise NotAllowed(message, code=code)
