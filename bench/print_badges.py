"""Benchmark: `manage.py print_badges` end to end on a fair of 10,000 students.

Run from the project root: ``.venv/bin/python bench/print_badges.py [--students 10000]``.
It builds a throw-away SQLite database with one fair, its students (spread over schools and
classes) and their interviews, then times the real command in a child process (issuing every
badge, reading the schedules, rendering `a4-8`, logging the prints) and reports its wall time
and peak memory. Rewrites the "## Badges (print_badges)" section of bench/RESULTS.md unless
``--no-write``.
"""

import argparse
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from badges_pdf import write_section  # noqa: E402

HEADING = "## Badges (print_badges)"
RUN = (
    "import os, resource, sys; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'fair.settings');"
    "from django.core.management import execute_from_command_line;"
    "execute_from_command_line(['manage.py'] + sys.argv[1:]);"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)"
)
TARGET_SECONDS, TARGET_MB = 20.0, 300.0


def build(db: Path, students: int) -> None:
    """Migrate a fresh database and fill it in bulk (setup, not measured)."""
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{db}"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    code = f"""
import random
from bench.print_badges import fill
fill({students})
"""
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
            "'fair.settings'; django.setup();" + code.replace("\n", ";").strip(";"),
        ],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        check=True,
    )


def fill(students: int) -> None:
    """Students, companies with stands, slots and three interviews per student."""
    from booking.interviews.slots import slots_generate
    from booking.models import Interview, Stand, StandBooking
    from fair.models import Company, School, Student, User
    from tests.conftest import fair_make

    rng = random.Random(1)
    fair = fair_make("bench")
    schools = list(School.objects.all())
    users = User.objects.bulk_create(
        User(email=f"s{n}@bench.example.org", name=f"Elev Ærø Østergård {n}", role="student")
        for n in range(students)
    )
    people = Student.objects.bulk_create(
        Student(
            fair=fair,
            user=u,
            school=rng.choice(schools),
            school_class=f"GF{rng.randint(1, 2)}-{rng.choice('ABCDE')}",
        )
        for u in users
    )
    n_companies = max(students // 12, 1)
    companies = Company.objects.bulk_create(
        Company(
            fair=fair,
            name=f"Firma {n} ApS",
            cvr=f"{20000000 + n}",
            address="Vej 1",
            postcode="2750",
            city="Ballerup",
        )
        for n in range(n_companies)
    )
    stands = Stand.objects.bulk_create(
        Stand(fair=fair, code=f"S{n}", x=n, y=0, width=2, height=2, size_m2=4)
        for n in range(n_companies)
    )
    StandBooking.objects.bulk_create(
        StandBooking(fair=fair, stand=s, company=c, tables=4, status="confirmed")
        for s, c in zip(stands, companies, strict=True)
    )
    slots = slots_generate(fair=fair)
    interviews = []
    for i, student in enumerate(people):
        for k in range(3):
            slot = slots[(i + 5 * k) % len(slots)]
            company = companies[(i * 7 + k * 13) % n_companies]
            table = 1 + (i // len(slots)) % 4
            interviews.append(
                Interview(
                    fair=fair,
                    slot=slot,
                    student=student,
                    company=company,
                    table=table,
                    status="booked",
                )
            )
    Interview.objects.bulk_create(interviews, ignore_conflicts=True, batch_size=2000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=10_000)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db, pdf = Path(tmp) / "bench.sqlite3", Path(tmp) / "badges.pdf"
        build(db, args.students)
        env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{db}"}
        start = time.perf_counter()
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                RUN,
                "print_badges",
                "--fair",
                "bench",
                "--out",
                str(pdf),
                "--layout",
                "a4-8",
                "--role",
                "student",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - start
        # The child reports its own peak: RUSAGE_CHILDREN would include the set-up processes.
        peak_mb = float(done.stderr.strip().splitlines()[-1]) / 1024
        size_mb = pdf.stat().st_size / 1e6
    ok = seconds <= TARGET_SECONDS and peak_mb <= TARGET_MB
    report = f"""
`bench/print_badges.py`: the real `manage.py print_badges --layout a4-8 --role student` on
a fair of {args.students:,} students with 3 interviews each (SQLite), in a child process:
issuing every badge (an Ed25519 signature each), reading each schedule, rendering, logging.

| measure | value | target |
|---|---|---|
| wall time | {seconds:.1f} s ({args.students / seconds:,.0f} badges/s) | ≤ {TARGET_SECONDS:.0f} s |
| peak memory of the command | {peak_mb:.0f} MB | ≤ {TARGET_MB:.0f} MB |
| PDF | {size_mb:.1f} MB | |

Command output: `{done.stdout.strip()}`

Result: {"within target" if ok else "NOT within target"}. Machine: {os.cpu_count()} CPUs,
Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f} at the end.
Badge data is read and drawn one by one; reportlab still keeps each finished page's
content until the file is saved, which is what the peak memory above includes.
"""
    print(report.strip())
    if not args.no_write:
        write_section(report, ROOT / "bench" / "RESULTS.md", heading=HEADING)


if __name__ == "__main__":
    main()
