"""Instance validation names the offending entry; violations() finds every broken rule."""

import copy
import json
from dataclasses import replace

import pytest

from booking.scheduler import (
    InvalidInstance,
    Meeting,
    Result,
    check_instance,
    instance_from_json,
    violations,
)

BASE = {
    "slots": [
        {"id": "t1", "start": "2027-03-10T10:00:00+01:00", "end": "2027-03-10T10:12:00+01:00"},
        {"id": "t2", "start": "2027-03-10T10:15:00+01:00", "end": "2027-03-10T10:27:00+01:00"},
    ],
    "companies": [{"id": "c1", "tables": 1, "available": ["t1", "t2"]}, {"id": "c2", "tables": 2}],
    "students": [{"id": "s1", "max_interviews": 2, "available": ["t1"]}, {"id": "s2"}],
    "wishes": [
        {"student": "s1", "company": "c1", "weight": 5},
        {"student": "s2", "company": "c1", "weight": 2.5},
        {"student": "s2", "company": "c2", "weight": 1},
    ],
    "fixed": [{"student": "s2", "company": "c1", "slot": "t2"}],
    "coverage_bonus": [10, 4],
}


def _with(path, value):
    data = copy.deepcopy(BASE)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def test_instance_from_json_accepts_the_base_instance():
    instance = instance_from_json(BASE)

    assert [s.id for s in instance.students] == ["s1", "s2"]
    assert instance.students[1].max_interviews == 3
    assert instance.coverage_bonus == (10, 4)


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("slots", 1, "id"), "t1", "slots[1]: duplicate id 't1'"),
        (("companies", 1, "id"), "c1", "companies[1]: duplicate id 'c1'"),
        (("students", 1, "id"), "s1", "students[1]: duplicate id 's1'"),
        (("slots", 0, "end"), "2027-03-10T10:00:00+01:00", "slots[0] 't1': end is not after start"),
        (
            ("slots", 0, "start"),
            "10 o'clock",
            "slots[0]: 'start' is not an ISO 8601 time: \"10 o'clock\"",
        ),
        (("companies", 0, "tables"), 0, "companies[0] 'c1': tables must be an integer >= 1, got 0"),
        (("companies", 0, "tables"), True, "companies[0]: 'tables' has the wrong type: True"),
        (
            ("companies", 0, "available"),
            ["t9"],
            "companies[0] 'c1': unknown slot 't9' in available",
        ),
        (
            ("students", 0, "max_interviews"),
            -1,
            "students[0] 's1': max_interviews must be an integer >= 0, got -1",
        ),
        (("wishes", 1, "student"), "s9", "wishes[1] ('s9', 'c1'): unknown student 's9'"),
        (("wishes", 1, "company"), "c9", "wishes[1] ('s2', 'c9'): unknown company 'c9'"),
        (("wishes", 0, "weight"), 0, "wishes[0] ('s1', 'c1'): weight must be a number > 0, got 0"),
        (
            ("wishes", 0, "weight"),
            -2.5,
            "wishes[0] ('s1', 'c1'): weight must be a number > 0, got -2.5",
        ),
        (("wishes", 2, "company"), "c1", "wishes[2] ('s2', 'c1'): duplicate of wishes[1]"),
        (("fixed", 0, "slot"), "t9", "fixed[0] ('s2', 'c1', 't9'): unknown slot 't9'"),
        (("fixed", 0, "student"), "s9", "fixed[0] ('s9', 'c1', 't2'): unknown student 's9'"),
        (("fixed", 0, "company"), "c9", "fixed[0] ('s2', 'c9', 't2'): unknown company 'c9'"),
        (
            ("fixed", 0),
            {"student": "s1", "company": "c2", "slot": "t1"},
            "fixed[0] ('s1', 'c2', 't1'): not a wished pair",
        ),
        (
            ("fixed", 0),
            {"student": "s1", "company": "c1", "slot": "t2"},
            "fixed[0] ('s1', 'c1', 't2'): student 's1' is not available then",
        ),
        (("coverage_bonus",), [4, 10], "coverage_bonus[1]: must not increase, got 10 after 4"),
        (("coverage_bonus",), [-1], "coverage_bonus[0]: must be a number >= 0, got -1"),
        (("coverage_bonus",), ["x"], "coverage_bonus[0]: must be a number, got 'x'"),
        (("wishes", 0), "s1", "wishes[0]: must be an object"),
        (("students", 0, "available"), "t1", "students[0]: 'available' must be a list of slot ids"),
        (("coverage_bonus",), 10, "coverage_bonus: must be a list of numbers"),
        (("wishes",), {}, "wishes: must be a list"),
        (("version",), 2, "version: only version 1 is known, got 2"),
        (("coverage_bonus",), 0, "coverage_bonus: must be a list of numbers"),
        (("coverage_bonus",), False, "coverage_bonus: must be a list of numbers"),
        (
            ("wishes", 0, "weight"),
            10**400,
            "wishes[0] ('s1', 'c1'): weight too large (at most 1e15)",
        ),
        (("coverage_bonus",), [10**400], "coverage_bonus[0]: too large (at most 1e15)"),
        (("slots", 0, "id"), 7, "slots[0]: 'id' has the wrong type: 7"),
    ],
)
def test_instance_from_json_refuses_naming_the_entry(path, value, message):
    with pytest.raises(InvalidInstance) as refused:
        instance_from_json(_with(path, value))

    assert str(refused.value) == message


