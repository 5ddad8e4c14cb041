import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from fair.models import Company, Fair, Student, User
from fair.phases import company_registration_open, student_registration_open


def seed(*args):
    call_command("seed_demo", *args, stdout=io.StringIO())


def snapshot(slug):
    fair = Fair.objects.get(slug=slug)
    companies = [
        (c.name, c.cvr, sorted(o.programme.code for o in c.offers.all()))
        for c in Company.objects.filter(fair=fair)
        .order_by("cvr")
        .prefetch_related("offers__programme")
    ]
    students = [
        (s.user.email, s.user.name, s.school_class, sorted(p.code for p in s.programmes.all()))
        for s in Student.objects.filter(fair=fair).order_by("user__email").select_related("user")
    ]
    return companies, students


def test_seed_demo_creates_a_fair_with_companies_students_and_staff(db):
    seed("--fair", "demo", "--students", "30", "--companies", "6")
    fair = Fair.objects.get(slug="demo")
    assert (fair.companies.count(), fair.students.count()) == (6, 30)
    assert User.objects.filter(role="organizer", is_staff=True).count() == 1
    assert User.objects.filter(role="door").count() == 1
    assert student_registration_open(fair) and company_registration_open(fair)
    # every demo student lives somewhere, so the dashboard's municipality table is not empty
    assert not fair.students.filter(municipality__isnull=True).exists()
    assert fair.students.values("municipality").distinct().count() > 2


def test_seed_demo_is_deterministic_for_a_seed(db):
    seed("--fair", "demo", "--students", "20", "--companies", "5", "--seed", "7")
    first = snapshot("demo")
    seed("--fair", "demo", "--students", "20", "--companies", "5", "--seed", "7", "--reset")
    assert snapshot("demo") == first
    seed("--fair", "demo", "--students", "20", "--companies", "5", "--seed", "8", "--reset")
    assert snapshot("demo") != first


def test_seed_demo_refuses_an_existing_fair_without_reset(db):
    seed("--fair", "demo", "--students", "3", "--companies", "2")
    with pytest.raises(CommandError, match="exists already; use --reset"):
        seed("--fair", "demo", "--students", "5", "--companies", "2")
    assert Fair.objects.get(slug="demo").students.count() == 3


def test_seed_demo_reset_leaves_no_orphan_users(db):
    seed("--fair", "demo", "--students", "5", "--companies", "2")
    seed("--fair", "demo", "--students", "5", "--companies", "2", "--reset")
    # The demo fair's people plus those of its two earlier fairs (fair/dashboard/demo_history).
    assert User.objects.filter(role="student").count() == 5 + 3 + 4
    assert not User.objects.filter(role="student", students__isnull=True).exists()
    assert not User.objects.filter(role="company", companies__isnull=True).exists()


def test_seed_demo_api_tokens_csv_has_working_bearer_tokens(db, tmp_path):
    path = tmp_path / "tokens.csv"
    seed("--fair", "demo", "--students", "4", "--companies", "2", "--api-tokens", str(path))
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["email", "role", "token"]
    roles = [row["role"] for row in rows]
    assert roles.count("student") == 4 and roles.count("company") == 2
    assert {"organizer", "door"} <= set(roles)
    student = next(row for row in rows if row["role"] == "student")
    me = Client(headers={"Authorization": f"Bearer {student['token']}"}).get("/api/v1/me")
    assert me.json()["email"] == student["email"]


def test_seed_demo_api_tokens_folder_must_exist(db, tmp_path):
    with pytest.raises(CommandError, match="the folder does not exist"):
        seed("--fair", "demo", "--api-tokens", str(tmp_path / "nope" / "t.csv"))
    assert not Fair.objects.filter(slug="demo").exists()


def test_seed_demo_adds_two_earlier_fairs_with_interviews_held(db):
    from booking.models import Interview

    seed("--fair", "demo", "--students", "20", "--companies", "5", "--seed", "3")
    fairs = list(Fair.objects.order_by("date"))
    assert [f.slug for f in fairs] == ["demo-earlier-2", "demo-earlier-1", "demo"]
    year = fairs[2].date.year
    assert [f.date.year for f in fairs] == [year - 2, year - 1, year]
    assert [f.is_public for f in fairs] == [False, False, True]
    assert [f.students.count() for f in fairs] == [12, 16, 20]
    for fair in fairs[:2]:
        assert Interview.objects.filter(fair=fair, status="held").exists()
        # The same organisations come back: every earlier company is one of this year's.
        cvrs = set(fairs[2].companies.values_list("cvr", flat=True))
        assert set(fair.companies.values_list("cvr", flat=True)) <= cvrs
    first = [snapshot(f.slug) for f in fairs[:2]]
    seed("--fair", "demo", "--students", "20", "--companies", "5", "--seed", "3", "--reset")
    assert [snapshot(s) for s in ("demo-earlier-2", "demo-earlier-1")] == first
