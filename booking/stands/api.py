"""API of stands and stand bookings."""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status

from booking.models import StandBooking
from booking.stands import selectors, services
from booking.stands.schemas import (
    ExhibitorOut,
    StandBookingIn,
    StandBookingOut,
    StandBookingUpdateIn,
    StandOut,
)
from fair.api import router as fair_router
from fair.exceptions import NotAllowed
from fair.models import Company, Fair
from fair.resolve import request_fair
from fair.schemas import ErrorOut
from fair.selectors import company_for

router = Router(tags=["stands"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _company(request: HttpRequest, fair: Fair) -> Company:
    company = company_for(user=request.user, fair=fair, offers=False)
    if company is None:
        raise NotAllowed(_("Only a company of this fair can book stands."), code="not_a_company")
    return company


def booking_out(booking: StandBooking) -> dict:
    return {
        "id": booking.pk,
        "stand": booking.stand.code,
        "tables": booking.tables,
        "status": booking.status,
        "needs_power": booking.needs_power,
        "needs_wall": booking.needs_wall,
        "needs_note": booking.needs_note,
        "reason": booking.reason,
    }


def exhibitor_list(request: HttpRequest, fair: str):
    companies = selectors.exhibitor_list_with_stands(fair=request_fair(request, fair))
    return [
        {
            "id": c.pk,
            "name": c.name,
            "stand": c.stand_code,
            "programmes": [o.programme.code for o in c.offers.all()],
        }
        for c in companies
    ]


# One path must live in one router: the fair router already has POST /fairs/{fair}/companies
# (company registration), so Django would answer 405 to a GET routed here. The exhibitor list
# joins that path operation (booking may use fair; fair does not import booking).
fair_router.add_api_operation(
    "/fairs/{fair}/companies",
    ["GET"],
    exhibitor_list,
    response={200: list[ExhibitorOut], 404: ErrorOut},
    auth=None,
    tags=["fair"],
)


@router.get("/fairs/{fair}/stands", response={200: list[StandOut], 404: ErrorOut}, auth=None)
def stand_list(request: HttpRequest, fair: str):
    stands = selectors.stand_list(fair=request_fair(request, fair))
    return [
        {
            **{f: getattr(s, f) for f in ("code", "zone", "x", "y", "width", "height", "size_m2")},
            "power": s.power,
            "price_dkk": s.price_dkk,
            "status": "free" if s.active_booking is None else "booked",
            "booking_status": selectors.stand_state(s),
            "company": s.active_booking.company.name
            if selectors.stand_state(s) == "booked"
            else None,
        }
        for s in stands
    ]


@router.get("/fairs/{fair}/stand-bookings", response={200: list[StandBookingOut], **ERRORS})
def stand_booking_list(request: HttpRequest, fair: str):
    company = _company(request, request_fair(request, fair))
    return [booking_out(b) for b in selectors.stand_bookings_for(company=company)]


@router.post("/fairs/{fair}/stand-bookings", response={201: StandBookingOut, **ERRORS})
def stand_book(request: HttpRequest, fair: str, payload: StandBookingIn):
    the_fair = request_fair(request, fair)
    booking = services.stand_book(
        fair=the_fair, company=_company(request, the_fair), code=payload.stand,
        **payload.dict(exclude={"stand"}),
    )  # fmt: skip
    return Status(201, booking_out(booking))


@router.patch(
    "/fairs/{fair}/stand-bookings/{booking_id}", response={200: StandBookingOut, **ERRORS}
)
def stand_booking_update(
    request: HttpRequest, fair: str, booking_id: int, payload: StandBookingUpdateIn
):
    the_fair = request_fair(request, fair)
    booking = selectors.stand_booking_for(company=_company(request, the_fair), pk=booking_id)
    booking = services.stand_booking_tables_change(booking=booking, tables=payload.tables)
    return booking_out(booking)


@router.delete("/fairs/{fair}/stand-bookings/{booking_id}", response={204: None, **ERRORS})
def stand_booking_cancel(request: HttpRequest, fair: str, booking_id: int):
    the_fair = request_fair(request, fair)
    booking = selectors.stand_booking_for(company=_company(request, the_fair), pk=booking_id)
    services.stand_booking_cancel(booking=booking)
    return Status(204, None)
