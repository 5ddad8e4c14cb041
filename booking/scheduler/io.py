"""JSON mapping of instances and results (format: spec/scheduler-instance.md, version 1)."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import datetime
from decimal import ROUND_CEILING, Decimal
from typing import Any

from booking.scheduler.checks import InvalidInstance, check_instance
from booking.scheduler.types import (
    DEFAULT_MAX_INTERVIEWS,
    Company,
    Fixed,
    Instance,
    Meeting,
    Result,
    Slot,
    Student,
    Unplaced,
    Wish,
)

FORMAT_VERSION = 1
# Decimal places of score and bound in the result JSON: hides float noise such as
# 36275.789999999986 (the bound is rounded up, so that it stays >= the score).
DECIMALS = 9


def _entries(data: Mapping[str, Any], key: str, required: bool) -> list[Mapping[str, Any]]:
    # An optional list given as null counts as left out, like every other optional field.
    if data.get(key) is None:
        if required:
            raise InvalidInstance(f"{key}: missing")
        return []
    value = data[key]
    if not isinstance(value, list):
        raise InvalidInstance(f"{key}: must be a list")
    for index, entry in enumerate(value):
        if not isinstance(entry, Mapping):
            raise InvalidInstance(f"{key}[{index}]: must be an object")
    return value


def _field(entry: Mapping[str, Any], where: str, name: str, kind: type | tuple) -> Any:
    if name not in entry:
        raise InvalidInstance(f"{where}: missing {name!r}")
    value = entry[name]
    if isinstance(value, bool) or not isinstance(value, kind):
        raise InvalidInstance(f"{where}: {name!r} has the wrong type: {value!r}")
    return value


def _time(entry: Mapping[str, Any], where: str, name: str) -> datetime:
    text = _field(entry, where, name, str)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInstance(f"{where}: {name!r} is not an ISO 8601 time: {text!r}") from None


def _available(entry: Mapping[str, Any], where: str) -> frozenset[str] | None:
    if entry.get("available") is None:
        return None
    value = entry["available"]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InvalidInstance(f"{where}: 'available' must be a list of slot ids")
    return frozenset(value)


def instance_from_json(data: str | bytes | Mapping[str, Any]) -> Instance:
    """Parse and check an instance from JSON text or an already decoded object."""
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except ValueError as error:
            raise InvalidInstance(f"not valid JSON: {error}") from None
        except RecursionError:
            raise InvalidInstance("not valid JSON: nested too deeply") from None
    if not isinstance(data, Mapping):
        raise InvalidInstance("the instance must be a JSON object")
    # Other top-level keys ("comment", ...) are ignored, as unknown keys inside entries are.
    version = data.get("version")
    if version is not None and (isinstance(version, bool) or version != FORMAT_VERSION):
        raise InvalidInstance(f"version: only version {FORMAT_VERSION} is known, got {version!r}")
    slots = []
    for i, entry in enumerate(_entries(data, "slots", True)):
        where = f"slots[{i}]"
        slot_id = _field(entry, where, "id", str)
        slots.append(Slot(slot_id, _time(entry, where, "start"), _time(entry, where, "end")))
    companies = []
    for i, entry in enumerate(_entries(data, "companies", True)):
        where = f"companies[{i}]"
        companies.append(
            Company(
                _field(entry, where, "id", str),
                _field(entry, where, "tables", int),
                _available(entry, where),
            )
        )
    students = []
    for i, entry in enumerate(_entries(data, "students", True)):
        where = f"students[{i}]"
        max_interviews = DEFAULT_MAX_INTERVIEWS
        if entry.get("max_interviews") is not None:
            max_interviews = _field(entry, where, "max_interviews", int)
        students.append(
            Student(_field(entry, where, "id", str), max_interviews, _available(entry, where))
        )
    wishes = []
    for i, entry in enumerate(_entries(data, "wishes", True)):
        where = f"wishes[{i}]"
        wishes.append(
            Wish(
                _field(entry, where, "student", str),
                _field(entry, where, "company", str),
                _field(entry, where, "weight", (int, float)),
            )
        )
    fixed = []
    for i, entry in enumerate(_entries(data, "fixed", False)):
        where = f"fixed[{i}]"
        fixed.append(
            Fixed(
                _field(entry, where, "student", str),
                _field(entry, where, "company", str),
                _field(entry, where, "slot", str),
            )
        )
    bonus = data.get("coverage_bonus")
    if bonus is None:
        bonus = []
    if not isinstance(bonus, list):
        raise InvalidInstance("coverage_bonus: must be a list of numbers")
    for i, value in enumerate(bonus):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidInstance(f"coverage_bonus[{i}]: must be a number, got {value!r}")
    instance = Instance(
        tuple(slots), tuple(companies), tuple(students), tuple(wishes), tuple(fixed), tuple(bonus)
    )
    check_instance(instance)
    return instance


def _number(value: float) -> float | int:
    # Integral values print as JSON integers, as in the spec's examples.
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


def _available_list(available: frozenset[str] | None, slots: tuple[Slot, ...]) -> list[str]:
    return [slot.id for slot in slots if slot.id in (available or ())]


def instance_to_json(instance: Instance) -> dict[str, Any]:
    """The instance as a JSON-ready object (optional fields left out when at their default)."""
    companies = []
    for company in instance.companies:
        entry: dict[str, Any] = {"id": company.id, "tables": company.tables}
        if company.available is not None:
            entry["available"] = _available_list(company.available, instance.slots)
        companies.append(entry)
    students = []
    for student in instance.students:
        entry = {"id": student.id, "max_interviews": student.max_interviews}
        if student.available is not None:
            entry["available"] = _available_list(student.available, instance.slots)
        students.append(entry)
    data: dict[str, Any] = {
        "slots": [
            {"id": s.id, "start": s.start.isoformat(), "end": s.end.isoformat()}
            for s in instance.slots
        ],
        "companies": companies,
        "students": students,
        "wishes": [
            {"student": w.student, "company": w.company, "weight": _number(w.weight)}
            for w in instance.wishes
        ],
    }
    if instance.fixed:
        data["fixed"] = [
            {"student": f.student, "company": f.company, "slot": f.slot} for f in instance.fixed
        ]
    if instance.coverage_bonus:
        data["coverage_bonus"] = [_number(b) for b in instance.coverage_bonus]
    return data


def rounded(result: Result) -> tuple[float | int, float | int]:
    """Score and bound as written out: score rounded to DECIMALS places, bound rounded up
    (so bound >= score still holds; equal when the schedule is proven optimal)."""
    score = round(result.score, DECIMALS)
    if result.bound == result.score:
        return _number(score), _number(score)
    if not math.isfinite(result.bound):  # pragma: no cover - weights are capped at 1e15
        return _number(score), result.bound
    step = Decimal(1).scaleb(-DECIMALS)
    bound = float(Decimal(result.bound).quantize(step, rounding=ROUND_CEILING))
    return _number(score), _number(max(bound, score))


def result_to_json(result: Result) -> dict[str, Any]:
    """The result as a JSON-ready object: meetings, score, bound, unplaced and stats."""
    score, bound = rounded(result)
    return {
        "meetings": [
            {"student": m.student, "company": m.company, "slot": m.slot, "table": m.table}
            for m in result.meetings
        ],
        "score": score,
        "bound": bound,
        "unplaced": [
            {"student": u.student, "company": u.company, "reason": u.reason}
            for u in result.unplaced
        ],
        "stats": result.stats,
    }


def result_from_json(data: str | bytes | Mapping[str, Any]) -> Result:
    """Parse a result object (extra keys other than unplaced and stats are ignored)."""
    if isinstance(data, str | bytes):
        data = json.loads(data)
    meetings = tuple(
        Meeting(m["student"], m["company"], m["slot"], int(m["table"])) for m in data["meetings"]
    )
    unplaced = tuple(
        Unplaced(u["student"], u["company"], u["reason"]) for u in data.get("unplaced", ())
    )
    return Result(meetings, data["score"], data["bound"], unplaced, dict(data.get("stats", {})))
