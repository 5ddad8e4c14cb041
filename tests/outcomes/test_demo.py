"""seed_demo answers follow-ups for about half of the interviews of the earlier fairs,
deterministically; the demo fair itself is ahead, so nobody has reported on it yet."""

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


def test_seed_demo_gives_earlier_fairs_interviews_outcomes_the_same_for_a_seed(db):
    args = ["--fair", "demo", "--students", "60", "--companies", "6", "--seed", "3"]
    call_command("seed_demo", *args, stdout=io.StringIO())
    assert outcomes_of("demo") == []  # the demo fair is weeks ahead
    first = outcomes_of("demo-earlier-1") + outcomes_of("demo-earlier-2")
    kinds = {kind for _e, _c, kind, _s, _r in first}
    assert kinds == {"nothing", "trial_days", "training_agreement"}
    agreed = {email for email, _c, kind, _s, _r in first if kind == "training_agreement"}
    placed = Outcome.objects.filter(
        student__user__email__in=agreed, student__placement_status=PlacementStatus.HAS_PLACEMENT
    )
    assert placed.values("student").distinct().count() == len(agreed)
    call_command("seed_demo", *args, "--reset", stdout=io.StringIO())
    assert outcomes_of("demo-earlier-1") + outcomes_of("demo-earlier-2") == first


def test_seed_demo_earlier_fairs_students_enter_the_register_from_their_own_sign_up(
    db, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from partners.models import MappedStudent

    args = ["--fair", "demo", "--students", "30", "--companies", "4", "--seed", "2"]
    with django_capture_on_commit_callbacks(execute=True):  # sign-ups feed it after commit
        call_command("seed_demo", *args, stdout=io.StringIO())
    earliest = MappedStudent.objects.filter(student__fair__slug="demo-earlier-2")
    assert earliest.exists()
    # Signed up about two years before the demo fair, not today.
    year_ago = timezone.localdate() - timedelta(days=300)
    assert all(p.seeking_since < year_ago for p in earliest)
    assert all(p.status_since < year_ago or p.status != "seeking" for p in earliest)
