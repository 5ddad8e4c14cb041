"""Instance validation and the hard-rule oracle `violations()`."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable

from booking.scheduler.types import Company, Instance, Meeting, Result, Student

# Largest weight or bonus: beyond it floats lose whole units and the solver (HiGHS treats
# costs from 1e20 on as infinite) no longer proves a finite bound.
MAX_VALUE = 1e15


class InvalidInstance(ValueError):
    """An instance that breaks the format; the message names the offending entry."""


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _unique(kind: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for index, entry_id in enumerate(ids):
        if not isinstance(entry_id, str):
            raise InvalidInstance(f"{kind}[{index}]: id must be a string, got {entry_id!r}")
        if entry_id in seen:
            raise InvalidInstance(f"{kind}[{index}]: duplicate id {entry_id!r}")
        seen.add(entry_id)


def check_instance(instance: Instance) -> None:
    """Raise InvalidInstance naming the first entry that breaks the format or a rule."""
    _unique("slots", (slot.id for slot in instance.slots))
    _unique("companies", (company.id for company in instance.companies))
    _unique("students", (student.id for student in instance.students))
    slot_ids = {slot.id for slot in instance.slots}
    aware = None
    for i, slot in enumerate(instance.slots):
        where = f"slots[{i}] {slot.id!r}"
        # Times with and without a UTC offset cannot be compared: all or none have one.
        kinds = {slot.start.utcoffset() is not None, slot.end.utcoffset() is not None}
        if len(kinds) > 1 or (aware is not None and kinds != {aware}):
            raise InvalidInstance(f"{where}: mixes times with and without a UTC offset")
        aware = kinds.pop()
        if slot.end <= slot.start:
            raise InvalidInstance(f"{where}: end is not after start")
    # Overlapping slots are accepted: the format treats each slot as its own period, and
    # an instance writer who wants no overlap writes none (ours never does).

    def check_available(where: str, available: frozenset[str] | None) -> None:
        for slot_id in sorted(available or (), key=str):
            if slot_id not in slot_ids:
                raise InvalidInstance(f"{where}: unknown slot {slot_id!r} in available")

    for i, company in enumerate(instance.companies):
        where = f"companies[{i}] {company.id!r}"
        if not _is_int(company.tables) or company.tables < 1:
            raise InvalidInstance(
                f"{where}: tables must be an integer >= 1, got {company.tables!r}"
            )
        check_available(where, company.available)
    for i, student in enumerate(instance.students):
        where = f"students[{i}] {student.id!r}"
        if not _is_int(student.max_interviews) or student.max_interviews < 0:
            raise InvalidInstance(
                f"{where}: max_interviews must be an integer >= 0, got {student.max_interviews!r}"
            )
        check_available(where, student.available)

    companies = {company.id: company for company in instance.companies}
    students = {student.id: student for student in instance.students}
    wished: dict[tuple[str, str], int] = {}
    for i, wish in enumerate(instance.wishes):
        where = f"wishes[{i}] ({wish.student!r}, {wish.company!r})"
        if wish.student not in students:
            raise InvalidInstance(f"{where}: unknown student {wish.student!r}")
        if wish.company not in companies:
            raise InvalidInstance(f"{where}: unknown company {wish.company!r}")
        if _is_number(wish.weight) and wish.weight > MAX_VALUE:
            raise InvalidInstance(f"{where}: weight too large (at most 1e15)")
        if not _is_number(wish.weight) or not math.isfinite(wish.weight) or wish.weight <= 0:
            raise InvalidInstance(f"{where}: weight must be a number > 0, got {wish.weight!r}")
        pair = (wish.student, wish.company)
        if pair in wished:
            raise InvalidInstance(f"{where}: duplicate of wishes[{wished[pair]}]")
        wished[pair] = i

    _check_fixed(instance, students, companies, slot_ids, wished)

    previous = math.inf
    for i, bonus in enumerate(instance.coverage_bonus):
        if _is_number(bonus) and bonus > MAX_VALUE:
            raise InvalidInstance(f"coverage_bonus[{i}]: too large (at most 1e15)")
        if not _is_number(bonus) or not math.isfinite(bonus) or bonus < 0:
            raise InvalidInstance(f"coverage_bonus[{i}]: must be a number >= 0, got {bonus!r}")
        if bonus > previous:
            raise InvalidInstance(
                f"coverage_bonus[{i}]: must not increase, got {bonus!r} after {previous!r}"
            )
        previous = bonus


def _check_fixed(
    instance: Instance,
    students: dict[str, Student],
    companies: dict[str, Company],
    slot_ids: set[str],
    wished: dict[tuple[str, str], int],
) -> None:
    pair_at: dict[tuple[str, str], int] = {}
    student_slot_at: dict[tuple[str, str], int] = {}
    per_company_slot: Counter[tuple[str, str]] = Counter()
    per_student: Counter[str] = Counter()
    for i, fixed in enumerate(instance.fixed):
        where = f"fixed[{i}] ({fixed.student!r}, {fixed.company!r}, {fixed.slot!r})"
        if fixed.student not in students:
            raise InvalidInstance(f"{where}: unknown student {fixed.student!r}")
        if fixed.company not in companies:
            raise InvalidInstance(f"{where}: unknown company {fixed.company!r}")
        if fixed.slot not in slot_ids:
            raise InvalidInstance(f"{where}: unknown slot {fixed.slot!r}")
        pair = (fixed.student, fixed.company)
        if pair not in wished:
            raise InvalidInstance(f"{where}: not a wished pair")
        student, company = students[fixed.student], companies[fixed.company]
        if student.available is not None and fixed.slot not in student.available:
            raise InvalidInstance(f"{where}: student {fixed.student!r} is not available then")
        if company.available is not None and fixed.slot not in company.available:
            raise InvalidInstance(f"{where}: company {fixed.company!r} is not available then")
        if pair in pair_at:
            raise InvalidInstance(f"{where}: pair already fixed in fixed[{pair_at[pair]}]")
        pair_at[pair] = i
        key = (fixed.student, fixed.slot)
        if key in student_slot_at:
            raise InvalidInstance(
                f"{where}: student {fixed.student!r} already meets someone then "
                f"in fixed[{student_slot_at[key]}]"
            )
        student_slot_at[key] = i
        per_company_slot[fixed.company, fixed.slot] += 1
        if per_company_slot[fixed.company, fixed.slot] > company.tables:
            raise InvalidInstance(
                f"{where}: company {fixed.company!r} has only {company.tables} table(s)"
            )
        per_student[fixed.student] += 1
        if per_student[fixed.student] > student.max_interviews:
            raise InvalidInstance(
                f"{where}: student {fixed.student!r} has more fixed meetings than "
                f"max_interviews ({student.max_interviews})"
            )


def score_of(instance: Instance, meetings: Iterable[Meeting]) -> float:
    """Sum of wish weights plus, per student with n meetings, the first n coverage bonuses."""
    weight = {(w.student, w.company): w.weight for w in instance.wishes}
    per_student: Counter[str] = Counter()
    total = 0.0
    for meeting in sorted(meetings):
        total += weight.get((meeting.student, meeting.company), 0.0)
        per_student[meeting.student] += 1
    for student_id in sorted(per_student):
        total += sum(instance.coverage_bonus[: per_student[student_id]])
    return total


def violations(instance: Instance, result: Result) -> list[str]:
    """Every hard rule that `result` breaks for `instance` (empty list: a valid schedule)."""
    problems: list[str] = []
    slot_ids = {slot.id for slot in instance.slots}
    companies = {company.id: company for company in instance.companies}
    students = {student.id: student for student in instance.students}
    wished = {(w.student, w.company) for w in instance.wishes}
    pairs: Counter[tuple[str, str]] = Counter()
    student_slot: Counter[tuple[str, str]] = Counter()
    company_slot: dict[tuple[str, str], list[int]] = defaultdict(list)
    per_student: Counter[str] = Counter()
    for m in result.meetings:
        where = f"meeting ({m.student!r}, {m.company!r}, {m.slot!r}, table {m.table})"
        student, company = students.get(m.student), companies.get(m.company)
        if student is None or company is None or m.slot not in slot_ids:
            problems.append(f"{where}: unknown student, company or slot")
            continue
        if (m.student, m.company) not in wished:
            problems.append(f"{where}: not a wished pair")
        if student.available is not None and m.slot not in student.available:
            problems.append(f"{where}: student not available")
        if company.available is not None and m.slot not in company.available:
            problems.append(f"{where}: company not available")
        if not 1 <= m.table <= company.tables:
            problems.append(f"{where}: table outside 1..{company.tables}")
        pairs[m.student, m.company] += 1
        student_slot[m.student, m.slot] += 1
        company_slot[m.company, m.slot].append(m.table)
        per_student[m.student] += 1
    for (student_id, company_id), count in sorted(pairs.items()):
        if count > 1:
            problems.append(f"pair ({student_id!r}, {company_id!r}) meets {count} times")
    for (student_id, slot_id), count in sorted(student_slot.items()):
        if count > 1:
            problems.append(f"student {student_id!r} has {count} meetings in slot {slot_id!r}")
    for (company_id, slot_id), tables in sorted(company_slot.items()):
        if len(tables) > companies[company_id].tables:
            problems.append(
                f"company {company_id!r} has {len(tables)} meetings in slot {slot_id!r}, "
                f"only {companies[company_id].tables} table(s)"
            )
        for table, count in sorted(Counter(tables).items()):
            if count > 1:
                problems.append(f"company {company_id!r} uses table {table} twice in {slot_id!r}")
    for student_id, count in sorted(per_student.items()):
        if count > students[student_id].max_interviews:
            problems.append(
                f"student {student_id!r} has {count} meetings, "
                f"max_interviews is {students[student_id].max_interviews}"
            )
    placed = {(m.student, m.company, m.slot) for m in result.meetings}
    for f in instance.fixed:
        if (f.student, f.company, f.slot) not in placed:
            problems.append(f"fixed meeting ({f.student!r}, {f.company!r}, {f.slot!r}) missing")
    expected = score_of(instance, result.meetings)
    tolerance = 1e-6 * max(1.0, abs(expected))
    if abs(result.score - expected) > tolerance:
        problems.append(f"score {result.score!r} differs from the meetings' score {expected!r}")
    if result.bound < result.score - tolerance:
        problems.append(f"bound {result.bound!r} is below score {result.score!r}")
    return problems
