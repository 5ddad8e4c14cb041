"""One badge scanned by ten doors at the same moment: one OK, nine ALREADY IN; and the
control that shows the race is real when nothing in the database decides it."""

import json
import threading
from collections import Counter

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.utils import timezone

from badges import checkin_services, services
from badges.models import CheckIn, Scan
from tests.badges.conftest import student_make
from tests.concurrency.race import race
from tests.conftest import fair_day_make

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fair(db):
    """Check-in is accepted only on the fair's day."""
    return fair_day_make()


def test_checkin_ten_devices_at_once_one_ok_nine_duplicates(fair):
    badge = services.badge_issue(fair=fair, user=student_make(fair).user)
    keys = [services.door_device_create(fair=fair, name=f"Dør {n}")[1] for n in range(10)]
    barrier = threading.Barrier(len(keys))
    answers: list[tuple[int, dict]] = []
    errors: list[BaseException] = []

    def scan(key: str) -> None:
        try:
            client = Client(headers={"Authorization": f"Bearer {key}"})
            body = json.dumps({"token": badge.token})
            barrier.wait(timeout=20)
            response = client.post("/api/v1/checkin", data=body, content_type="application/json")
            answers.append((response.status_code, response.json()))
        except BaseException as exc:  # reported below, in the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=scan, args=(key,)) for key in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Counter((status, body["result"]) for status, body in answers) == {
        (200, "ok"): 1,
        (409, "duplicate"): 9,
    }
    first = CheckIn.objects.get()
    ok = next(body for status, body in answers if status == 200)
    assert {body["first_checked_in_at"] for status, body in answers if status == 409} == {
        ok["checked_in_at"]
    }
    assert first.user == badge.user
    assert Scan.objects.count() == 10


# --- Control: the race is real when the database's uniqueness is not there to decide ------

NAIVE_TABLE = "test_naive_checkin"


def _naive_checkin(*, table: str, badge, checked: threading.Barrier) -> str:
    """Check-then-insert, as a scanner service written without the constraint would do it.

    The barrier holds every thread between its check and its insert: the interleaving that
    a busy door produces by chance, made certain so the control never passes by luck.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"SELECT EXISTS (SELECT 1 FROM {table} WHERE fair_id = %s AND user_id = %s)",
            [badge.fair_id, badge.user_id],
        )
        (already,) = cursor.fetchone()
        checked.wait(timeout=20)
        if already:
            return "duplicate"
        columns = "fair_id, user_id, checked_in_at"
        values = [badge.fair_id, badge.user_id, timezone.now()]
        if table == CheckIn._meta.db_table:
            columns += ", badge_id, role"
            values += [badge.pk, badge.role]
        cursor.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(values))})",
            values,
        )
        return "ok"


@pytest.fixture
def naive_table():
    """A check-in table like ours but without the unique (fair, person) constraint."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {NAIVE_TABLE} (fair_id integer NOT NULL, user_id integer NOT NULL,"
            " checked_in_at timestamp with time zone NOT NULL)"
        )
    yield NAIVE_TABLE
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {NAIVE_TABLE}")


def test_control_naive_check_then_insert_without_constraint_lets_all_ten_in(fair, naive_table):
    badge = services.badge_issue(fair=fair, user=student_make(fair).user)
    checked = threading.Barrier(10)

    outcome, errors = race(
        lambda _i: _naive_checkin(table=naive_table, badge=badge, checked=checked)
    )

    assert errors == []
    assert outcome == Counter({"ok": 10})  # ten doors each told "OK" for one badge
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {naive_table}")
        assert cursor.fetchone() == (10,)  # and the person counted ten times


def test_control_same_naive_code_on_the_real_table_the_constraint_refuses_nine(fair):
    badge = services.badge_issue(fair=fair, user=student_make(fair).user)
    checked = threading.Barrier(10)

    outcome, errors = race(
        lambda _i: _naive_checkin(table=CheckIn._meta.db_table, badge=badge, checked=checked)
    )

    assert outcome == Counter({"ok": 1})
    assert [type(e) for e in errors] == [IntegrityError] * 9
    assert all("checkin_once_per_person" in str(e) for e in errors)
    assert CheckIn.objects.count() == 1


def test_real_service_ten_threads_released_together_exactly_one_ok(fair):
    badge = services.badge_issue(fair=fair, user=student_make(fair).user)
    devices = [services.door_device_create(fair=fair, name=f"Dør {n}")[0] for n in range(10)]
    start = threading.Barrier(10)

    def scan(index: int) -> str:
        start.wait(timeout=20)
        return checkin_services.checkin_scan(token=badge.token, device=devices[index]).result

    outcome, errors = race(scan)

    assert errors == []
    assert outcome == Counter({"ok": 1, "duplicate": 9})
    assert CheckIn.objects.count() == 1
    assert Counter(Scan.objects.values_list("result", flat=True)) == Counter(
        {"ok": 1, "duplicate": 9}
    )
