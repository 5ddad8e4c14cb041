"""API of outcomes: counts and meetings of a fair, and recording an outcome."""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema, Status

from fair.exceptions import NotFound
from fair.models import Company, Student
from fair.resolve import request_fair
from fair.rules import may_record_outcome, outcome_students, reporter_role, require
from fair.schemas import ErrorOut
from outcomes.enums import OutcomeSource
from outcomes.models import Outcome
from outcomes.schemas import OutcomeIn, OutcomeOut, OutcomesOut
from outcomes.selectors import meeting_list, outcome_counts
from outcomes.services import record_outcome

router = Router(tags=["outcomes"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
NOT_YOURS = _("Only organizers and partner staff see and record outcomes.")


class OutcomesFilter(Schema):
    fair: str


def _allowed(request: HttpRequest) -> None:
    require(may_record_outcome(request.user), NOT_YOURS, code="not_allowed")


def _outcome(o: Outcome) -> dict:
    return {
        "id": o.pk,
        "student": o.student_id,
        "company": o.company_id,
        "kind": o.kind,
        "start_date": o.start_date,
        "end_date": o.end_date,
        "reporter_role": o.reporter_role,
        "source": o.source,
        "recorded_at": o.recorded_at,
        "note": o.note,
    }


@router.get("/outcomes", response={200: OutcomesOut, **ERRORS})
def outcome_list(request: HttpRequest, filters: Query[OutcomesFilter]):
    """Meetings by latest outcome, per programme, and each meeting's history (partners: theirs)."""
    _allowed(request)
    fair = request_fair(request, filters.fair, public=False)
    meetings = meeting_list(fair=fair, students=outcome_students(user=request.user, fair=fair))
    counts = outcome_counts(meetings=meetings)
    return {
        "fair": fair.slug,
        "counts": counts["total"],
        "by_programme": [
            {**r, "programme": r["code"] or None, "name": r["programme"] and r["programme"].name}
            for r in counts["rows"]
        ],
        "meetings": [
            {
                "student": m.student.pk,
                "student_name": m.student.user.name,
                "company": m.company.pk,
                "company_name": m.company.name,
                "interview": m.interview.pk if m.interview else None,
                "conversation": m.conversation.pk if m.conversation else None,
                "current": _outcome(m.current) if m.current else None,
                "history": [_outcome(o) for o in m.history],
            }
            for m in meetings
        ],
    }


@router.post("/outcomes", response={201: OutcomeOut, **ERRORS})
def outcome_record(request: HttpRequest, payload: OutcomeIn):
    """Record what came of a meeting (organizers; partner staff for their own students)."""
    _allowed(request)
    fair = request_fair(request, payload.fair, public=False)
    student = Student.objects.filter(fair=fair, pk=payload.student).first()
    company = Company.objects.filter(fair=fair, pk=payload.company).first()
    if student is None or company is None:
        raise NotFound(_("No such student or company at this fair."), code="no_meeting")
    mine = outcome_students(user=request.user, fair=fair).filter(pk=student.pk).exists()
    require(mine, _("This student is not one of your organisation's."), code="not_yours")
    outcome = record_outcome(
        student=student,
        company=company,
        kind=payload.kind,
        reported_by=request.user,
        reporter_role=reporter_role(request.user),
        source=OutcomeSource.API,
        start_date=payload.start_date,
        end_date=payload.end_date,
        note=payload.note,
    )
    return Status(201, _outcome(outcome))
