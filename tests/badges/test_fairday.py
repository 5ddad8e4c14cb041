"""Check-in, stand scans, held marks and outcomes count only on the fair's day (06:00 to
06:00 the next day, Europe/Copenhagen); any other day they are refused and nothing changes."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from badges import services
from badges.fairday import fair_day_open, fair_day_window
from badges.models import Badge, CheckIn, DoorAssignment, Scan, StandConversation
from booking.models import Interview
from fair.enums import Role
from fair.models import Student, User
from tests.badges.conftest import company_make, device_client, interview_make, student_make
from tests.conftest import fair_make

CPH = ZoneInfo("Europe/Copenhagen")


def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


@pytest.fixture
def later(db):
    """A fair 60 days ahead (dated 02.02.2027 when today is 04.12.2026)."""
    return fair_make("later2027", days_ahead=60)


def refusal(fair) -> str:
    start, end = fair_day_window(fair_date=fair.date)
    return (
        "Indtjekning, scanninger ved standen og udfald modtages kun på messedagen: "
        f"fra {start.astimezone(CPH):%d.%m.%Y %H:%M} til {end.astimezone(CPH):%d.%m.%Y %H:%M}."
    )


def test_fair_day_runs_from_six_on_the_day_to_six_the_next_morning(later):
    day = later.date
    at = lambda d, h, m=0: datetime(d.year, d.month, d.day, h, m, tzinfo=CPH)  # noqa: E731
    before, after = day - timedelta(days=1), day + timedelta(days=1)
    assert [
        fair_day_open(fair=later, at=moment)
        for moment in (
            at(before, 23, 59),
            at(day, 5, 59),
            at(day, 6),
            at(day, 23, 30),
            at(after, 5, 59),
            at(after, 6),
        )
    ] == [False, False, True, True, True, False]


def test_door_rehearsal_opens_the_door_before_the_day_but_never_after_it(later):
    day = later.date
    at = lambda d, h: datetime(d.year, d.month, d.day, h, tzinfo=CPH)  # noqa: E731
    later.door_rehearsal = True
    moments = (at(day - timedelta(days=30), 12), at(day, 12), at(day + timedelta(days=1), 7))
    door = [fair_day_open(fair=later, at=moment, door=True) for moment in moments]
    assert door == [True, True, False]
    # Stand scans, outcomes and walk-ins are not part of the rehearsal.
    assert [fair_day_open(fair=later, at=moment) for moment in moments] == [False, True, False]


def test_door_rehearsal_checks_in_weeks_ahead_and_the_door_page_says_it_is_a_rehearsal(later):
    later.door_rehearsal = True
    later.save(update_fields=["door_rehearsal"])
    badge = services.badge_issue(fair=later, user=student_make(later).user)
    _device, door = device_client(later)

    response = post(door, "/api/v1/checkin", {"token": badge.token})

    assert (response.status_code, response.json()["result"]) == (200, "ok")
    dorte = User.objects.create_user("door@example.org", name="Dorte", role=Role.DOOR)
    DoorAssignment.objects.create(fair=later, user=dorte)
    client = Client()
    client.force_login(dorte)
    page = client.get(f"/fairs/{later.slug}/door/").content.decode()
    assert f"Prøve ved døren: messen er {later.date:%d.%m.%Y}." in page
    # Turning rehearsal off clears it: on the day the student is not "already checked in".
    later.door_rehearsal = False
    later.save()
    assert CheckIn.objects.filter(fair=later).count() == 0
    assert Scan.objects.filter(fair=later).count() == 0


def test_fair_day_start_is_a_setting(later, settings):
    settings.FAIR_DAY_STARTS = "04:30"
    start, end = fair_day_window(fair_date=later.date)
    assert (start.astimezone(CPH).hour, start.astimezone(CPH).minute) == (4, 30)
    assert end - start == timedelta(days=1)


def test_checkin_before_the_fair_day_is_409_not_fair_day_and_nothing_is_written(later):
    badge = services.badge_issue(fair=later, user=student_make(later).user)
    _device, door = device_client(later)

    response = post(door, "/api/v1/checkin", {"token": badge.token})

    message = refusal(later)
    assert (response.status_code, response.json()) == (
        409,
        {
            "result": "not_fair_day",
            "code": "not_fair_day",
            "detail": message,
            "message": message,
        },
    )
    assert (CheckIn.objects.count(), Scan.objects.count()) == (0, 0)


def test_checkin_on_the_fair_day_is_ok(fair):
    badge = services.badge_issue(fair=fair, user=student_make(fair).user)
    _device, door = device_client(fair)
    response = post(door, "/api/v1/checkin", {"token": badge.token})
    assert (response.status_code, response.json()["result"]) == (200, "ok")


def test_checkin_after_the_fair_is_refused_but_a_queued_scan_from_the_day_counts(db):
    over = fair_make("over2026", days_ahead=-2)
    badge = services.badge_issue(fair=over, user=student_make(over).user)
    _device, door = device_client(over)
    late = post(door, "/api/v1/checkin", {"token": badge.token})
    assert (late.status_code, late.json()["result"]) == (409, "not_fair_day")
    # An offline scan is judged by when it was made, never further back than 24 hours.
    yesterday = fair_make("yesterday", days_ahead=-1)
    mine = services.badge_issue(fair=yesterday, user=student_make(yesterday, email="b@x.dk").user)
    _device, door = device_client(yesterday)
    start, end = fair_day_window(fair_date=yesterday.date)
    made = max(start, datetime.now(CPH) - timedelta(hours=23))
    queued = post(door, "/api/v1/checkin", {"token": mine.token, "scanned_at": made.isoformat()})
    if made < end:  # always, except right after 06:00 when yesterday's day is long over
        assert (queued.status_code, queued.json()["result"]) == (200, "ok")


def test_door_by_name_and_walk_in_are_refused_and_nothing_is_issued_or_saved(later):
    aya = student_make(later)
    dorte = User.objects.create_user("door@example.org", name="Dorte", role=Role.DOOR)
    DoorAssignment.objects.create(fair=later, user=dorte)
    door = Client()
    door.force_login(dorte)
    base = f"/api/v1/fairs/{later.slug}/door"

    by_name = post(door, f"{base}/people/{aya.user.pk}/checkin", {})
    walk_in = post(door, f"{base}/walk-ins", {"name": "Ny Elev", "email": "ny@example.org"})

    assert (by_name.status_code, by_name.json()["result"]) == (409, "not_fair_day")
    assert (walk_in.status_code, walk_in.json()) == (
        409,
        {"code": "not_fair_day", "detail": refusal(later), "message": refusal(later)},
    )
    assert (Badge.objects.count(), CheckIn.objects.count()) == (0, 0)
    assert not User.objects.filter(email="ny@example.org").exists()
    assert Student.objects.filter(fair=later).count() == 1


def test_door_page_says_when_check_in_opens(later):
    dorte = User.objects.create_user("door@example.org", name="Dorte", role=Role.DOOR)
    DoorAssignment.objects.create(fair=later, user=dorte)
    client = Client()
    client.force_login(dorte)
    page = client.get(f"/fairs/{later.slug}/door/").content.decode()
    assert refusal(later) in page


def test_door_page_on_the_fair_day_has_no_notice(fair):
    dorte = User.objects.create_user("door@example.org", name="Dorte", role=Role.DOOR)
    DoorAssignment.objects.create(fair=fair, user=dorte)
    client = Client()
    client.force_login(dorte)
    page = client.get(f"/fairs/{fair.slug}/door/").content.decode()
    assert 'id="door-fairday"' not in page


@pytest.mark.parametrize("rehearsal", [False, True])
def test_stand_scan_held_mark_and_outcome_outside_the_fair_day_are_409(later, client, rehearsal):
    later.door_rehearsal = rehearsal  # a door rehearsal leaves the stands closed
    later.save(update_fields=["door_rehearsal"])
    aya = student_make(later)
    company = company_make(later)
    interview = interview_make(later, student=aya, company=company)
    badge = services.badge_issue(fair=later, user=aya.user)
    client.force_login(company.users.get())
    url = f"/api/v1/fairs/{later.slug}/stand-scans"

    scan = post(client, url, {"token": badge.token})
    Interview.objects.filter(pk=interview.pk).update(status="held")  # as if scanned on the day
    mark = post(client, f"{url}/interview/{interview.pk}/outcome", {"outcome": "trial"})

    for response in (scan, mark):
        assert (response.status_code, response.json()) == (
            409,
            {"code": "not_fair_day", "detail": refusal(later), "message": refusal(later)},
        )
    interview.refresh_from_db()
    assert (interview.status, interview.outcome) == ("held", "none")
    assert StandConversation.objects.count() == 0


def test_stand_page_shows_the_refusal_in_danish(later, client):
    aya = student_make(later)
    company = company_make(later)
    badge = services.badge_issue(fair=later, user=aya.user)
    client.force_login(company.users.get())
    response = client.post(f"/fairs/{later.slug}/stand/", {"token": badge.token})
    assert response.status_code == 422
    assert refusal(later) in response.content.decode()
    assert StandConversation.objects.count() == 0
