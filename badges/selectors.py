"""Read operations of badges: who takes part, print rows, the door's roster and counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Max, Q, QuerySet, Value, When
from django.utils import timezone

from badges.enums import BadgeRole
from badges.models import Badge, BadgeEvent, CheckIn
from badges.names import user_ids_named
from badges.pdf_layout import BadgeData, ScheduleRow
from booking.enums import ACTIVE_INTERVIEW, ACTIVE_STAND_BOOKING
from booking.models import Interview, StandBooking
from fair.enums import Role
from fair.models import Company, Fair, Student, User
from fair.selectors import company_for

STAFF_ROLES = (Role.ORGANIZER, Role.DOOR)


_CHUNK = 500


@dataclass(frozen=True, slots=True)
class Person:
    """Someone at a fair, with the role printed on their badge."""

    user: User
    role: str
    student: Student | None = None
    company: Company | None = None

    @property
    def organisation(self) -> str:
        if self.student is not None:
            school = self.student.school.name if self.student.school else ""
            return ", ".join(p for p in (school, self.student.school_class) if p)
        return self.company.name if self.company is not None else ""


def _staff_users() -> QuerySet[User]:
    return User.objects.filter(Q(role__in=STAFF_ROLES) | Q(is_staff=True), is_active=True)


def _ids_named(fair: Fair, q: str) -> set[int]:
    """The fair's people (students, company contacts, staff) whose name contains q, folded
    the same on SQLite and PostgreSQL (badges/names.py); one query."""
    people = User.objects.filter(
        Q(students__fair=fair)
        | Q(companies__fair=fair)
        | (Q(role__in=STAFF_ROLES) | Q(is_staff=True)) & Q(is_active=True)
    ).distinct()
    return user_ids_named(people, q)


def _staff_role(user: User) -> str:
    return (
        BadgeRole.VOLUNTEER
        if user.role == Role.DOOR and not user.is_staff
        else (BadgeRole.ORGANIZER)
    )


def person_at(*, fair: Fair, user: User) -> Person | None:
    """The user's part at the fair (student, company contact, organizer, door staff), or None."""
    student = Student.objects.select_related("school").filter(fair=fair, user=user).first()
    if student is not None:
        return Person(user, BadgeRole.STUDENT, student=student)
    company = company_for(user=user, fair=fair, offers=False)
    if company is not None:
        return Person(user, BadgeRole.COMPANY, company=company)
    if user.is_active and (user.role in STAFF_ROLES or user.is_staff):
        return Person(user, _staff_role(user))
    return None


def people_list(*, fair: Fair, roles: Iterable[str] | None = None) -> list[Person]:
    """Everyone at the fair of the roles (all when None); each person once (three queries)."""
    roles = set(roles or BadgeRole.values)
    seen: set[int] = set()
    people: list[Person] = []
    if BadgeRole.STUDENT in roles:
        for s in Student.objects.filter(fair=fair).select_related("user", "school"):
            seen.add(s.user_id)
            people.append(Person(s.user, BadgeRole.STUDENT, student=s))
    if BadgeRole.COMPANY in roles:
        through = Company.users.through.objects.filter(company__fair=fair).select_related(
            "user", "company"
        )
        for row in through.order_by("company__name", "user__name"):
            if row.user_id not in seen:
                seen.add(row.user_id)
                people.append(Person(row.user, BadgeRole.COMPANY, company=row.company))
    if roles & {BadgeRole.ORGANIZER, BadgeRole.VOLUNTEER}:
        for user in _staff_users().order_by("name"):
            role = _staff_role(user)
            if user.pk not in seen and role in roles:
                seen.add(user.pk)
                people.append(Person(user, role))
    return people


def people_without_badge(*, fair: Fair, roles: Iterable[str] | None = None) -> list[Person]:
    """People at the fair who hold no valid badge yet."""
    holders = set(
        Badge.objects.filter(fair=fair, revoked_at__isnull=True).values_list("user_id", flat=True)
    )
    return [p for p in people_list(fair=fair, roles=roles) if p.user.pk not in holders]


