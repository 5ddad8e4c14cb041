"""Badges printed by print_badges, scanned back by zbar, checked in through the API."""

import getpass
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test import Client
from django.utils import timezone

from badges import selectors, services
from badges.models import Badge, BadgeEvent, CheckIn, DoorAssignment, Scan
from fair.enums import Role
from fair.models import Fair, User
from tests.badges.conftest import company_make, device_client, interview_make, student_make
from tests.conftest import bearer, fair_make


def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def iso(value):
    """A time as the API writes it (Django's JSON encoder: milliseconds, Z)."""
    return DjangoJSONEncoder().default(value)


def test_printed_badges_scan_and_check_in_ok_duplicate_invalid_revoked(
    fair, school, tmp_path, decode_qr
):
    aya = student_make(fair, school=school, klass="GF2-B")
    student_make(fair, name="Bo Ørsted", email="bo@example.org", school=school, klass="GF2-A")
    company = company_make(fair)
    interview_make(fair, student=aya, company=company)
    out = tmp_path / "badges.pdf"
    call_command("print_badges", "--fair", fair.slug, "--out", str(out), "--layout", "a4-8")

    tokens = decode_qr(out.read_bytes(), tmp_path)
    badges = {b.token: b.user.name for b in Badge.objects.select_related("user")}
    assert sorted(badges[t] for t in tokens) == ["Aya Hussein", "Bo Ørsted", "Per Holm"]
    # Print order: students by school and class (GF2-A before GF2-B), then companies.
    printed = selectors.badge_print_queryset(fair=fair)
    assert [b.user.name for b in printed] == ["Bo Ørsted", "Aya Hussein", "Per Holm"]
    tokens = [b.token for b in printed if b.token in tokens]
    assert CheckIn.objects.count() == 0  # printing never marks anyone present

    _device, door = device_client(fair)
    aya_token = tokens[1]
    first = post(door, "/api/v1/checkin", {"token": aya_token})
    at = CheckIn.objects.get().checked_in_at
    assert (first.status_code, first.json()) == (
        200,
        {"result": "ok", "name": "Aya Hussein", "role": "student", "checked_in_at": iso(at)},
    )
    again = post(door, "/api/v1/checkin", {"token": aya_token})
    assert (again.status_code, again.json()) == (
        409,
        {
            "result": "duplicate",
            "name": "Aya Hussein",
            "role": "student",
            "first_checked_in_at": iso(at),
        },
    )
    # One character changed: still the right alphabet and length, but the signature fails.
    altered = tokens[0][:40] + ("A" if tokens[0][40] != "A" else "B") + tokens[0][41:]
    bad = post(door, "/api/v1/checkin", {"token": altered})
    assert (bad.status_code, bad.json()) == (422, {"result": "invalid"})

    old = Badge.objects.get(token=tokens[0])
    organizer = User.objects.create_user("org@example.org", name="Ole", role=Role.ORGANIZER)
    new = services.badge_reissue(badge=old, by=organizer, reason="Lost at the entrance")
    revoked = post(door, "/api/v1/checkin", {"token": tokens[0]})
    assert (revoked.status_code, revoked.json()) == (
        422,
        {"result": "revoked", "name": "Bo Ørsted", "role": "student"},
    )
    ok = post(door, "/api/v1/checkin", {"token": new.token})
    assert (ok.status_code, ok.json()["result"], ok.json()["name"]) == (200, "ok", "Bo Ørsted")
    assert sorted(CheckIn.objects.values_list("user__name", flat=True)) == [
        "Aya Hussein",
        "Bo Ørsted",
    ]
    assert list(Scan.objects.order_by("pk").values_list("result", flat=True)) == [
        "ok",
        "duplicate",
        "invalid",
        "revoked",
        "ok",
    ]
    assert list(
        BadgeEvent.objects.filter(badge__user__name="Bo Ørsted")
        .order_by("pk")
        .values_list("kind", "by__email", "reason")
    ) == [
        ("issue", None, ""),
        ("print", None, f"print_badges (OS user {getpass.getuser()})"),
        ("reissue", "org@example.org", "Lost at the entrance"),
    ]


def test_checkin_refuses_missing_or_wrong_device_token(fair):
    badge = services.badge_issue(fair=fair, user=student_make(fair).user)
    for client in (Client(), Client(headers={"Authorization": "Bearer pmd_nope"})):
        response = post(client, "/api/v1/checkin", {"token": badge.token})
        assert response.status_code == 401
        assert response.json()["code"] == "unauthorized"
    assert CheckIn.objects.count() == 0


