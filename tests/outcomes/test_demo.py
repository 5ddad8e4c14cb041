"""seed_demo answers follow-ups for about half of the published interviews, deterministically."""

import io

import pytest
from django.core.management import call_command

from fair.enums import PlacementStatus
from outcomes.models import Outcome

pytestmark = pytest.mark.django_db


def outcomes_of(slug):
    rows = Outcome.objects.filter(fair__slug=slug).order_by(
        "student__user__email", "company__cvr", "recorded_at", "pk"
    )
    return [
        (o.student.user.email, o.company.cvr, o.kind, o.start_date, o.reporter_role)
        for o in rows.select_related("student__user", "company")
    ]


def test_seed_demo_gives_published_interviews_outcomes_the_same_for_a_seed(db):
    args = ["--fair", "demo", "--students", "40", "--companies", "6", "--seed", "3"]
    call_command("seed_demo", *args, stdout=io.StringIO())
    first = outcomes_of("demo")
    kinds = {kind for _e, _c, kind, _s, _r in first}
    assert kinds == {"nothing", "trial_days", "training_agreement"}
    agreed = {email for email, _c, kind, _s, _r in first if kind == "training_agreement"}
    placed = Outcome.objects.filter(
        student__user__email__in=agreed, student__placement_status=PlacementStatus.HAS_PLACEMENT
    )
    assert placed.values("student").distinct().count() == len(agreed)
    call_command("seed_demo", *args, "--reset", stdout=io.StringIO())
    assert outcomes_of("demo") == first