def test_instance_from_json_refuses_a_weight_written_with_400_digits():
    text = json.dumps(BASE).replace('"weight": 5', '"weight": 1' + "0" * 400)

    with pytest.raises(InvalidInstance) as refused:
        instance_from_json(text)

    assert str(refused.value) == "wishes[0] ('s1', 'c1'): weight too large (at most 1e15)"


@pytest.mark.parametrize(
    ("slot", "start", "end", "message"),
    [
        (
            1,
            "2027-03-10T10:15:00",
            "2027-03-10T10:27:00",
            "slots[1] 't2': mixes times with and without a UTC offset",
        ),
        (
            0,
            "2027-03-10T10:00:00+01:00",
            "2027-03-10T10:12:00",
            "slots[0] 't1': mixes times with and without a UTC offset",
        ),
    ],
)
def test_instance_from_json_refuses_naive_and_aware_times_mixed(slot, start, end, message):
    data = _with(("slots", slot, "start"), start)
    data["slots"][slot]["end"] = end

    with pytest.raises(InvalidInstance) as refused:
        instance_from_json(data)

    assert str(refused.value) == message


def test_instance_from_json_accepts_naive_only_times():
    data = copy.deepcopy(BASE)
    for slot in data["slots"]:
        slot["start"], slot["end"] = slot["start"][:-6], slot["end"][:-6]

    instance = instance_from_json(data)

    assert [s.start.utcoffset() for s in instance.slots] == [None, None]


def test_instance_from_json_ignores_unknown_top_level_keys():
    data = {"version": 1, "comment": "fair 2027, second run", **copy.deepcopy(BASE)}
    data["generator"] = {"seed": 1}

    assert instance_from_json(data) == instance_from_json(BASE)


@pytest.mark.parametrize(
    "path",
    [
        ("fixed",),
        ("coverage_bonus",),
        ("version",),
        ("companies", 0, "available"),
        ("students", 0, "available"),
        ("students", 0, "max_interviews"),
    ],
)
def test_instance_from_json_treats_null_as_left_out(path):
    left_out = copy.deepcopy(BASE)
    target = left_out
    for key in path[:-1]:
        target = target[key]
    target.pop(path[-1], None)

    assert instance_from_json(_with(path, None)) == instance_from_json(left_out)


def test_instance_from_json_refuses_company_unavailable_fixed():
    data = _with(("companies", 0, "available"), ["t1"])

    with pytest.raises(InvalidInstance) as refused:
        instance_from_json(data)

    assert str(refused.value) == "fixed[0] ('s2', 'c1', 't2'): company 'c1' is not available then"


