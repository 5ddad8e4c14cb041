"""100 students race for the last 5 free tables of a company: exactly 5 get one; and the
control that shows the race is real without the company-row lock and the constraints."""

import json
import threading
from collections import Counter

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from booking.interviews.services import interview_book
from booking.models import Interview
from fair.exceptions import FairError
from tests.booking.test_interviews import book, company_make, publish_mark, slots_make, student_make
from tests.concurrency.race import race
from tests.conftest import bearer, fair_make

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_hundred_students_race_for_the_last_five_tables():
    fair = fair_make()
    slots = slots_make(fair)
    publish_mark(fair)
    company = company_make(fair, "Ballerup El", tables=4)
    # Slot 0 has 3 free tables (one taken), slot 1 has 2 free (two taken): 5 in all.
    book(fair, slots[0], student_make(fair, "Optaget 1"), company, table=2)
    book(fair, slots[1], student_make(fair, "Optaget 2"), company, table=1)
    book(fair, slots[1], student_make(fair, "Optaget 3"), company, table=3)
    clients = [bearer(student_make(fair, f"Elev {i}").user) for i in range(100)]
    url = f"/api/v1/fairs/{fair.slug}/interviews"
    start = threading.Barrier(len(clients))
    answers: list[tuple[int, str | None]] = []
    lock = threading.Lock()
    # PostgreSQL is shared (max_connections): at most 20 requests hold a connection at once.
    seats = threading.BoundedSemaphore(20)

    def race(i: int) -> None:
        try:
            body = {"company": company.pk, "slot": slots[i % 2].pk}
            start.wait()
            with seats:
                try:
                    response = clients[i].post(
                        url, data=json.dumps(body), content_type="application/json"
                    )
                finally:
                    connection.close()
            code = response.json().get("code") if response.status_code != 201 else None
            with lock:
                answers.append((response.status_code, code))
        finally:
            connection.close()

    threads = [threading.Thread(target=race, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Counter(answers) == Counter({(201, None): 5, (409, "no_free_table"): 95})
    active = Interview.objects.filter(company=company, status="booked")
    assert sorted(active.values_list("slot_id", "table")) == sorted(
        [(slots[0].pk, t) for t in (1, 2, 3, 4)] + [(slots[1].pk, t) for t in (1, 2, 3, 4)]
    )
    assert active.values("student").distinct().count() == 8


# --- Control: without the company-row lock and the partial unique constraints, it double-books --

NAIVE_TABLE = "test_naive_interview"
COLUMNS = (
    'fair_id, slot_id, student_id, company_id, "table", source, status, sequence, outcome,'
    " ended_by, created_at, updated_at"
)


def _naive_book(*, table: str, student, company, slot, tables: int, checked) -> str:
    """Check-then-insert as a booking service without lock or constraint would do it.

    The barrier holds every thread between its check and its insert, so the interleaving
    that a rush of students produces by chance happens every time.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f'SELECT "table" FROM {table} WHERE company_id = %s AND slot_id = %s'
            " AND status = 'booked'",
            [company.pk, slot.pk],
        )
        taken = {row[0] for row in cursor.fetchall()}
        free = [n for n in range(1, tables + 1) if n not in taken]
        checked.wait(timeout=20)
        if not free:
            return "no_free_table"
        now = timezone.now()
        cursor.execute(
            f"INSERT INTO {table} ({COLUMNS}) VALUES (%s, %s, %s, %s, %s, 'self', 'booked',"
            " 0, '', '', %s, %s)",
            [slot.fair_id, slot.pk, student.pk, company.pk, free[0], now, now],
        )
        return "booked"


@pytest.fixture
def last_two_tables():
    """A company with 3 tables, one taken in the first slot: 2 free tables, 6 students."""
    fair = fair_make()
    slot = slots_make(fair)[0]
    publish_mark(fair)
    company = company_make(fair, "Ballerup El", tables=3)
    book(fair, slot, student_make(fair, "Optaget"), company, table=1)
    students = [student_make(fair, f"Elev {i}") for i in range(6)]
    return company, slot, students


@pytest.fixture
def naive_table(last_two_tables):
    """A copy of the interview table (columns and rows) without its constraints and indexes."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {NAIVE_TABLE} (LIKE {Interview._meta.db_table} INCLUDING DEFAULTS"
            " INCLUDING IDENTITY)"
        )
        cursor.execute(f"INSERT INTO {NAIVE_TABLE} SELECT * FROM {Interview._meta.db_table}")
    yield NAIVE_TABLE
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {NAIVE_TABLE}")


def test_control_naive_check_then_insert_without_lock_or_constraint_double_books(
    last_two_tables, naive_table
):
    company, slot, students = last_two_tables
    checked = threading.Barrier(len(students))

    outcome, errors = race(
        lambda i: _naive_book(
            table=naive_table,
            student=students[i],
            company=company,
            slot=slot,
            tables=3,
            checked=checked,
        ),
        len(students),
    )

    assert errors == []
    assert outcome == Counter({"booked": 6})  # six students told "booked" for two tables
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT "table", count(*) FROM {naive_table} WHERE slot_id = %s'
            ' GROUP BY "table" ORDER BY "table"',
            [slot.pk],
        )
        assert cursor.fetchall() == [(1, 1), (2, 6)]  # and six of them sit at table 2


def test_control_same_naive_code_on_the_real_table_the_constraint_refuses_five(last_two_tables):
    company, slot, students = last_two_tables
    checked = threading.Barrier(len(students))

    outcome, errors = race(
        lambda i: _naive_book(
            table=Interview._meta.db_table,
            student=students[i],
            company=company,
            slot=slot,
            tables=3,
            checked=checked,
        ),
        len(students),
    )

    assert outcome == Counter({"booked": 1})
    assert [type(e) for e in errors] == [IntegrityError] * 5
    assert all("interview_table_once_per_slot" in str(e) for e in errors)
    assert sorted(Interview.objects.filter(slot=slot).values_list("table", flat=True)) == [1, 2]


def test_real_service_six_students_released_together_get_exactly_the_two_free_tables(
    last_two_tables,
):
    company, slot, students = last_two_tables
    start = threading.Barrier(len(students))

    def attempt(i: int) -> str:
        start.wait(timeout=20)
        try:
            interview_book(student=students[i], company=company, slot=slot)
        except FairError as exc:
            return exc.code
        return "booked"

    outcome, errors = race(attempt, len(students))

    assert errors == []
    assert outcome == Counter({"booked": 2, "no_free_table": 4})
    active = Interview.objects.filter(slot=slot, status="booked")
    assert sorted(active.values_list("table", flat=True)) == [1, 2, 3]
    assert active.values("student").distinct().count() == 3
