"""The solver's harder paths: fractional LPs settled by a MIP, pinned edges in the colouring."""

import numpy as np
import pytest

from booking.scheduler import (
    Company,
    Fixed,
    Instance,
    Result,
    Student,
    Wish,
    instance_from_json,
    score_of,
    solve,
    violations,
)
from booking.scheduler.colouring import colour
from booking.scheduler.core import _fill, _meetings, _unplaced
from booking.scheduler.model import index_instance
from tests.booking.scheduler.strategies import REGRESSIONS, brute_force_optimum, slots_of


@pytest.mark.parametrize(
    ("name", "score", "method"),
    [
        ("stage1_a", 45, "lp + mip over the fractional part"),
        ("stage1_b", 27, "lp + mip over the fractional part"),
        ("stage2", 69, "lp + mip over the fractional students"),
        ("stage3", 101, "lp + full mip"),
    ],
)
def test_solve_fractional_lp_reaches_proven_optimum(name, score, method):
    instance = instance_from_json(REGRESSIONS[name])

    result = solve(instance)

    assert violations(instance, result) == []
    assert (result.score, result.bound, result.stats["method"]) == (score, score, method)


@pytest.mark.parametrize("name", ["stage1_b", "small_a", "small_b"])
def test_solve_small_instances_match_brute_force(name):
    instance = instance_from_json(REGRESSIONS[name])

    result = solve(instance)

    assert result.score == result.bound == brute_force_optimum(instance)


def test_solve_time_limited_stays_valid():
    instance = instance_from_json(REGRESSIONS["stage3"])

    result = solve(instance, time_limit=0.001)

    assert violations(instance, result) == []
    assert result.bound >= 101 >= result.score


def test_colour_swaps_an_alternating_path():
    # The last edge finds colour 1 taken at left 0 and colour 0 taken at right 1: the edge
    # (1, 1) must move from colour 0 to 1 first.
    edges = [(2, 0), (0, 0), (1, 1), (0, 1)]

    assert colour(edges, 3, 2, 2, [-1, -1, -1, -1]) == [0, 1, 1, 0]


def test_colour_leaves_edge_uncoloured_when_pinned_edges_block_every_path():
    edges = [(0, 0), (1, 1), (1, 0)]

    assert colour(edges, 2, 2, 2, [1, 0, -1]) == [1, 0, -1]


def test_solve_falls_back_to_slot_model_when_pins_block_colouring():
    # No availability limits, but pins leave s1 and c1 free only in different slots.
    instance = Instance(
        slots=slots_of(2),
        companies=(Company("c1", 1), Company("c2", 1), Company("c3", 1)),
        students=(Student("s1", 2), Student("s2", 2)),
        wishes=(
            Wish("s1", "c1", 9),
            Wish("s1", "c2", 1),
            Wish("s2", "c1", 1),
            Wish("s2", "c3", 1),
        ),
        fixed=(Fixed("s1", "c2", "t0"), Fixed("s2", "c1", "t1")),
    )

    result = solve(instance)

    assert violations(instance, result) == []
    assert (result.stats["method"], result.stats["fallback"]) == (
        "lp (integral vertex) + repair around pinned meetings",
        "one variable per slot",
    )
    assert (result.score, result.bound) == (3, 3)


@pytest.mark.parametrize(
    ("name", "score", "fallback"),
    [("pins_6151", 26, None), ("pins_209", 10, "one variable per slot")],
)
def test_solve_repairs_meetings_that_pins_keep_out_of_their_slots(name, score, fallback):
    instance = instance_from_json(REGRESSIONS[name])

    result = solve(instance)

    assert violations(instance, result) == []
    assert (result.score, result.bound) == (score, score) == (brute_force_optimum(instance),) * 2
    assert result.stats["method"] == "lp (integral vertex) + repair around pinned meetings"
    assert result.stats.get("fallback") == fallback


@pytest.mark.parametrize("name", ["small_a", "stage3", "pins_6151"])
def test_fill_leaves_no_wish_that_still_fits(name):
    instance = instance_from_json(REGRESSIONS[name])
    ix = index_instance(instance)

    pinned = np.flatnonzero(ix.fixed_slot >= 0)

    filled = _fill(ix, np.stack([pinned, ix.fixed_slot[pinned]], axis=1))

    meetings = _meetings(ix, filled)
    assert len(meetings) > 0
    assert violations(instance, Result(meetings, score_of(instance, meetings), 1e9)) == []
    assert "not_chosen" not in {u.reason for u in _unplaced(ix, filled)}
