"""Benchmark: the organizers' overview counts on a 10,000-student, 3-year demo.

Run from the project root: ``.venv/bin/python bench/overview.py [--students 10000]``.
It builds a throw-away SQLite database (or uses ``--database-url``) with three fairs, one a
year, each with N students (a quarter with two programmes, mostly of one trade group), 4 %
as many companies with offers and organisation approvals, and a mapping register of N people
with status histories over three years. Then it times `fair_overview` of the newest fair
with the page rendered (and, apart, `register_counts` by trade group and municipality),
checks that the number of queries does not depend on the size, and rewrites the
"## Organizers' overview" section of bench/RESULTS.md unless ``--no-write``.
"""

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

HEADING = "## Organizers' overview"
TARGET_MS = 200.0
RUNS = 15


def fill(students: int, rng: random.Random):
    """Three fairs with students, companies, approvals, and the register (setup, not timed)."""
    from fair.models import (
        Company,
        CompanyProgramme,
        Municipality,
        Organisation,
        OrganisationApproval,
        Programme,
        Student,
        User,
    )
    from partners.models import Contribution, MappedStudent, Partner, StatusChange
    from tests.conftest import fair_make

    programmes = list(Programme.objects.order_by("code"))
    by_area: dict[str, list] = {}
    for p in programmes:
        by_area.setdefault(p.main_area, []).append(p)
    places = list(Municipality.objects.all())
    fairs = [fair_make(f"bench{year}", days_ahead=60 - 365 * year) for year in (2, 1, 0)]
    organisations = Organisation.objects.bulk_create(
        Organisation(cvr=f"{20000000 + n}", name=f"Firma {n}") for n in range(students // 25)
    )
    OrganisationApproval.objects.bulk_create(
        OrganisationApproval(organisation=o, programme=rng.choice(programmes), status=status)
        for o in organisations
        for status in rng.sample(["approved", "applied", "not_approved"], 2)
    )
    for number, fair in enumerate(fairs):
        users = User.objects.bulk_create(
            User(email=f"s{number}-{n}@bench.example.org", name=f"Elev {n}", role="student")
            for n in range(students)
        )
        people = Student.objects.bulk_create(
            Student(
                fair=fair,
                user=u,
                placement_status=rng.choices(
                    ["seeking", "school_training", "has_placement"], [75, 15, 10]
                )[0],
            )
            for u in users
        )
        links = []
        for person in people:
            main = rng.choice(programmes)
            links.append((person.pk, main.pk))
            if rng.random() < 0.25:
                links.append((person.pk, rng.choice(by_area[main.main_area]).pk))
        Student.programmes.through.objects.bulk_create(
            [Student.programmes.through(student_id=s, programme_id=p) for s, p in set(links)]
        )
        companies = Company.objects.bulk_create(
            Company(
                fair=fair,
                organisation=o,
                name=o.name,
                cvr=o.cvr,
                address="Vej 1",
                postcode="2750",
                city="Ballerup",
            )
            for o in organisations
        )
        CompanyProgramme.objects.bulk_create(
            CompanyProgramme(
                company=c,
                programme=p,
                approved=rng.random() < 0.7,
                placements=rng.randint(1, 4),
            )
            for c in companies
            for p in rng.sample(programmes, rng.choice([1, 1, 2, 3]))
        )
    partner = Partner.objects.create(name="Bench partner", kind="jobcenter")
    today = date.today()
    register = MappedStudent.objects.bulk_create(
        MappedStudent(
            name=f"Person {n}",
            name_key=f"person {n}",
            municipality=rng.choice(places),
            seeking_since=today - timedelta(days=rng.randint(0, 3 * 365)),
            status_since=today,
        )
        for n in range(students)
    )
    MappedStudent.programmes.through.objects.bulk_create(
        MappedStudent.programmes.through(mappedstudent=p, programme=rng.choice(programmes))
        for p in register
    )
    Contribution.objects.bulk_create(
        Contribution(person=p, partner=partner, source="csv") for p in register
    )
    changes = []
    for p in register:
        changes.append(StatusChange(person=p, status="seeking", effective=p.seeking_since))
        if rng.random() < 0.5:
            later = p.seeking_since + timedelta(days=rng.randint(10, 300))
            status = rng.choice(["school_training", "training_agreement", "trial_days"])
            changes.append(StatusChange(person=p, status=status, effective=min(later, today)))
    StatusChange.objects.bulk_create(changes)
    return fairs[-1]


def measure(fair) -> dict:
    """Median wall time of the overview (counts and page) and of the register counts."""
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from fair.dashboard.overview import fair_overview
    from partners.counting import register_counts

    translation.activate("da")
    overview, page, register = [], [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        data = fair_overview(fair=fair)
        overview.append(time.perf_counter() - start)
        render_to_string("dashboard/overview.html", {"overview": data, "csrf_token": "x"})
        page.append(time.perf_counter() - start)
        start = time.perf_counter()
        register_counts(group_by=["trade", "municipality"])
        register.append(time.perf_counter() - start)
    with CaptureQueriesContext(connection) as queries:
        fair_overview(fair=fair)
    return {
        "overview": statistics.median(overview) * 1000,
        "page": statistics.median(page) * 1000,
        "register": statistics.median(register) * 1000,
        "queries": len(queries.captured_queries),
        "students": fair.students.count(),
        "seeking": data.students["seeking"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=10_000)
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    parser.add_argument("--no-write", action="store_true", help="do not touch RESULTS.md")
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    url = args.database_url or f"sqlite:///{folder.name}/bench.sqlite3"
    os.environ.update(DATABASE_URL=url, DEBUG="1", DJANGO_SETTINGS_MODULE="fair.settings")
    os.environ.setdefault("FAIR_LOG_LEVEL", "ERROR")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    small = fill_and_measure(students=100, seed=2)
    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    from fair.data.load import load_reference_data
    from fair.models import Municipality, Programme, School

    load_reference_data(Programme, Municipality, School)
    big = fill_and_measure(students=args.students, seed=1)
    queries = f"{big['queries']} / {small['queries']}"
    engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    met = big["page"] < TARGET_MS and big["queries"] <= small["queries"]
    report = f"""`bench/overview.py`: `fair_overview` of the newest of three fairs (one a year),
each with {args.students:,} students (a quarter with two programmes, mostly of one trade group),
{args.students // 25:,} companies with offers and organisation approvals, and a mapping
register of {args.students:,} people with status histories over three years; {engine},
median of {RUNS} runs after building the data.

| measure | value | target |
|---|---|---|
| overview counts (`fair_overview`) | {big["overview"]:.1f} ms | |
| overview counts + page rendered | {big["page"]:.1f} ms | < {TARGET_MS:.0f} ms |
| queries at {args.students:,} / at 100 students | {queries} | not more |
| register counts by trade group × municipality (`register_counts`) | {big["register"]:.1f} ms | |

Result: {"within target" if met else "NOT within target"} ({big["seeking"]:,} of
{big["students"]:,} students seeking). Machine: {os.cpu_count()} CPUs, Python
{platform.python_version()}, {date.today():%Y-%m-%d}.
"""
    print(report)
    if not args.no_write:
        from badges_pdf import write_section

        write_section(report, ROOT / "bench" / "RESULTS.md", heading=HEADING)


def fill_and_measure(*, students: int, seed: int) -> dict:
    return measure(fill(students, random.Random(seed)))


if __name__ == "__main__":
    main()
