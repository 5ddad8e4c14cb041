"""Pages: the person's own badge, the door page's access, the commands."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from badges.models import Badge, BadgeEvent, CheckIn, DoorAssignment, DoorDevice
from fair.enums import Role
from fair.models import User
from tests.badges.conftest import company_make, student_make


def test_me_links_and_downloads_own_badge_without_checking_in(fair, client, decode_qr, tmp_path):
    aya = student_make(fair)
    client.force_login(aya.user)
    me = client.get("/me/").content.decode()
    assert 'href="/me/badge.pdf"' in me and "Hent dit navneskilt (PDF)" in me
    response = client.get("/me/badge.pdf")
    assert response["Content-Type"] == "application/pdf"
    badge = Badge.objects.get()
    assert decode_qr(response.content, tmp_path) == [badge.token]
    client.get("/me/badge.pdf")
    assert list(BadgeEvent.objects.values_list("kind", flat=True)) == ["issue", "print", "print"]
    assert Badge.objects.count() == 1 and CheckIn.objects.count() == 0


def test_me_badge_needs_login(client):
    assert client.get("/me/badge.pdf").status_code == 302


def test_door_page_for_door_staff_device_link_but_not_students(fair, client):
    assert Client().get(f"/fairs/{fair.slug}/door/").status_code == 200  # device-link mode
    dorte = User.objects.create_user("door@example.org", name="D", role=Role.DOOR)
    DoorAssignment.objects.create(fair=fair, user=dorte)
    client.force_login(dorte)
    page = client.get(f"/fairs/{fair.slug}/door/").content.decode()
    assert "Indtjekning ved døren" in page and '"session": true' in page
    student_client = Client()
    student_client.force_login(student_make(fair).user)
    assert student_client.get(f"/fairs/{fair.slug}/door/").status_code == 403


def test_create_door_device_prints_a_working_token(fair):
    out = io.StringIO()
    call_command("create_door_device", "--fair", fair.slug, "--name", "Indgang 3", stdout=out)
    key = out.getvalue().strip()
    device = DoorDevice.objects.get()
    assert (device.name, device.key_hash) == ("Indgang 3", DoorDevice.hash_key(key))
    response = Client(headers={"Authorization": f"Bearer {key}"}).get(
        f"/api/v1/fairs/{fair.slug}/door/counts"
    )
    assert response.json()["total"] == 0
    with pytest.raises(CommandError, match="No fair 'nope'"):
        call_command("create_door_device", "--fair", "nope", "--name", "X")


def test_print_badges_by_role_only_that_role(fair, tmp_path, decode_qr):
    student_make(fair)
    company = company_make(fair)
    out = tmp_path / "c.pdf"
    call_command(
        "print_badges",
        "--fair",
        fair.slug,
        "--out",
        str(out),
        "--layout",
        "single",
        "--role",
        "company",
        stdout=io.StringIO(),
    )
    assert decode_qr(out.read_bytes(), tmp_path) == [
        Badge.objects.get(user=company.users.get()).token
    ]
    assert Badge.objects.count() == 1


def test_print_badges_by_logs_who_printed_and_refuses_an_unknown_user(fair, tmp_path):
    aya = student_make(fair)
    User.objects.create_user("org@example.org", name="Ole", role=Role.ORGANIZER)
    out = tmp_path / "s.pdf"
    args = ["print_badges", "--fair", fair.slug, "--out", str(out), "--layout", "single"]
    call_command(*args, "--by", "ORG@example.org", stdout=io.StringIO())
    assert list(
        BadgeEvent.objects.filter(badge__user=aya.user)
        .order_by("pk")
        .values_list("kind", "by__email", "reason")
    ) == [("issue", "org@example.org", ""), ("print", "org@example.org", "print_badges")]
    with pytest.raises(CommandError, match="No user with the e-mail address 'nobody@x.org'."):
        call_command(*args, "--by", "nobody@x.org", stdout=io.StringIO())
    assert BadgeEvent.objects.count() == 4 and CheckIn.objects.count() == 0  # Aya and Ole


def test_seed_demo_door_tokens_check_in(tmp_path, db):
    path = tmp_path / "tokens.csv"
    call_command(
        "seed_demo",
        "--fair",
        "demo",
        "--students",
        "3",
        "--companies",
        "2",
        "--api-tokens",
        str(path),
        stdout=io.StringIO(),
    )
    rows = list(csv.DictReader(io.StringIO(path.read_text())))
    doors = [row for row in rows if row["role"] == "door"]
    assert [row["email"] for row in doors] == ["door@demo.example.org", "door-device:Indgang 1"]
    student = next(row for row in rows if row["role"] == "student")
    from badges.services import badge_issue
    from fair.models import Fair

    # The demo fair is weeks ahead; the seeded door works today because it is in rehearsal.
    fair = Fair.objects.get(slug="demo")
    assert fair.date > timezone.localdate() and fair.door_rehearsal
    token = badge_issue(fair=fair, user=User.objects.get(email=student["email"])).token
    results = []
    for row in doors:
        client = Client(headers={"Authorization": f"Bearer {row['token']}"})
        response = client.post(
            "/api/v1/checkin", data={"token": token}, content_type="application/json"
        )
        results.append((response.status_code, response.json()["result"]))
    assert sorted(results) == [(200, "ok"), (409, "duplicate")]
    # With rehearsal off, the same door refuses until the fair's day.
    Fair.objects.filter(pk=fair.pk).update(door_rehearsal=False)
    other = next(r for r in rows if r["role"] == "student" and r["email"] != student["email"])
    token = badge_issue(fair=fair, user=User.objects.get(email=other["email"])).token
    client = Client(headers={"Authorization": f"Bearer {doors[0]['token']}"})
    response = client.post(
        "/api/v1/checkin", data={"token": token}, content_type="application/json"
    )
    assert (response.status_code, response.json()["result"]) == (409, "not_fair_day")
