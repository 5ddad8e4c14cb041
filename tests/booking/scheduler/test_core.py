"""Properties of solve(): valid, optimal where proven, fixed meetings kept, deterministic."""

import time
from dataclasses import replace

from hypothesis import example, given
from hypothesis import strategies as st

from booking.scheduler import (
    REASONS,
    Company,
    Fixed,
    Instance,
    Meeting,
    Student,
    Unplaced,
    Wish,
    instance_from_json,
    solve,
    violations,
)
from tests.booking.scheduler.strategies import (
    brute_force_optimum,
    fairs,
    slots_of,
    with_regressions,
)
from tests.booking.scheduler.test_io import fair_json


def _served(result):
    return {(m.student, m.company) for m in result.meetings}


@with_regressions
@given(fairs())
def test_solve_keeps_every_hard_rule(instance):
    result = solve(instance)

    assert violations(instance, result) == []
    assert result.bound >= result.score


@with_regressions
@given(fairs())
def test_solve_books_no_overlapping_interviews_when_the_slots_do_not_overlap(instance):
    # fairs() makes back-to-back slots; overlapping slots are the instance writer's choice
    # (each slot is its own period, see docs/scheduler.md) and are not checked here.
    result = solve(instance)

    slot = {s.id: s for s in instance.slots}
    for a in result.meetings:
        for b in result.meetings:
            if a != b and a.student == b.student:
                first, second = slot[a.slot], slot[b.slot]
                assert not (first.start < second.end and second.start < first.end)


@given(fairs(limits=False))
def test_solve_without_availability_limits_is_proven_optimal(instance):
    result = solve(instance)

    assert violations(instance, result) == []
    assert result.score == result.bound


@with_regressions
@given(fairs())
def test_solve_keeps_fixed_meetings_exactly(instance):
    result = solve(instance)

    placed = {(m.student, m.company, m.slot) for m in result.meetings}
    assert {(f.student, f.company, f.slot) for f in instance.fixed} <= placed


@with_regressions
@given(fairs())
def test_solve_accounts_for_every_wish(instance):
    result = solve(instance)

    unplaced = {(u.student, u.company) for u in result.unplaced}
    wished = {(w.student, w.company) for w in instance.wishes}
    assert _served(result) | unplaced == wished
    assert _served(result) & unplaced == set()
    assert {u.reason for u in result.unplaced} <= set(REASONS)


@given(fairs(), st.integers(0, 3))
def test_solve_is_deterministic(instance, seed):
    shuffled = replace(
        instance,
        students=instance.students[::-1],
        wishes=instance.wishes[::-1],
        companies=instance.companies[::-1],
    )

    assert solve(instance, seed=seed) == solve(instance, seed=seed) == solve(shuffled, seed=seed)


@given(fairs(max_slots=3, max_companies=3, max_students=3))
def test_solve_bound_covers_brute_force_optimum(instance):
    optimum = brute_force_optimum(instance)

    result = solve(instance)

    assert result.score <= optimum + 1e-9
    assert result.bound >= optimum - 1e-9
    if result.bound == result.score:
        assert abs(result.score - optimum) <= 1e-9


def test_solve_small_fair_exact_schedule():
    instance = Instance(
        slots=slots_of(2),
        companies=(Company("c1", 1, frozenset({"t0"})), Company("c2", 1, frozenset({"t1"}))),
        students=(Student("s1", 2), Student("s2", 1)),
        wishes=(Wish("s1", "c1", 10), Wish("s1", "c2", 8), Wish("s2", "c2", 9)),
    )

    result = solve(instance)

    assert result.meetings == (Meeting("s1", "c1", "t0", 1), Meeting("s2", "c2", "t1", 1))
    assert result.score == result.bound == 19
    assert result.unplaced == (Unplaced("s1", "c2", "company_full"),)


def test_solve_coverage_bonus_gives_a_first_interview_before_a_second():
    base = Instance(
        slots=slots_of(2),
        companies=(Company("c1", 1, frozenset({"t0"})), Company("c2", 1, frozenset({"t1"}))),
        students=(Student("s1", 2), Student("s2", 2)),
        wishes=(Wish("s1", "c1", 5), Wish("s1", "c2", 5), Wish("s2", "c2", 4)),
    )

    without = solve(base)
    with_bonus = solve(replace(base, coverage_bonus=(10,)))

    assert _served(without) == {("s1", "c1"), ("s1", "c2")}
    assert without.score == without.bound == 10
    assert _served(with_bonus) == {("s1", "c1"), ("s2", "c2")}
    assert with_bonus.score == with_bonus.bound == 29


@example(Instance(slots_of(1), (Company("c1", 1),), (Student("s1"),), (), (), ()))
@given(st.just(Instance(slots_of(2), (Company("c1", 2),), (Student("s1", 0),), (), (), ())))
def test_solve_without_wishes_returns_empty_schedule(instance):
    result = solve(instance)

    assert result.meetings == ()
    assert result.score == result.bound == result.gap == 0
    assert result.unplaced == ()


def test_solve_fixed_meeting_moves_the_others():
    slots = slots_of(2)
    instance = Instance(
        slots=slots,
        companies=(Company("c1", 1),),
        students=(Student("s1"), Student("s2")),
        wishes=(Wish("s1", "c1", 5), Wish("s2", "c1", 5)),
        fixed=(Fixed("s2", "c1", "t0"),),
    )

    result = solve(instance)

    assert result.meetings == (Meeting("s1", "c1", "t1", 1), Meeting("s2", "c1", "t0", 1))
    assert result.score == result.bound == 10


def test_solve_with_a_huge_number_of_tables_is_fast_and_valid():
    instance = instance_from_json(fair_json([5, 4, 3, 2], tables=10**12, n_slots=3))

    started = time.perf_counter()
    result = solve(instance)
    seconds = time.perf_counter() - started

    assert seconds < 1.0
    assert violations(instance, result) == []
    assert result.score == result.bound == 14
    assert [m.table for m in result.meetings] == [1, 2, 3, 4]


def test_solve_accepts_tables_and_max_interviews_too_big_for_a_c_integer():
    data = fair_json([5, 4], tables=10**31, max_interviews=10**31, n_slots=2)
    instance = instance_from_json(data)

    result = solve(instance)

    assert violations(instance, result) == []
    assert result.score == result.bound == 9
    assert {m.student for m in result.meetings} == {"s0", "s1"}
