"""API of interviews and self-booking."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status

from booking.interviews import selectors, services
from booking.interviews.schemas import FreeSlotOut, InterviewIn, InterviewOut, MyInterviewOut
from booking.models import Interview, Slot
from fair.exceptions import InvalidInput, NotAllowed, NotFound
from fair.models import Company
from fair.resolve import request_fair
from fair.schemas import ErrorOut
from fair.selectors import student_for

router = Router(tags=["interviews"])
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def interview_out(i: Interview) -> dict:
    return {
        "id": i.pk,
        "company": i.company_id,
        "slot": i.slot_id,
        "table": i.table,
        "start": i.slot.start,
        "end": i.slot.end,
    }


@router.get(
    "/fairs/{fair}/companies/{company_id}/free-slots",
    response={200: list[FreeSlotOut], 404: ErrorOut},
    auth=None,
)
def free_slot_list(request: HttpRequest, fair: str, company_id: int):
    the_fair = request_fair(request, fair)
    company = get_object_or_404(Company, fair=the_fair, pk=company_id)
    if not selectors.self_booking_open(fair=the_fair):
        return []  # nothing can be booked: before publication or after the fair
    return [
        {"slot": f.slot.pk, "start": f.slot.start, "end": f.slot.end, "free_tables": f.free_tables}
        for f in selectors.free_slots_for(company=company)
    ]


@router.post("/fairs/{fair}/interviews", response={201: InterviewOut, **ERRORS})
def interview_book(request: HttpRequest, fair: str, payload: InterviewIn):
    the_fair = request_fair(request, fair)
    student = student_for(user=request.user, fair=the_fair)
    if student is None:
        raise NotAllowed(_("Only students of this fair can book interviews."), code="not_a_student")
    company = Company.objects.filter(fair=the_fair, pk=payload.company).first()
    slot = Slot.objects.filter(fair=the_fair, pk=payload.slot).first()
    if company is None:
        raise InvalidInput({"company": [_("Unknown company: %(id)s.") % {"id": payload.company}]})
    if slot is None:
        raise InvalidInput({"slot": [_("Unknown time: %(id)s.") % {"id": payload.slot}]})
    interview = services.interview_book(student=student, company=company, slot=slot)
    return Status(201, interview_out(interview))


@router.delete("/fairs/{fair}/interviews/{interview_id}", response={204: None, **ERRORS})
def interview_cancel(request: HttpRequest, fair: str, interview_id: int):
    interview = selectors.interview_get(fair=request_fair(request, fair), pk=interview_id)
    if interview is None:
        raise NotFound(_("Not found."))
    services.interview_cancel(interview=interview, user=request.user)
    return Status(204, None)


@router.get("/me/interviews", response=list[MyInterviewOut])
def my_interview_list(request: HttpRequest):
    return [
        {
            "id": i.pk,
            "fair": i.fair.slug,
            "slot": i.slot_id,
            "start": i.slot.start,
            "end": i.slot.end,
            "company": i.company_id,
            "company_name": i.company.name,
            "student": i.student_id,
            "student_name": i.student.user.name,
            "stand": i.stand_code,
            "table": i.table,
            "status": i.status,
            "source": i.source,
        }
        for i in selectors.interviews_for_user(user=request.user)
    ]
