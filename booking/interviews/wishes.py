"""Write operations of wishes, company interest and availability.

Locks: the wish services lock only the student row (level 5 of `booking.locks`); interest
and availability take no lock (unique constraints decide).
"""

from datetime import datetime, time

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from booking import locks
from booking.models import Availability, Interest, Wish
from fair.exceptions import AlreadyExists, Closed, InvalidInput, NotAllowed, NotAvailable, NotFound
from fair.models import Company, Fair, Student
from fair.phases import wishes_open
from fair.rules import may_see_student_profile


def _check_open(fair: Fair, now: datetime | None) -> None:
    if not wishes_open(fair, now):
        raise Closed(_("The deadline for wishes has passed."), code="wishes_closed")


def _locked(student: Student) -> Student:
    """Locks: the student row (level 5 of `booking.locks`, nothing else held), so that two
    tabs adding wishes at once get distinct ranks; the fair is read along but not locked."""
    return locks.student_lock(student_id=student.pk)


def _renumber(student: Student, order: list[int]) -> None:
    """Give the student's wishes ranks 1..n in the order of the company ids given."""
    wishes = {w.company_id: w for w in Wish.objects.filter(student=student)}
    changed = []
    for rank, company_id in enumerate(order, start=1):
        wish = wishes[company_id]
        if wish.rank != rank:
            wish.rank = rank
            changed.append(wish)
    Wish.objects.bulk_update(changed, ["rank"])


def _order(student: Student) -> list[int]:
    return list(
        Wish.objects.filter(student=student)
        .order_by("rank", "pk")
        .values_list("company_id", flat=True)
    )


@transaction.atomic
def wish_add(*, student: Student, company: Company, now: datetime | None = None) -> Wish:
    """Add the company as the student's lowest-ranked wish, up to the fair's maximum.

    Locks: the student row (level 5).
    """
    student = _locked(student)
    fair = student.fair
    _check_open(fair, now)
    if company.fair_id != fair.pk:
        raise NotFound(_("This company does not take part in the fair."), code="unknown_company")
    order = _order(student)
    if company.pk in order:
        raise AlreadyExists(_("You already wish to meet this company."), code="already_wished")
    if len(order) >= fair.max_wishes:
        raise NotAvailable(
            _("You can wish for at most %(n)d companies. Remove one first.")
            % {"n": fair.max_wishes},
            code="too_many_wishes",
        )
    try:
        with transaction.atomic():
            return Wish.objects.create(student=student, company=company, rank=len(order) + 1)
    except IntegrityError:
        raise AlreadyExists(
            _("You already wish to meet this company."), code="already_wished"
        ) from None


@transaction.atomic
def wish_remove(*, student: Student, company: Company, now: datetime | None = None) -> None:
    """Remove a wish; the wishes below it move up one rank. Locks: the student row (level 5)."""
    student = _locked(student)
    _check_open(student.fair, now)
    deleted, _rows = Wish.objects.filter(student=student, company=company).delete()
    if not deleted:
        raise NotFound(_("You do not wish to meet this company."), code="no_such_wish")
    _renumber(student, _order(student))


@transaction.atomic
def wish_move(
    *, student: Student, company: Company, direction: str, now: datetime | None = None
) -> None:
    """Move a wish one rank up or down (a no-op at the top or bottom).

    Locks: the student row (level 5).
    """
    student = _locked(student)
    _check_open(student.fair, now)
    order = _order(student)
    if company.pk not in order:
        raise NotFound(_("You do not wish to meet this company."), code="no_such_wish")
    i = order.index(company.pk)
    j = i - 1 if direction == "up" else i + 1
    if 0 <= j < len(order):
        order[i], order[j] = order[j], order[i]
    _renumber(student, order)


@transaction.atomic
def wishes_reorder(*, student: Student, company_ids: list[int], now: datetime | None = None):
    """Give the wishes the order of `company_ids` (which must name each wish exactly once).

    Locks: the student row (level 5).
    """
    student = _locked(student)
    _check_open(student.fair, now)
    order = _order(student)
    if sorted(order) != sorted(company_ids) or len(set(company_ids)) != len(company_ids):
        raise InvalidInput(
            {"order": [str(_("The new order must contain each of your wishes once."))]}
        )
    _renumber(student, company_ids)


@transaction.atomic
def interest_set(*, company: Company, student: Student, wanted: bool) -> bool:
    """Flag (or unflag) a student the company wants to meet; only students who wished it
    and consented to show their profile can be flagged."""
    if not may_see_student_profile(company, student):
        raise NotAllowed(
            _("You can only flag students who wish to meet you."), code="student_not_visible"
        )
    if wanted:
        Interest.objects.get_or_create(company=company, student=student)
    else:
        Interest.objects.filter(company=company, student=student).delete()
    return wanted


@transaction.atomic
def availability_set(
    *,
    fair: Fair,
    available_from: time | None,
    available_until: time | None,
    student: Student | None = None,
    company: Company | None = None,
) -> Availability | None:
    """State when a student or a company can interview; both times empty: all day."""
    if (student is None) == (company is None):
        raise ValueError("give either a student or a company")
    owner = {"student": student} if student is not None else {"company": company}
    if available_from is None and available_until is None:
        Availability.objects.filter(**owner).delete()
        return None
    available_from = available_from or fair.interviews_start
    available_until = available_until or fair.interviews_end
    if available_from >= available_until:
        raise InvalidInput({"available_until": [str(_("The end must be after the start."))]})
    if available_from < fair.interviews_start or available_until > fair.interviews_end:
        field = "available_from" if available_from < fair.interviews_start else "available_until"
        message = _("Choose times between %(start)s and %(end)s, when the interviews take place.")
        window = {
            "start": fair.interviews_start.strftime("%H:%M"),
            "end": fair.interviews_end.strftime("%H:%M"),
        }
        raise InvalidInput({field: [str(message) % window]})
    availability, _created = Availability.objects.update_or_create(
        **owner,
        defaults={
            "fair": fair,
            "available_from": available_from,
            "available_until": available_until,
        },
    )
    return availability
