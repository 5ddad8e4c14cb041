"""Ten partners record a status change for one person at the same moment: every change is
kept and the person's current status is the one with the latest date (the register row is
locked, so no change is worked out without the others that committed before it)."""

import threading
from datetime import date, timedelta

import pytest

from partners.enums import RegisterStatus
from partners.models import MappedStudent, Partner
from partners.services import register_status_change
from tests.concurrency.race import race
from tests.partners.conftest import add

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

STATUSES = [RegisterStatus.TRIAL_DAYS, RegisterStatus.SCHOOL_TRAINING, RegisterStatus.SEEKING]


def test_ten_status_changes_at_once_all_kept_and_the_latest_date_is_current():
    partner = Partner.objects.create(name="Jobcenter Ballerup", kind="jobcenter")
    person = add(partner, "Freja Lund", since=date(2026, 1, 10))
    barrier = threading.Barrier(10)
    # The latest date is written by an early thread, so a change that does not wait for the
    # others would often leave an older status as the current one.
    effective = [date(2026, 2, 1) + timedelta(days=30 - 3 * i) for i in range(10)]

    def work(index: int) -> str:
        barrier.wait(timeout=20)
        register_status_change(
            person=MappedStudent.objects.get(pk=person.pk),
            status=STATUSES[index % len(STATUSES)],
            effective=effective[index],
            user=None,
            partner=partner,
        )
        return "ok"

    outcomes, errors = race(work, n=10)

    assert (outcomes, errors) == ({"ok": 10}, [])
    person.refresh_from_db()
    latest = max(range(10), key=lambda i: effective[i])
    assert (person.status, person.status_since) == (STATUSES[latest % 3], effective[latest])
    assert person.status_changes.count() == 11  # the first "seeking" and the ten