def last_badge_versions(*, fair: Fair) -> dict[int, int]:
    """The highest badge version per user at the fair."""
    rows = (
        Badge.objects.filter(fair=fair)
        .order_by()
        .values("user_id")
        .annotate(top=Max("version"))
        .values_list("user_id", "top")
    )
    return dict(rows)


def _hhmm(value) -> str:
    return f"{timezone.localtime(value):%H:%M}"


def _stand_codes(*, fair: Fair) -> dict[int, str]:
    rows = StandBooking.objects.filter(
        stand__fair=fair, status__in=ACTIVE_STAND_BOOKING
    ).values_list("company_id", "stand__code")
    return dict(rows)


def _schedules(*, badges: list[Badge], stands: dict[int, str]) -> dict[int, list[ScheduleRow]]:
    """Interview rows per badge id, for one chunk of badges (one query)."""
    students = {b.student_id: b.pk for b in badges if b.student_id}
    companies = defaultdict(list)
    for b in badges:
        if b.company_id:
            companies[b.company_id].append(b.pk)
    rows: dict[int, list[ScheduleRow]] = defaultdict(list)
    if not students and not companies:
        return rows
    interviews = (
        Interview.objects.filter(status__in=ACTIVE_INTERVIEW)
        .filter(Q(student_id__in=list(students)) | Q(company_id__in=list(companies)))
        .select_related("slot", "company", "student__user")
        .order_by("slot__start", "table")
    )
    for i in interviews:
        stand = stands.get(i.company_id, "")
        start, end = _hhmm(i.slot.start), _hhmm(i.slot.end)
        if i.student_id in students:
            rows[students[i.student_id]].append(
                ScheduleRow(start, end, stand, str(i.table), i.company.name)
            )
        for badge_id in companies.get(i.company_id, ()):
            rows[badge_id].append(ScheduleRow(start, end, stand, str(i.table), i.student.name))
    return rows


def badge_print_queryset(*, fair: Fair, roles: Iterable[str] | None = None) -> QuerySet[Badge]:
    """The fair's valid badges in print order: students by school and class, then companies
    by name, then staff; the name breaks ties."""
    qs = Badge.objects.filter(fair=fair, revoked_at__isnull=True).select_related(
        "user", "student__school", "company"
    )
    if roles is not None:
        qs = qs.filter(role__in=list(roles))
    order = Case(
        *(When(role=r, then=Value(i)) for i, r in enumerate(BadgeRole.values)),
        output_field=IntegerField(),
    )
    return qs.order_by(
        order, "student__school__name", "student__school_class", "company__name", "user__name"
    )


def badge_data(badge: Badge, schedule=()) -> BadgeData:
    """What is printed on one badge."""
    if badge.student_id:
        s = badge.student
        organisation = ", ".join(
            p for p in ((s.school.name if s.school else ""), s.school_class) if p
        )
    elif badge.company_id:
        organisation = badge.company.name
    else:
        organisation = ""
    return BadgeData(
        name=badge.user.name or badge.user.email,
        role=badge.role,
        organisation=organisation,
        fair_name=badge.fair.name,
        fair_date=badge.fair.date,
        token=badge.token,
        schedule=tuple(schedule),
    )


def badge_print_rows(
    badges: QuerySet[Badge] | Iterable[Badge], *, fair: Fair
) -> Iterator[tuple[Badge, BadgeData]]:
    """Stream (badge, printed data) in chunks: a few queries per 500 badges, never all in memory."""
    stands = _stand_codes(fair=fair)
    iterator = badges.iterator(chunk_size=_CHUNK) if isinstance(badges, QuerySet) else badges
    chunk: list[Badge] = []

    def flush():
        schedules = _schedules(badges=chunk, stands=stands)
        for b in chunk:
            b.fair = fair
            yield b, badge_data(b, schedules.get(b.pk, ()))

    for badge in iterator:
        chunk.append(badge)
        if len(chunk) >= _CHUNK:
            yield from flush()
            chunk = []
    if chunk:
        yield from flush()