@pytest.mark.parametrize(
    ("fixed", "message"),
    [
        (
            [("s2", "c1", "t2"), ("s2", "c1", "t1")],
            "fixed[1] ('s2', 'c1', 't1'): pair already fixed in fixed[0]",
        ),
        (
            [("s2", "c1", "t2"), ("s2", "c2", "t2")],
            "fixed[1] ('s2', 'c2', 't2'): student 's2' already meets someone then in fixed[0]",
        ),
        (
            [("s2", "c1", "t1"), ("s1", "c1", "t1")],
            "fixed[1] ('s1', 'c1', 't1'): company 'c1' has only 1 table(s)",
        ),
    ],
)
def test_instance_from_json_refuses_fixed_meetings_that_break_a_rule(fixed, message):
    data = _with(("fixed",), [{"student": s, "company": c, "slot": t} for s, c, t in fixed])

    with pytest.raises(InvalidInstance) as refused:
        instance_from_json(data)

    assert str(refused.value) == message


def test_instance_from_json_refuses_more_fixed_than_max_interviews():
    data = _with(("students", 1, "max_interviews"), 1)
    data["fixed"].append({"student": "s2", "company": "c2", "slot": "t1"})

    with pytest.raises(InvalidInstance) as refused:
        instance_from_json(data)

    assert str(refused.value) == (
        "fixed[1] ('s2', 'c2', 't1'): student 's2' has more fixed meetings than max_interviews (1)"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "the instance must be a JSON object"),
        ('{"slots": []}', "companies: missing"),
        (
            '{"slots": [{"start": "x"}], "companies": [], "students": [], "wishes": []}',
            "slots[0]: missing 'id'",
        ),
    ],
)
def test_instance_from_json_refuses_bad_shapes(text, message):
    with pytest.raises(InvalidInstance) as refused:
        instance_from_json(text)

    assert str(refused.value) == message


def test_instance_from_json_refuses_bad_json():
    with pytest.raises(InvalidInstance) as refused:
        instance_from_json("{")

    assert str(refused.value).startswith("not valid JSON: ")


def test_check_instance_refuses_non_string_id():
    instance = instance_from_json(BASE)

    with pytest.raises(InvalidInstance) as refused:
        check_instance(replace(instance, slots=(replace(instance.slots[0], id=7),)))

    assert str(refused.value) == "slots[0]: id must be a string, got 7"


def test_violations_reports_missing_fixed_meeting_and_too_many_meetings():
    instance = instance_from_json(_with(("companies", 0, "available"), ["t2"]))
    meetings = (Meeting("s1", "c1", "t1", 1), Meeting("s2", "c2", "t1", 1))
    one = replace(
        instance,
        students=(replace(instance.students[0], max_interviews=0),) + instance.students[1:],
    )

    assert violations(one, Result(meetings, 26, 26)) == [
        "meeting ('s1', 'c1', 't1', table 1): company not available",
        "student 's1' has 1 meetings, max_interviews is 0",
        "fixed meeting ('s2', 'c1', 't2') missing",
    ]


def test_violations_reports_every_broken_rule():
    instance = instance_from_json(BASE)
    result = Result(
        meetings=(
            Meeting("s1", "c1", "t2", 1),  # s1 is not available in t2
            Meeting("s1", "c2", "t1", 3),  # not wished, table 3 of 2
            Meeting("s2", "c2", "t1", 1),
            Meeting("s2", "c2", "t2", 1),  # pair twice
            Meeting("s2", "c1", "t2", 1),  # c1 table 1 twice in t2; s2 twice in t2
            Meeting("s9", "c1", "t1", 1),
        ),
        score=3,
        bound=2,
    )

    assert violations(instance, result) == [
        "meeting ('s1', 'c1', 't2', table 1): student not available",
        "meeting ('s1', 'c2', 't1', table 3): not a wished pair",
        "meeting ('s1', 'c2', 't1', table 3): table outside 1..2",
        "meeting ('s9', 'c1', 't1', table 1): unknown student, company or slot",
        "pair ('s2', 'c2') meets 2 times",
        "student 's2' has 2 meetings in slot 't2'",
        "company 'c1' has 2 meetings in slot 't2', only 1 table(s)",
        "company 'c1' uses table 1 twice in 't2'",
        "score 3 differs from the meetings' score 47.5",
        "bound 2 is below score 3",
    ]