def test_checkin_device_of_another_fair_says_invalid(fair):
    other = fair_make("other2027")
    badge = services.badge_issue(fair=other, user=student_make(other).user)
    _device, door = device_client(fair)
    response = post(door, "/api/v1/checkin", {"token": badge.token})
    assert (response.status_code, response.json()) == (422, {"result": "invalid"})
    assert CheckIn.objects.count() == 0


def test_checkin_with_door_staff_api_token(fair):
    badge = services.badge_issue(fair=fair, user=student_make(fair).user)
    door_user = User.objects.create_user("door@example.org", name="Dorte", role=Role.DOOR)
    DoorAssignment.objects.create(fair=fair, user=door_user)
    response = post(bearer(door_user), "/api/v1/checkin", {"token": badge.token.lower()})
    assert (response.status_code, response.json()["result"]) == (200, "ok")
    assert CheckIn.objects.get().by == door_user
    student_user = badge.user
    refused = post(bearer(student_user), "/api/v1/checkin", {"token": badge.token})
    assert refused.status_code == 401


def test_checkin_nonce_makes_a_retried_upload_count_once(fair):
    badge = services.badge_issue(fair=fair, user=student_make(fair).user)
    _device, door = device_client(fair)
    body = {"token": badge.token, "nonce": "c0ffee-1"}
    first, retry = post(door, "/api/v1/checkin", body), post(door, "/api/v1/checkin", body)
    assert (first.status_code, retry.status_code) == (200, 200)
    assert first.json() == retry.json()
    assert (Scan.objects.count(), CheckIn.objects.count()) == (1, 1)
    other = post(door, "/api/v1/checkin", {"token": badge.token, "nonce": "c0ffee-2"})
    assert (other.status_code, other.json()["result"]) == (409, "duplicate")


def test_checkin_offline_scan_keeps_its_time_but_never_the_future(fair):
    badge = services.badge_issue(fair=fair, user=student_make(fair).user)
    _device, door = device_client(fair)
    when = (timezone.now() - timedelta(minutes=7)).replace(microsecond=0)
    response = post(door, "/api/v1/checkin", {"token": badge.token, "scanned_at": iso(when)})
    assert response.json()["checked_in_at"] == iso(when)


@pytest.mark.parametrize("body", [{}, {"token": 5}, {"token": "AB", "nonce": "n" * 65}])
def test_checkin_bad_body_is_422_with_message(fair, body):
    _device, door = device_client(fair)
    response = post(door, "/api/v1/checkin", body)
    assert (response.status_code, response.json()["code"]) == (422, "invalid_input")


def test_checkin_queries_ok_and_duplicate(fair, django_assert_num_queries):
    badge = services.badge_issue(fair=fair, user=student_make(fair).user)
    _device, door = device_client(fair)
    # PostgreSQL: device, badge, one statement that checks in and logs (either answer).
    # SQLite: device, badge, INSERT … ON CONFLICT, scan log, in a transaction (a savepoint
    # pair inside the test's transaction); a duplicate reads the first check-in's time.
    postgres = connection.vendor == "postgresql"
    with django_assert_num_queries(3 if postgres else 6):
        assert post(door, "/api/v1/checkin", {"token": badge.token}).status_code == 200
    with django_assert_num_queries(3 if postgres else 7):
        assert post(door, "/api/v1/checkin", {"token": badge.token}).status_code == 409


def test_checkin_any_text_up_to_2000_characters_is_invalid_longer_still_says_invalid(fair):
    badge = services.badge_issue(fair=fair, user=student_make(fair).user)
    _device, door = device_client(fair)
    for text in ("x" * 201, badge.token + "A" * 300, "Æ" * 2000):
        response = post(door, "/api/v1/checkin", {"token": text})
        assert (response.status_code, response.json()) == (422, {"result": "invalid"})
    too_long = post(door, "/api/v1/checkin", {"token": "x" * 2001})
    assert (too_long.status_code, too_long.json()) == (
        422,
        {"result": "invalid", "code": "invalid_input", "detail": "Navneskiltets kode er for lang."},
    )
    assert list(Scan.objects.values_list("result", flat=True)) == ["invalid"] * 3
    assert CheckIn.objects.count() == 0


