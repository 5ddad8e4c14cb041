"""The one lock order of every write that locks rows (see docs/locking.md).

Locks are taken in this order, never the other way round, and within one kind by id
ascending:

1. the fair row
2. company rows
3. stand booking rows, then waiting-list entries
4. slot rows, then interview rows
5. student rows, then the partners' register rows (MappedStudent)
6. badge rows

Every lock is ``FOR NO KEY UPDATE`` of the named table only (``of=("self",)``): the
foreign-key checks of inserts (``FOR KEY SHARE`` on the rows they point at) never wait for
it, and a lock on an interview never spreads to its fair, company, slot or student through
a join (PostgreSQL locks every joined row of a plain ``SELECT … FOR UPDATE``). On SQLite
these are plain reads: write transactions run one at a time there.
"""

from django.db.models import Model, QuerySet

from booking.models import Interview, StandBooking
from fair.models import Company, Fair, Student


def _locking(queryset: QuerySet) -> QuerySet:
    return queryset.select_for_update(no_key=True, of=("self",)).order_by("pk")


def fair_lock(*, fair_id: int) -> Fair:
    """Lock the fair row (level 1)."""
    return _locking(Fair.objects.all()).get(pk=fair_id)


def companies_lock(*, company_ids) -> list[Company]:
    """Lock company rows (level 2), ids ascending."""
    return list(_locking(Company.objects.filter(pk__in=set(company_ids))))


def company_lock(*, company_id: int) -> Company:
    """Lock one company row (level 2)."""
    return _locking(Company.objects.all()).get(pk=company_id)


def stand_booking_lock(*, booking_id: int) -> StandBooking:
    """Lock a stand booking (level 3) after its company's row (level 2)."""
    company_id = StandBooking.objects.values_list("company_id", flat=True).get(pk=booking_id)
    company_lock(company_id=company_id)
    return _locking(StandBooking.objects.select_related("stand", "fair")).get(pk=booking_id)


def interview_lock(*, interview_id: int, related=("company", "student", "slot", "fair")):
    """Lock an interview (level 4) after its company's row (level 2).

    The company is read without a lock first; an interview never changes company, so the
    lock that follows is on the right row.
    """
    company_id = Interview.objects.values_list("company_id", flat=True).get(pk=interview_id)
    company_lock(company_id=company_id)
    return _locking(Interview.objects.select_related(*related)).get(pk=interview_id)


def student_lock(*, student_id: int, related=("fair",)) -> Student:
    """Lock a student row (level 5)."""
    return _locking(Student.objects.select_related(*related)).get(pk=student_id)


def row_lock(model: type[Model], *, pk: int) -> Model:
    """Lock one row of any table in the same mode (for the level its docstring names)."""
    return _locking(model.objects.all()).get(pk=pk)
