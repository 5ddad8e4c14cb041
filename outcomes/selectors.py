"""Reading outcomes: the fair's meetings with their current outcome and history, and counts.

A meeting is a (student, company) pair of one fair: an active or held interview, a stand
conversation, or a pair someone reported an outcome for. Each selector runs a fixed number of
queries whatever the number of meetings.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet

from fair.models import Company, Fair, Student, User
from outcomes.enums import OutcomeKind
from outcomes.models import Outcome

# Counted under this key: meetings nobody has reported on yet.
NOT_REPORTED = "not_reported"


@dataclass
class Meeting:
    student: Student
    company: Company
    interview: object | None = None  # booking.Interview
    conversation: object | None = None  # badges.StandConversation
    history: list[Outcome] = field(default_factory=list)  # newest first

    @property
    def key(self) -> tuple[int, int]:
        return (self.student.pk, self.company.pk)

    @property
    def current(self) -> Outcome | None:
        return self.history[0] if self.history else None

    @property
    def start(self):
        return self.interview.slot.start if self.interview is not None else None


def meeting_list(
    *, fair: Fair, students: QuerySet[Student] | None = None, company_ids=None
) -> list[Meeting]:
    """The fair's meetings (optionally only of some students or companies), by name."""
    from badges.models import StandConversation
    from booking.enums import ACTIVE_INTERVIEW
    from booking.models import Interview

    def narrow(qs):
        if students is not None:
            qs = qs.filter(student__in=students.values("pk"))
        if company_ids is not None:
            qs = qs.filter(company_id__in=list(company_ids))
        return qs

    meetings: dict[tuple[int, int], Meeting] = {}
    interviews = narrow(Interview.objects.filter(fair=fair, status__in=ACTIVE_INTERVIEW))
    for i in interviews.select_related("student__user", "company", "slot"):
        meetings[(i.student_id, i.company_id)] = Meeting(i.student, i.company, interview=i)
    talks = narrow(StandConversation.objects.filter(fair=fair))
    for t in talks.select_related("student__user", "company"):
        meeting = meetings.setdefault((t.student_id, t.company_id), Meeting(t.student, t.company))
        meeting.conversation = t
    reports = narrow(Outcome.objects.filter(fair=fair)).select_related(
        "student__user", "company", "reported_by"
    )
    for o in reports.order_by("-recorded_at", "-pk"):
        meeting = meetings.setdefault((o.student_id, o.company_id), Meeting(o.student, o.company))
        meeting.history.append(o)
    return sorted(
        meetings.values(),
        key=lambda m: (m.student.user.name.casefold(), m.company.name.casefold(), m.key),
    )


def meeting_get(*, fair: Fair, student_id: int, company_id: int, students=None) -> Meeting | None:
    """One meeting of the fair (None when the pair never met and has no report)."""
    found = meeting_list(
        fair=fair,
        students=(students if students is not None else Student.objects.all()).filter(
            pk=student_id
        ),
        company_ids=[company_id],
    )
    if found:
        return found[0]
    student = Student.objects.filter(fair=fair, pk=student_id).select_related("user").first()
    company = Company.objects.filter(fair=fair, pk=company_id).first()
    if student is None or company is None:
        return None
    if students is not None and not students.filter(pk=student_id).exists():
        return None
    return Meeting(student, company)


def meetings_of_person(*, fair: Fair, user: User) -> list[Meeting]:
    """The meetings a student had, or a company contact's companies had, at the fair."""
    if user.students.filter(fair=fair).exists():
        return meeting_list(fair=fair, students=Student.objects.filter(fair=fair, user=user))
    company_ids = list(Company.objects.filter(fair=fair, users=user).values_list("pk", flat=True))
    if not company_ids:
        return []
    return meeting_list(fair=fair, company_ids=company_ids)


def followup_recipients(*, fair: Fair) -> QuerySet[User]:
    """Active students and company contacts of the fair with at least one meeting."""
    from badges.models import StandConversation
    from booking.enums import ACTIVE_INTERVIEW
    from booking.models import Interview

    pairs = set(
        Interview.objects.filter(fair=fair, status__in=ACTIVE_INTERVIEW).values_list(
            "student__user_id", "company_id"
        )
    )
    pairs |= set(
        StandConversation.objects.filter(fair=fair).values_list("student__user_id", "company_id")
    )
    user_ids = {user_id for user_id, _company in pairs}
    contacts = Company.users.through.objects.filter(company_id__in={c for _u, c in pairs})
    user_ids |= set(contacts.values_list("user_id", flat=True))
    return User.objects.filter(is_active=True, pk__in=user_ids).order_by("pk")


def programme_of(meeting: Meeting, offers: dict[int, set[int]], wanted: dict[int, list]):
    """The one programme a meeting is counted under (the rule in `outcome_counts`)."""
    programmes = wanted.get(meeting.student.pk, [])
    shared = [p for p in programmes if p.pk in offers.get(meeting.company.pk, set())]
    chosen = shared or programmes
    return chosen[0] if chosen else None


def outcome_counts(*, meetings: list[Meeting]) -> dict:
    """Meetings by current outcome, in all and per programme.

    Rule: each meeting counts once, under the first programme (by code) that the student
    seeks and the company trains in; with none in common, under the student's first
    programme. Meetings without any report count as `not_reported`.
    """
    from fair.models import CompanyProgramme, Programme

    student_ids = {m.student.pk for m in meetings}
    company_ids = {m.company.pk for m in meetings}
    offers: dict[int, set[int]] = defaultdict(set)
    for company_id, programme_id in CompanyProgramme.objects.filter(
        company_id__in=company_ids
    ).values_list("company_id", "programme_id"):
        offers[company_id].add(programme_id)
    wanted: dict[int, list] = defaultdict(list)
    through = Student.programmes.through.objects.filter(student_id__in=student_ids)
    programmes = {p.pk: p for p in Programme.objects.filter(students__in=student_ids).distinct()}
    for student_id, programme_id in through.values_list("student_id", "programme_id"):
        wanted[student_id].append(programmes[programme_id])
    for items in wanted.values():
        items.sort(key=lambda p: p.code)
    kinds = [*OutcomeKind.values, NOT_REPORTED]
    total: Counter = Counter()
    per_programme: dict[int, Counter] = defaultdict(Counter)
    for meeting in meetings:
        kind = meeting.current.kind if meeting.current else NOT_REPORTED
        total[kind] += 1
        programme = programme_of(meeting, offers, wanted)
        per_programme[programme.pk if programme else 0][kind] += 1
    rows = []
    for pk, counter in per_programme.items():
        programme = programmes.get(pk)
        rows.append(
            {
                "programme": programme,
                "code": programme.code if programme else "",
                **{k: counter[k] for k in kinds},
                "meetings": sum(counter.values()),
            }
        )
    rows.sort(key=lambda r: (r["programme"] is None, r["programme"].name if r["programme"] else ""))
    return {"total": {**{k: total[k] for k in kinds}, "meetings": len(meetings)}, "rows": rows}