def people_search(*, fair: Fair, q: str, limit: int = 20) -> list[dict]:
    """People at the fair whose name contains q, with whether and when they checked in."""
    q = " ".join(q.split())
    if len(q) < 2:
        return []
    found: list[Person] = []
    ids = _ids_named(fair, q)
    students = Student.objects.filter(fair=fair, user_id__in=ids)
    for s in students.select_related("user", "school").order_by("pk")[:limit]:
        found.append(Person(s.user, BadgeRole.STUDENT, student=s))
    through = Company.users.through.objects.filter(company__fair=fair, user_id__in=ids)
    through = through.select_related("user", "company").order_by("pk")[:limit]
    found += [Person(r.user, BadgeRole.COMPANY, company=r.company) for r in through]
    staff = _staff_users().filter(pk__in=ids).order_by("pk")[:limit]
    found += [Person(u, _staff_role(u)) for u in staff]
    seen: set[int] = set()
    unique = [p for p in found if not (p.user.pk in seen or seen.add(p.user.pk))]
    unique.sort(key=lambda p: p.user.name.lower())
    unique = unique[:limit]
    times = dict(
        CheckIn.objects.filter(fair=fair, user_id__in=[p.user.pk for p in unique]).values_list(
            "user_id", "checked_in_at"
        )
    )
    return [
        {
            "id": p.user.pk,
            "name": p.user.name,
            "role": p.role,
            "organisation": p.organisation,
            "checked_in_at": times.get(p.user.pk),
        }
        for p in unique
    ]


@dataclass(frozen=True, slots=True)
class BadgeDeskRow:
    """One person on the organizers' badge page: their valid badge, check-in and badge log."""

    person: Person
    badge: Badge | None
    checked_in_at: object  # datetime | None
    events: list


def badge_desk_list(
    *, fair: Fair, q: str = "", limit: int = 100
) -> tuple[list[BadgeDeskRow], bool]:
    """People at the fair whose name contains q (everyone when q is empty), sorted by name,
    with badge state and log; six queries however many. Also whether more than `limit` match."""
    q = " ".join(q.split())
    students = Student.objects.filter(fair=fair)
    through = Company.users.through.objects.filter(company__fair=fair)
    staff = _staff_users()
    if q:
        ids = _ids_named(fair, q)
        students = students.filter(user_id__in=ids)
        through = through.filter(user_id__in=ids)
        staff = staff.filter(pk__in=ids)
    found: list[Person] = [
        Person(s.user, BadgeRole.STUDENT, student=s)
        for s in students.select_related("user", "school")
    ]
    found += [
        Person(r.user, BadgeRole.COMPANY, company=r.company)
        for r in through.select_related("user", "company")
    ]
    found += [Person(u, _staff_role(u)) for u in staff]
    seen: set[int] = set()
    people = [p for p in found if not (p.user.pk in seen or seen.add(p.user.pk))]
    people.sort(key=lambda p: (p.user.name.lower(), p.user.pk))
    more = len(people) > limit
    people = people[:limit]
    ids = [p.user.pk for p in people]
    badges = {
        b.user_id: b
        for b in Badge.objects.filter(fair=fair, user_id__in=ids, revoked_at__isnull=True)
        .order_by()
        .select_related("user")
    }
    times = dict(
        CheckIn.objects.filter(fair=fair, user_id__in=ids)
        .order_by()
        .values_list("user_id", "checked_in_at")
    )
    events = defaultdict(list)
    for event in (
        BadgeEvent.objects.filter(badge__fair=fair, badge__user_id__in=ids)
        .select_related("by", "badge")
        .order_by("-at", "-pk")
    ):
        events[event.badge.user_id].append(event)
    rows = [
        BadgeDeskRow(p, badges.get(p.user.pk), times.get(p.user.pk), events[p.user.pk])
        for p in people
    ]
    return rows, more
