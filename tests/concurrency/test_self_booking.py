"""100 students race for the last 5 free tables of a company: exactly 5 get one."""

import json
import threading
from collections import Counter

import pytest
from django.db import connection

from booking.models import Interview
from tests.booking.test_interviews import (
    book,
    company_make,
    publish_mark,
    slots_make,
    student_make,
)
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