def test_checkin_reused_nonce_for_another_badge_is_a_new_scan(fair):
    aya = services.badge_issue(fair=fair, user=student_make(fair).user)
    bo_student = student_make(fair, name="Bo Ørsted", email="bo@example.org")
    bo = services.badge_issue(fair=fair, user=bo_student.user)
    _device, door = device_client(fair)
    first = post(door, "/api/v1/checkin", {"token": aya.token, "nonce": "n-1"})
    second = post(door, "/api/v1/checkin", {"token": bo.token, "nonce": "n-1"})
    assert (first.json()["name"], second.status_code, second.json()["result"]) == (
        "Aya Hussein",
        200,
        "ok",
    )
    assert second.json()["name"] == "Bo Ørsted"
    retry = post(door, "/api/v1/checkin", {"token": aya.token, "nonce": "n-1"})
    assert (retry.status_code, retry.json()) == (200, first.json())
    assert sorted(CheckIn.objects.values_list("user__name", flat=True)) == [
        "Aya Hussein",
        "Bo Ørsted",
    ]
    bad = post(door, "/api/v1/checkin", {"token": "NOPE", "nonce": "n-1"})
    assert (bad.status_code, bad.json()) == (422, {"result": "invalid"})


def on_fair_day(fairs) -> None:
    """Move seeded fairs to today: the door checks in only on the fair's day."""
    from badges.fairday import fair_day_of

    fairs.update(date=fair_day_of())


def test_seeded_door_user_refuses_a_badge_of_another_fair(tmp_path, db):
    import csv
    import io

    path = tmp_path / "tokens.csv"
    seed = ["seed_demo", "--students", "3", "--companies", "2"]
    call_command(*seed, "--fair", "demo", "--api-tokens", str(path), stdout=io.StringIO())
    call_command(*seed, "--fair", "messe2", stdout=io.StringIO())
    on_fair_day(Fair.objects.filter(slug__in=["demo", "messe2"]))
    rows = list(csv.DictReader(io.StringIO(path.read_text())))
    door_user = next(row for row in rows if row["role"] == "door")
    assert door_user["email"] == "door@demo.example.org"
    door = Client(headers={"Authorization": f"Bearer {door_user['token']}"})
    demo, messe2 = Fair.objects.get(slug="demo"), Fair.objects.get(slug="messe2")
    other = services.badge_issue(fair=messe2, user=messe2.students.first().user)
    own = services.badge_issue(fair=demo, user=demo.students.first().user)

    refused = post(door, "/api/v1/checkin", {"token": other.token})
    assert (refused.status_code, refused.json()) == (422, {"result": "invalid"})
    named = post(door, "/api/v1/checkin", {"token": other.token, "fair": "demo"})
    assert (named.status_code, named.json()) == (422, {"result": "invalid"})
    unknown = post(door, "/api/v1/checkin", {"token": own.token, "fair": "nowhere"})
    assert (unknown.status_code, unknown.json()) == (422, {"result": "invalid"})
    ok = post(door, "/api/v1/checkin", {"token": own.token})
    assert (ok.status_code, ok.json()["result"]) == (200, "ok")
    # At the other fair's door (the door page names its fair) that fair's badges check in.
    there = post(door, "/api/v1/checkin", {"token": other.token, "fair": "messe2"})
    assert (there.status_code, there.json()["result"]) == (200, "ok")
    assert sorted(CheckIn.objects.values_list("fair__slug", flat=True)) == ["demo", "messe2"]
    assert list(
        Scan.objects.filter(result="invalid").order_by("pk").values_list("fair__slug", flat=True)
    ) == ["demo", "demo"]


def test_door_staff_without_fair_checks_in_only_at_the_next_public_fair(fair):
    later = fair_make("later2028", days_ahead=400)
    over = fair_make("over2025", days_ahead=-3)
    door_user = User.objects.create_user("door@example.org", name="Dorte", role=Role.DOOR)
    for assigned in (fair, later, over):
        DoorAssignment.objects.create(fair=assigned, user=door_user)
    door = bearer(door_user)
    badges = {
        f.slug: services.badge_issue(
            fair=f, user=student_make(f, email=f"aya@{f.slug}.example.org").user
        )
        for f in (fair, later, over)
    }
    answers = {
        slug: post(door, "/api/v1/checkin", {"token": b.token}).json()["result"]
        for slug, b in badges.items()
    }
    assert answers == {"test2027": "ok", "later2028": "invalid", "over2025": "invalid"}
