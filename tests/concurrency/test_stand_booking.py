"""Races for stands, provoked for real: threads with their own connections against PostgreSQL."""

import threading
from collections import Counter

import pytest
from django.db import connection

from booking.enums import ACTIVE_STAND_BOOKING
from booking.models import StandBooking
from booking.stands import services
from fair.exceptions import FairError
from fair.models import Company
from tests.booking.stands_helpers import company_make, stands_make
from tests.conftest import fair_make

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(jobs: list[tuple[Company, str]], *, before_write=None) -> Counter:
    """Run every (company, stand code) booking in its own thread, all released at once."""
    start = threading.Barrier(len(jobs))
    results: list[str] = []
    lock = threading.Lock()

    def book(company: Company, code: str) -> None:
        try:
            start.wait()
            services.stand_book(fair=company.fair, company=company, code=code)
            outcome = "booked"
        except FairError as exc:
            outcome = exc.code
        except Exception as exc:  # a 500 in the making: reported, never hidden
            outcome = f"crash: {exc!r}"
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=book, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return Counter(results)


def active_bookings() -> list[tuple[str, int]]:
    return list(
        StandBooking.objects.filter(status__in=ACTIVE_STAND_BOOKING)
        .order_by("stand__code")
        .values_list("stand__code", "company_id")
    )


def test_twenty_companies_race_for_one_stand_exactly_one_wins():
    fair = fair_make()
    stands_make(fair, 1)
    companies = [company_make(fair, n) for n in range(20)]
    outcome = race([(company, "A1") for company in companies])
    assert outcome == Counter({"booked": 1, "stand_taken": 19})
    assert len(active_bookings()) == 1


def test_fifty_companies_race_for_ten_stands_each_stand_booked_once():
    fair = fair_make()
    stands_make(fair, 10)
    companies = [company_make(fair, n) for n in range(50)]
    outcome = race([(company, f"A{n % 10 + 1}") for n, company in enumerate(companies)])
    assert outcome == Counter({"booked": 10, "stand_taken": 40})
    booked = active_bookings()
    assert [code for code, _company in booked] == sorted(f"A{n}" for n in range(1, 11))
    assert len({company for _code, company in booked}) == 10


def test_one_company_racing_for_ten_stands_gets_one_with_the_company_lock():
    fair = fair_make()
    stands_make(fair, 10)
    company = company_make(fair)
    outcome = race([(company, f"A{n}") for n in range(1, 11)])
    assert outcome == Counter({"booked": 1, "company_has_stand": 9})
    assert len(active_bookings()) == 1


def test_control_without_the_company_lock_the_quota_race_is_real(monkeypatch):
    """Bypass the row lock and hold every thread after its count: all of them book."""
    fair = fair_make()
    stands_make(fair, 5)
    company = company_make(fair)
    counted = threading.Barrier(5)
    count = services._active_stand_count

    def count_then_wait(the_company):
        n = count(the_company)
        counted.wait(timeout=20)
        return n

    monkeypatch.setattr(services, "_company_lock", lambda the_company: the_company)
    monkeypatch.setattr(services, "_active_stand_count", count_then_wait)
    outcome = race([(company, f"A{n}") for n in range(1, 6)])
    assert outcome == Counter({"booked": 5})
    assert len(active_bookings()) == 5  # one company, five stands: what the lock prevents


def test_when_every_thread_passes_the_check_together_the_constraint_answers_taken(monkeypatch):
    """All twenty pass the service's "is it free?" check at once: the database decides."""
    fair = fair_make()
    stands_make(fair, 1)
    companies = [company_make(fair, n) for n in range(20)]
    counted = threading.Barrier(20)
    count = services._active_stand_count

    def count_then_wait(the_company):
        n = count(the_company)
        counted.wait(timeout=20)
        return n

    monkeypatch.setattr(services, "_active_stand_count", count_then_wait)
    outcome = race([(company, "A1") for company in companies])
    assert outcome == Counter({"booked": 1, "stand_taken": 19})
    assert len(active_bookings()) == 1
