"""JSON mapping: the spec's example, round trips, result shape."""

import json
import subprocess
import sys
from pathlib import Path

from hypothesis import given

from booking.scheduler import (
    Meeting,
    Result,
    Unplaced,
    instance_from_json,
    instance_to_json,
    result_from_json,
    result_to_json,
    solve,
)
from tests.booking.scheduler.strategies import fairs

SPEC_EXAMPLE = """{
  "slots": [
    {"id": "t1", "start": "2027-03-10T10:00:00+01:00", "end": "2027-03-10T10:12:00+01:00"}
  ],
  "companies": [{"id": "c1", "tables": 2, "available": ["t1"]}],
  "students": [{"id": "s1", "max_interviews": 3, "available": ["t1"]}],
  "wishes": [{"student": "s1", "company": "c1", "weight": 5}],
  "fixed": [{"student": "s1", "company": "c1", "slot": "t1"}],
  "coverage_bonus": [10, 4]
}"""


def test_solve_spec_example_gives_spec_shaped_result():
    instance = instance_from_json(SPEC_EXAMPLE)

    data = result_to_json(solve(instance))

    assert data["meetings"] == [{"student": "s1", "company": "c1", "slot": "t1", "table": 1}]
    assert (data["score"], data["bound"], data["unplaced"]) == (15, 15, [])
    assert json.loads(json.dumps(data))["score"] == 15


@given(fairs())
def test_instance_json_round_trip(instance):
    text = json.dumps(instance_to_json(instance))

    assert instance_from_json(text) == instance


def test_result_json_round_trip():
    result = Result(
        meetings=(Meeting("s1", "c1", "t1", 2),),
        score=7.5,
        bound=8,
        unplaced=(Unplaced("s2", "c1", "company_full"),),
        stats={"method": "lp (integral vertex)"},
    )

    data = json.loads(json.dumps(result_to_json(result)))

    assert data == {
        "meetings": [{"student": "s1", "company": "c1", "slot": "t1", "table": 2}],
        "score": 7.5,
        "bound": 8,
        "unplaced": [{"student": "s2", "company": "c1", "reason": "company_full"}],
        "stats": {"method": "lp (integral vertex)"},
    }
    assert result_from_json(data) == result
    assert result_from_json(json.dumps(data)).stats == {"method": "lp (integral vertex)"}


def test_result_from_json_reads_the_minimal_spec_form():
    text = '{"meetings": [{"student": "s1", "company": "c1", "slot": "t1", "table": 1}], '
    text += '"score": 5, "bound": 5}'

    assert result_from_json(text) == Result((Meeting("s1", "c1", "t1", 1),), 5, 5)


def test_scheduler_package_imports_without_django():
    code = (
        "import sys, booking.scheduler, booking.scheduler.cli, booking.scheduler.core, "
        "booking.scheduler.colouring, booking.scheduler.slot_model; "
        "print('django' in sys.modules)"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).resolve().parents[3])}

    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )

    assert done.stdout == "False\n"


def test_instance_with_naive_times_and_overlapping_slots_is_accepted_and_solved():
    from booking.scheduler.checks import violations
    from booking.scheduler.core import solve

    instance = instance_from_json(
        {
            "slots": [
                {"id": "a", "start": "2027-03-10T10:00:00", "end": "2027-03-10T10:15:00"},
                {"id": "b", "start": "2027-03-10T10:10:00", "end": "2027-03-10T10:25:00"},
            ],
            "companies": [{"id": "c1", "tables": 1}, {"id": "c2", "tables": 1}],
            "students": [{"id": "s1", "max_interviews": 2}],
            "wishes": [
                {"student": "s1", "company": "c1", "weight": 3},
                {"student": "s1", "company": "c2", "weight": 2},
            ],
        }
    )
    result = solve(instance)
    assert violations(instance, result) == []
    assert (result.score, result.bound) == (5, 5)
    assert sorted(m.slot for m in result.meetings) == ["a", "b"]


def fair_json(weights, *, tables=1, max_interviews=3, n_slots=1):
    """One company, one student per weight, `n_slots` back-to-back slots, no limits."""
    return {
        "slots": [
            {
                "id": f"t{i}",
                "start": f"2027-03-10T1{i}:00:00+01:00",
                "end": f"2027-03-10T1{i}:12:00+01:00",
            }
            for i in range(n_slots)
        ],
        "companies": [{"id": "c1", "tables": tables}],
        "students": [
            {"id": f"s{i}", "max_interviews": max_interviews} for i in range(len(weights))
        ],
        "wishes": [
            {"student": f"s{i}", "company": "c1", "weight": w} for i, w in enumerate(weights)
        ],
    }


def test_result_json_hides_float_noise_of_decimal_weights():
    instance = instance_from_json(fair_json([0.1, 0.2], tables=2))

    result = solve(instance)
    data = result_to_json(result)

    assert result.score == 0.30000000000000004
    assert (data["score"], data["bound"]) == (0.3, 0.3)


def test_result_json_rounds_score_to_9_decimals_and_bound_up():
    noisy = Result(meetings=(), score=36275.789999999986, bound=36275.789999999986)
    apart = Result(meetings=(), score=2.0000000004, bound=2.0000000004001)

    assert (result_to_json(noisy)["score"], result_to_json(noisy)["bound"]) == (36275.79, 36275.79)
    assert (result_to_json(apart)["score"], result_to_json(apart)["bound"]) == (2, 2.000000001)
