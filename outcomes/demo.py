"""Demo outcomes for a fair's published interviews: deterministic for a random stream."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from django.utils import timezone

from booking.enums import ACTIVE_INTERVIEW
from booking.models import Interview
from fair.models import Fair
from outcomes.enums import OutcomeKind, OutcomeSource, ReporterRole
from outcomes.services import record_outcome

TZ = ZoneInfo("Europe/Copenhagen")


def _when(fair: Fair, weeks: int) -> datetime:
    """The day of a follow-up round, or now for a fair still ahead (no reports from the future)."""
    day = datetime.combine(fair.date + timedelta(weeks=weeks), time(10), tzinfo=TZ)
    return min(day, timezone.now())


def _report(kind, start=None, end=None, weeks=2, *, student, company, reporter, role, fair):
    return record_outcome(
        student=student,
        company=company,
        kind=kind,
        reported_by=reporter,
        reporter_role=role,
        source=OutcomeSource.DEMO,
        start_date=start,
        end_date=end,
        at=_when(fair, weeks),
    )


def outcomes_seed(*, fair: Fair, rng: random.Random) -> int:
    """Answers to the follow-ups for about half of the fair's interviews; return how many rows.

    Most led to nothing, a quarter to trial days, some to a training agreement (a third of
    those after trial days first, so the history shows both reports).
    """
    interviews = (
        Interview.objects.filter(fair=fair, status__in=ACTIVE_INTERVIEW)
        .select_related("student__user", "company")
        .prefetch_related("company__users")
        # By natural keys, not pks: the same seed gives the same outcomes after --reset.
        .order_by("student__user__email", "company__cvr")
    )
    rows = 0
    for interview in interviews:
        if rng.random() >= 0.55:
            continue
        student, company = interview.student, interview.company
        contacts = sorted(company.users.all(), key=lambda u: u.pk)
        by_student = rng.random() < 0.6 or not contacts
        reporter = student.user if by_student else contacts[0]
        role = ReporterRole.STUDENT if by_student else ReporterRole.COMPANY
        draw = rng.random()

        report = partial(
            _report, student=student, company=company, reporter=reporter, role=role, fair=fair
        )

        if draw < 0.6:
            report(OutcomeKind.NOTHING)
            rows += 1
            continue
        trial_start = fair.date + timedelta(days=rng.randint(7, 30))
        if draw < 0.85 or rng.random() < 0.33:
            report(OutcomeKind.TRIAL_DAYS, trial_start, trial_start + timedelta(rng.randint(1, 4)))
            rows += 1
        if draw >= 0.85:
            start = fair.date + timedelta(days=rng.randint(40, 120))
            report(OutcomeKind.TRAINING_AGREEMENT, start, weeks=8)
            rows += 1
    return rows
