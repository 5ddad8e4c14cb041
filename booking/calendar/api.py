"""API of calendars: the person's own interviews as an iCalendar file."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Router

from booking.calendar import selectors
from booking.calendar.views import ics_response
from fair.exceptions import NotFound
from fair.schemas import ErrorOut

router = Router(tags=["calendar"])


@router.get(
    "/me/calendar.ics",
    response={404: ErrorOut},
    openapi_extra={
        "responses": {200: {"description": "iCalendar", "content": {"text/calendar": {}}}}
    },
)
def calendar_mine(request: HttpRequest) -> HttpResponse:
    """Own interviews (student or company) at the latest fair, with the fair itself."""
    fair = selectors.calendar_participant_fair(user=request.user)
    if fair is None:
        raise NotFound(
            _("You have no calendar: you are not a student or company at a fair."),
            code="no_calendar",
        )
    data = selectors.person_calendar(user=request.user, fair=fair)
    return ics_response(data, filename=f"{fair.slug}.ics", cache="private, no-store")
