"""Benchmark of the interview scheduler on generated fairs; writes the "## Scheduler" section
of bench/RESULTS.md.

    .venv/bin/python bench/scheduler.py [--sizes 600,3000,10000] [--seed 1] [--time-limit 10]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from booking.scheduler import (  # noqa: E402 - needs the path above
    Company,
    Fixed,
    Instance,
    Meeting,
    Slot,
    Student,
    Wish,
    score_of,
    solve,
    violations,
)
from booking.scheduler.fairness import with_fairness  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADING = "## Scheduler"
RANK_WEIGHT = (10, 8, 6, 5, 4)  # rank 1..5, the weight the adapter is advised to use
MUTUAL_BONUS = 5  # the company flagged the student too
N_TRADES = 12


def generate(
    n_students: int,
    seed: int,
    *,
    limits: bool = True,
    fixed_share: float = 0.03,
    coverage: tuple[float, ...] = (),
    n_slots: int = 16,
    company_ratio: float = 0.08,
) -> Instance:
    """A seeded fair: trades with skewed company popularity, up to 5 ranked wishes per student,
    school classes arriving late or leaving early, companies leaving early, some fixed ones."""
    rng = random.Random(seed)
    tz = timezone(timedelta(hours=1))
    day = datetime(2027, 3, 10, 9, 0, tzinfo=tz)
    slots = tuple(
        Slot(f"t{t + 1:02d}", day + timedelta(minutes=15 * t), day + timedelta(minutes=15 * t + 12))
        for t in range(n_slots)
    )
    slot_ids = [s.id for s in slots]
    trade_share = [1 / (k + 1.5) for k in range(N_TRADES)]
    n_companies = max(4, round(n_students * company_ratio))
    companies, popularity, trade_of = [], [], []
    for i in range(n_companies):
        trade = rng.choices(range(N_TRADES), trade_share)[0]
        available = None
        if limits:
            roll = rng.random()
            if roll < 0.15:
                available = frozenset(slot_ids[: n_slots - rng.randint(3, 6)])  # leaves early
            elif roll < 0.25:
                available = frozenset(slot_ids[rng.randint(2, 4) :])  # arrives late
        tables = rng.choices((1, 2, 3), (0.5, 0.35, 0.15))[0]
        companies.append(Company(f"c{i:04d}", tables, available))
        popularity.append(rng.paretovariate(1.3))
        trade_of.append(trade)
    by_trade = [[i for i in range(n_companies) if trade_of[i] == k] for k in range(N_TRADES)]
    students, wishes, ranked = [], [], []
    class_window = None
    for i in range(n_students):
        if i % 25 == 0:  # a new school class signs up together
            roll = rng.random()
            if not limits or roll >= 0.45:
                class_window = None
            elif roll < 0.3:
                class_window = frozenset(slot_ids[rng.randint(4, 6) :])  # arrives late
            else:
                class_window = frozenset(slot_ids[: n_slots - rng.randint(4, 6)])  # leaves early
        student_id = f"s{i:05d}"
        students.append(Student(student_id, 3, class_window))
        trade = rng.choices(range(N_TRADES), trade_share)[0]
        n_wishes = rng.choices((2, 3, 4, 5), (0.05, 0.1, 0.2, 0.65))[0]
        picked: list[int] = []
        while len(picked) < min(n_wishes, n_companies):
            pool = (
                by_trade[trade] if rng.random() < 0.85 and by_trade[trade] else range(n_companies)
            )
            pool = [c for c in pool if c not in picked] or [
                c for c in range(n_companies) if c not in picked
            ]
            picked.append(rng.choices(pool, [popularity[c] for c in pool])[0])
        for rank, c in enumerate(picked):
            weight = RANK_WEIGHT[rank] + (MUTUAL_BONUS if rng.random() < 0.15 else 0)
            wishes.append(Wish(student_id, companies[c].id, weight))
        ranked.append([companies[c].id for c in picked])
    fixed = _fixed(rng, slots, companies, students, ranked, fixed_share)
    return Instance(slots, tuple(companies), tuple(students), tuple(wishes), fixed, coverage)


def _fixed(
    rng: random.Random,
    slots: tuple[Slot, ...],
    companies: list[Company],
    students: list[Student],
    ranked: list[list[str]],
    share: float,
) -> tuple[Fixed, ...]:
    """Self-booked interviews: some students booked their first wish in a free slot."""
    company = {c.id: c for c in companies}
    used: Counter[tuple[str, str]] = Counter()
    fixed = []
    for student, wished in zip(students, ranked, strict=True):
        if rng.random() >= share:
            continue
        c = company[wished[0]]
        free = [
            s.id
            for s in slots
            if (student.available is None or s.id in student.available)
            and (c.available is None or s.id in c.available)
            and used[c.id, s.id] < c.tables
        ]
        if free:
            slot = rng.choice(free)
            used[c.id, slot] += 1
            fixed.append(Fixed(student.id, c.id, slot))
    return tuple(fixed)


def greedy(instance: Instance) -> tuple[Meeting, ...]:
    """First come, first served: students in sign-up order take their wishes in rank order,
    each into the first slot where both are free."""
    slot_ids = [s.id for s in instance.slots]
    company = {c.id: c for c in instance.companies}
    busy: set[tuple[str, str]] = set()
    used: Counter[tuple[str, str]] = Counter()
    count: Counter[str] = Counter()
    met: set[tuple[str, str]] = set()
    meetings = []

    def place(student: Student, company_id: str, slot_id: str) -> None:
        busy.add((student.id, slot_id))
        used[company_id, slot_id] += 1
        count[student.id] += 1
        met.add((student.id, company_id))
        meetings.append(Meeting(student.id, company_id, slot_id, used[company_id, slot_id]))

    students = {s.id: s for s in instance.students}
    for f in instance.fixed:
        place(students[f.student], f.company, f.slot)
    wishes: dict[str, list[str]] = {}
    for w in instance.wishes:  # in rank order per student
        wishes.setdefault(w.student, []).append(w.company)
    for student in instance.students:
        for company_id in wishes.get(student.id, []):
            if count[student.id] >= student.max_interviews or (student.id, company_id) in met:
                continue
            c = company[company_id]
            for slot_id in slot_ids:
                if (
                    (student.available is None or slot_id in student.available)
                    and (c.available is None or slot_id in c.available)
                    and (student.id, slot_id) not in busy
                    and used[company_id, slot_id] < c.tables
                ):
                    place(student, company_id, slot_id)
                    break
    return tuple(meetings)


def cases(sizes: list[int]) -> list[tuple[str, int, dict]]:
    """(label, students, generator options) for the requested sizes."""
    found = []
    for n in sizes:
        found.append((f"{n:,} students, partial availability, fixed", n, {}))
    for n in sizes:
        if n == 3000:
            found.append((f"{n:,} students, coverage bonus [10, 4]", n, {"coverage": (10, 4)}))
    for n in sizes:
        if n >= 3000:
            found.append((f"{n:,} students, no availability limits, fixed", n, {"limits": False}))
    for n in sizes:
        if n >= 3000:  # what the organizer's run does by default
            label = f"{n:,} students, fairness first (adapter default)"
            found.append((label, n, {"coverage": (10, 4), "fairness": True}))
    return found


def plain_mip(instance: Instance, seed: int, time_limit: float) -> dict:
    """For comparison: the per-slot model handed to HiGHS as one MIP (no LP stages, no
    slot classes)."""
    from booking.scheduler.model import index_instance
    from booking.scheduler.slot_model import Classes, Taken, _mip

    ix = index_instance(instance)
    classes = Classes.of(ix, aggregate=False)
    wish, slot = classes.columns(ix)
    none = Taken.of(ix, classes, wish[:0], slot[:0])
    started = time.perf_counter()
    picked, dual = _mip(ix, classes, (wish, slot), none, seed, time_limit, 1e-4)
    score = ix.value(wish[picked])
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "score": score,
        "bound": dual,
        "gap_pct": round(100 * (dual - score) / dual, 4),
    }


def run_case(n: int, options: dict, seed: int, time_limit: float) -> dict:
    """Generate, solve and check one fair in this process; the figures as a dict."""
    started = time.perf_counter()
    options = dict(options)
    fairness = options.pop("fairness", False)
    instance = generate(n, seed, **options)
    if fairness:
        instance = with_fairness(instance)
    generated = time.perf_counter() - started
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started, cpu = time.perf_counter(), time.process_time()
    result = solve(instance, time_limit=time_limit, seed=seed)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    weight = {(w.student, w.company): w.weight for w in instance.wishes}
    baseline = greedy(instance)
    baseline_score = score_of(instance, baseline)
    return {
        "students": len(instance.students),
        "companies": len(instance.companies),
        "slots": len(instance.slots),
        "wishes": len(instance.wishes),
        "fixed": len(instance.fixed),
        "generate_seconds": round(generated, 2),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_mb": round(rss),
        "rss_before_solve_mb": round(rss_before),
        "score": result.score,
        "bound": result.bound,
        "gap_pct": round(100 * result.gap, 4),
        "method": result.stats.get("method"),
        "slot_classes": result.stats.get("slot_classes"),
        "fractional": result.stats.get("fractional"),
        "dropped_by_pins": result.stats.get("dropped_by_pins"),
        "fallback": result.stats.get("fallback"),
        "meetings": len(result.meetings),
        "wish_weight": sum(weight[m.student, m.company] for m in result.meetings),
        "served": len({m.student for m in result.meetings}),
        "violations": len(violations(instance, result)),
        "greedy_score": baseline_score,
        "greedy_pct_of_bound": round(100 * baseline_score / result.bound, 2),
        "greedy_served": len({m.student for m in baseline}),
    }


def _row(label: str, r: dict) -> str:
    return (
        f"| {label} | {r['wishes']:,} / {r['fixed']} | {r['seconds']:.2f} s "
        f"({r['cpu_seconds']:.2f} s) | {r['peak_mb']} MB | {r['score']:,.0f} | {r['bound']:,.0f} "
        f"| {r['gap_pct']:.4f} % | {r['meetings']:,} / {r['served']:,} "
        f"| {r['greedy_score']:,.0f} ({r['greedy_pct_of_bound']:.1f} %, "
        f"{r['greedy_served']:,} served) | {r['method']} |"
    )


def write_section(lines: list[str]) -> None:
    """Replace only the "## Scheduler" section of RESULTS.md, keeping every other section."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    section = HEADING + "\n\n" + "\n".join(lines).rstrip() + "\n"
    if HEADING + "\n" in text or text.endswith(HEADING):
        start = text.index(HEADING)
        end = text.find("\n## ", start + len(HEADING))
        rest = "" if end < 0 else "\n" + text[end + 1 :]
        text = text[:start] + section + rest
    else:
        text = text.rstrip() + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")


