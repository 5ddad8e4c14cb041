"""Hypothesis strategies for small generated fairs, plus a brute-force optimum for tiny ones."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import example
from hypothesis import strategies as st

from booking.scheduler import (
    Company,
    Fixed,
    Instance,
    Meeting,
    Slot,
    Student,
    Wish,
    instance_from_json,
    score_of,
)

START = datetime(2027, 3, 10, 10, 0, tzinfo=timezone(timedelta(hours=1)))
# Small instances that once took the solver's rarer paths (fractional LPs, pinned meetings).
REGRESSIONS = json.loads((Path(__file__).parent / "regressions.json").read_text())


def with_regressions(test: Callable) -> Callable:
    """Pin every regression instance as an @example of a one-argument property test."""
    for data in REGRESSIONS.values():
        test = example(instance_from_json(data))(test)
    return test


def slots_of(count: int) -> tuple[Slot, ...]:
    """`count` back-to-back 12-minute slots."""
    return tuple(
        Slot(f"t{i}", START + timedelta(minutes=12 * i), START + timedelta(minutes=12 * (i + 1)))
        for i in range(count)
    )


@st.composite
def fairs(
    draw: st.DrawFn,
    *,
    max_slots: int = 4,
    max_companies: int = 4,
    max_students: int = 7,
    limits: bool = True,
    fixed: bool = True,
    coverage: bool = True,
) -> Instance:
    """A valid instance; availability limits, fixed meetings and coverage bonus optional."""
    slots = slots_of(draw(st.integers(1, max_slots)))
    ids = [s.id for s in slots]

    def available() -> frozenset[str] | None:
        if not limits or draw(st.booleans()):
            return None
        return frozenset(draw(st.lists(st.sampled_from(ids), unique=True)))

    companies = tuple(
        Company(f"c{i}", draw(st.integers(1, 2)), available())
        for i in range(draw(st.integers(1, max_companies)))
    )
    students = tuple(
        Student(f"s{i}", draw(st.integers(0, 3)), available())
        for i in range(draw(st.integers(1, max_students)))
    )
    weight = st.integers(1, 12) | st.sampled_from([0.5, 2.25, 7.75])
    wishes = tuple(
        Wish(s.id, c.id, draw(weight))
        for s in students
        for c in companies
        if draw(st.integers(0, 2)) > 0
    )
    pinned = []
    if fixed:
        used: Counter[tuple[str, str]] = Counter()
        busy, count = set(), Counter()
        company = {c.id: c for c in companies}
        student = {s.id: s for s in students}
        for w in wishes:
            if not draw(st.integers(0, 4)) == 0:
                continue
            s, c = student[w.student], company[w.company]
            free = [
                t
                for t in ids
                if (s.available is None or t in s.available)
                and (c.available is None or t in c.available)
                and used[c.id, t] < c.tables
                and (s.id, t) not in busy
            ]
            if free and count[s.id] < s.max_interviews:
                t = draw(st.sampled_from(free))
                used[c.id, t] += 1
                busy.add((s.id, t))
                count[s.id] += 1
                pinned.append(Fixed(s.id, c.id, t))
    bonus: tuple[float, ...] = ()
    if coverage and draw(st.booleans()):
        bonus = tuple(sorted(draw(st.lists(st.integers(0, 10), max_size=3)), reverse=True))
    return Instance(slots, companies, students, wishes, tuple(pinned), bonus)


def brute_force_optimum(instance: Instance) -> float:
    """Best score over every schedule (tiny instances only): each wish gets no slot or one."""
    company = {c.id: c for c in instance.companies}
    student = {s.id: s for s in instance.students}
    fixed = {(f.student, f.company): f.slot for f in instance.fixed}
    ids = [s.id for s in instance.slots]
    wishes = list(instance.wishes)
    best = 0.0
    used: Counter[tuple[str, str]] = Counter()
    busy: set[tuple[str, str]] = set()
    count: Counter[str] = Counter()
    meetings: list[Meeting] = []

    def options(w: Wish) -> list[str | None]:
        if (w.student, w.company) in fixed:
            return [fixed[w.student, w.company]]
        s, c = student[w.student], company[w.company]
        return [None] + [
            t
            for t in ids
            if (s.available is None or t in s.available)
            and (c.available is None or t in c.available)
        ]

    def walk(i: int) -> None:
        nonlocal best
        if i == len(wishes):
            best = max(best, score_of(instance, meetings))
            return
        w = wishes[i]
        for t in options(w):
            if t is None:
                walk(i + 1)
                continue
            if (
                used[w.company, t] >= company[w.company].tables
                or (w.student, t) in busy
                or count[w.student] >= student[w.student].max_interviews
            ):
                continue
            used[w.company, t] += 1
            busy.add((w.student, t))
            count[w.student] += 1
            meetings.append(Meeting(w.student, w.company, t, 1))
            walk(i + 1)
            meetings.pop()
            count[w.student] -= 1
            busy.discard((w.student, t))
            used[w.company, t] -= 1

    walk(0)
    return best
