"""Students cancel and book with the same company at the same moment: no deadlock, no 500,
and the company's tables stay consistent (the lock order of docs/locking.md)."""

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


def _run(requests: list) -> list[tuple[int, str | None]]:
    """Send every request at the same moment, each on its own connection."""
    start = threading.Barrier(len(requests))
    answers: list[tuple[int, str | None]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(i: int) -> None:
        try:
            start.wait(timeout=30)
            response = requests[i]()
            code = None
            if response.status_code not in (201, 204):
                code = response.json().get("code")
            with lock:
                answers.append((response.status_code, code))
        except BaseException as exc:  # reported in the main thread
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    return answers


@pytest.mark.parametrize("round_", range(3))
def test_cancels_and_bookings_with_the_same_company_never_deadlock(round_):
    fair = fair_make()
    slots = slots_make(fair)
    publish_mark(fair)
    company = company_make(fair, "Ballerup El", tables=4)
    other = company_make(fair, "Herlev VVS", tables=4)
    # Eight students fill the company's four tables in slots 0 and 1 and also meet another
    # company (the cancels touch rows the bookings need too); eight others book slots 0
    # and 1 with the company while the first eight cancel.
    holders = [student_make(fair, f"Holder {i}") for i in range(8)]
    held = [book(fair, slots[i % 2], s, company, table=i // 2 + 1) for i, s in enumerate(holders)]
    for i, s in enumerate(holders):
        book(fair, slots[2 + i % 2], s, other, table=i // 2 + 1)
    bookers = [student_make(fair, f"Booker {i}") for i in range(8)]
    url = f"/api/v1/fairs/{fair.slug}/interviews"
    requests = []
    for i in range(8):
        cancel_client = bearer(holders[i].user)
        book_client = bearer(bookers[i].user)
        body = json.dumps({"company": company.pk, "slot": slots[i % 2].pk})
        requests.append(lambda c=cancel_client, pk=held[i].pk: c.delete(f"{url}/{pk}"))
        requests.append(
            lambda c=book_client, b=body: c.post(url, data=b, content_type="application/json")
        )

    answers = _run(requests)

    statuses = Counter(status for status, _code in answers)
    assert statuses[500] == 0
    assert statuses[204] == 8  # every cancel went through
    assert statuses[201] + statuses[409] == 8
    assert {code for status, code in answers if status == 409} <= {"no_free_table"}
    active = Interview.objects.filter(company=company, status="booked")
    # Consistent seats: no table used twice in a slot, never more than the company's 4.
    pairs = list(active.values_list("slot_id", "table"))
    assert len(pairs) == len(set(pairs))
    assert all(1 <= table <= 4 for _slot, table in pairs)
    assert active.filter(student__in=holders).count() == 0
    assert active.filter(student__in=bookers).count() == statuses[201]