def _verdict(n: int, options: dict, r: dict) -> str:
    """Whether a case meets its target (see the targets line), as a short phrase."""
    if options.get("fairness"):
        return ""  # measured, no target: it runs as a task on the worker
    if not options.get("limits", True):
        met = r["gap_pct"] == 0
    elif options.get("coverage") or n >= 10000:
        met = r["gap_pct"] <= 0.1 and r["seconds"] <= 10 and r["peak_mb"] <= 1024
    elif n <= 600:
        met = r["seconds"] <= 1
    else:
        return ""
    name = f"{n:,} students"
    name += " with coverage bonus" if options.get("coverage") else ""
    name += " without limits" if not options.get("limits", True) else ""
    return f"{name} {'met' if met else 'MISSED'}"


def _child(case: list, args: argparse.Namespace) -> dict:
    """Run one case in a fresh Python process and return its figures."""
    command = [sys.executable, __file__, "--case", json.dumps(case), "--seed", str(args.seed)]
    command += ["--time-limit", str(args.time_limit), "--plain-mip", str(args.plain_mip)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    """Run each case in a fresh process (so that peak memory is per case) and report."""
    parse = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parse.add_argument("--sizes", default="600,3000,10000")
    parse.add_argument("--seed", type=int, default=1)
    parse.add_argument("--time-limit", type=float, default=10.0)
    parse.add_argument("--no-write", action="store_true", help="print only")
    parse.add_argument(
        "--plain-mip",
        type=float,
        default=0,
        metavar="SECONDS",
        help="also run the coverage case as one plain HiGHS MIP with this time limit",
    )
    parse.add_argument("--case", help=argparse.SUPPRESS)  # internal: JSON options of one case
    args = parse.parse_args()
    if args.case:
        n, options = json.loads(args.case)
        options = {k: tuple(v) if isinstance(v, list) else v for k, v in options.items()}
        if options.pop("plain_mip", 0):
            instance = generate(n, args.seed, **options)
            print(json.dumps(plain_mip(instance, args.seed, args.plain_mip)))
            return
        print(json.dumps(run_case(n, options, args.seed, args.time_limit)))
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    load_before = os.getloadavg()[0]
    rows, verdicts = [], []
    for label, n, options in cases(sizes):
        figures = _child([n, options], args)
        print(label, json.dumps(figures), flush=True)
        rows.append(_row(label, figures))
        verdicts.append(_verdict(n, options, figures))
    plain = None
    if args.plain_mip and 3000 in sizes:
        figures = _child([3000, {"coverage": (10, 4), "plain_mip": 1}], args)
        print("plain MIP, coverage case", json.dumps(figures), flush=True)
        plain = (
            f"For comparison, the 3,000-student coverage case as one plain HiGHS MIP over the "
            f"per-slot model (time limit {args.plain_mip:g} s): {figures['seconds']:.1f} s, "
            f"score {figures['score']:,.0f}, bound {figures['bound']:,.0f}, gap "
            f"{figures['gap_pct']:.4f} %."
        )
    load_after = os.getloadavg()[0]
    if args.no_write:
        return
    write_section(
        [
            "`bench/scheduler.py` (seeded generator, one process per case so that peak memory "
            "is per case). "
            f"Seed {args.seed}, MIP time limit {args.time_limit:g} s, 16 slots, "
            "1 company per 12.5 students.",
            "",
            "| case | wishes / fixed | solve wall (CPU) | peak RSS | score | proven bound | gap "
            "| meetings / students served | greedy FCFS (of bound) | method |",
            "|---|---|---|---|---|---|---|---|---|---|",
            *rows,
            "",
            f"Machine: {platform.machine()}, 2 CPUs, Python {platform.python_version()}, "
            f"{time.strftime('%Y-%m-%d')}, load average {load_before:.1f} before and "
            f"{load_after:.1f} after the run (other work shares the machine, so wall time can "
            "exceed CPU time, which counts all threads of the process). Solve time "
            "excludes generating the fair; peak RSS is the whole process (Python, generator "
            "and HiGHS). Greedy FCFS: students in sign-up order take their wishes in rank "
            "order, each into the first slot where both sides are free.",
            "",
            "Targets: 600 students ≤ 1 s; 10,000 students with partial availability and "
            "fixed interviews within 0.1 % of the proven bound in ≤ 10 s and ≤ 1 GB; 3,000 "
            "students with coverage bonus [10, 4] within 0.1 % in ≤ 10 s; without "
            "availability limits exactly optimal (score = bound).",
            "",
            "Result: " + "; ".join(v for v in verdicts if v) + ".",
            *(["", plain] if plain else []),
        ]
    )


if __name__ == "__main__":
    main()
