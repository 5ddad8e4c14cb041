"""Reads of stands and stand bookings; each function fixes its number of queries."""

import re

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from booking.enums import ACTIVE_STAND_BOOKING, StandBookingStatus
from booking.models import Stand, StandBooking, StandWaitlistEntry
from booking.stands.floorplan import PlanStand
from fair.exceptions import NotFound
from fair.models import Company, Fair
from fair.selectors import exhibitor_list


def _active_bookings() -> Prefetch:
    active = StandBooking.objects.filter(status__in=ACTIVE_STAND_BOOKING).select_related("company")
    return Prefetch("bookings", queryset=active, to_attr="active_bookings")


def _natural(stand: Stand) -> tuple:
    """A2 before A10: letters and numbers of the code compared as such."""
    parts = re.findall(r"\d+|\D+", stand.code)
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


def stand_list(*, fair: Fair) -> list[Stand]:
    """The fair's stands, each with `.active_booking` (None or one with its company): 2 queries."""
    stands = sorted(
        Stand.objects.filter(fair=fair).prefetch_related(_active_bookings()), key=_natural
    )
    for stand in stands:
        stand.active_booking = stand.active_bookings[0] if stand.active_bookings else None
    return stands


def stand_state(stand: Stand) -> str:
    """free, held (pending approval) or booked (confirmed)."""
    booking = stand.active_booking
    if booking is None:
        return "free"
    return "held" if booking.status == StandBookingStatus.PENDING else "booked"


def plan_stands(
    *, stands: list[Stand], company: Company | None = None, href=None, names_when_held=False
) -> list[PlanStand]:
    """Turn stands (from `stand_list`) into what the plan draws."""
    result = []
    for stand in stands:
        booking = stand.active_booking
        state = stand_state(stand)
        show_name = booking is not None and (state == "booked" or names_when_held)
        result.append(
            PlanStand(
                code=stand.code,
                zone=stand.zone,
                x=float(stand.x),
                y=float(stand.y),
                width=float(stand.width),
                height=float(stand.height),
                size_m2=stand.size_m2,
                state=state,
                company=booking.company.name if show_name else "",
                own=company is not None
                and booking is not None
                and booking.company_id == company.pk,
                href=href(stand) if href else "",
            )
        )
    return result


def stand_get(*, fair: Fair, code: str) -> Stand:
    """One stand of the fair with `.active_booking`, or NotFound."""
    stand = (
        Stand.objects.filter(fair=fair, code=code.strip().upper())
        .prefetch_related(_active_bookings())
        .first()
    )
    if stand is None:
        raise NotFound(
            _("There is no stand with this code at this fair."), code="unknown_stand", field="stand"
        )
    stand.active_booking = stand.active_bookings[0] if stand.active_bookings else None
    return stand


def stand_bookings_for(*, company: Company) -> QuerySet[StandBooking]:
    """A company's bookings at its fair, newest first, active ones included."""
    return (
        StandBooking.objects.filter(company=company)
        .select_related("stand")
        .order_by("-created_at", "-pk")
    )


def stand_booking_for(*, company: Company, pk: int) -> StandBooking:
    """One of the company's own bookings, or NotFound (another company's is not found)."""
    booking = stand_bookings_for(company=company).select_related("fair").filter(pk=pk).first()
    if booking is None:
        raise NotFound(code="booking_not_found")
    return booking


def stand_booking_get(*, fair: Fair, pk: int) -> StandBooking:
    """A booking of the fair for an organizer, or NotFound."""
    booking = (
        StandBooking.objects.filter(fair=fair, pk=pk)
        .select_related("stand", "company", "fair")
        .first()
    )
    if booking is None:
        raise NotFound(code="booking_not_found")
    return booking


def stand_booking_list(*, fair: Fair, status: str | None = None) -> QuerySet[StandBooking]:
    """The fair's bookings with stand and company, by stand code (one query)."""
    qs = StandBooking.objects.filter(fair=fair).select_related("stand", "company", "decided_by")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("stand__code", "-created_at")


def waitlist_for(*, company: Company) -> list[StandWaitlistEntry]:
    return list(StandWaitlistEntry.objects.filter(company=company).select_related("offered_stand"))


def waitlist_list(*, fair: Fair) -> QuerySet[StandWaitlistEntry]:
    return StandWaitlistEntry.objects.filter(fair=fair).select_related("company", "offered_stand")


def exhibitor_list_with_stands(*, fair: Fair) -> QuerySet[Company]:
    """Exhibitors with their programmes and `.stand_code` of their active stand (2 queries)."""
    code = (
        StandBooking.objects.filter(company=OuterRef("pk"), status__in=ACTIVE_STAND_BOOKING)
        .order_by("stand__code")
        .values("stand__code")[:1]
    )
    return exhibitor_list(fair=fair).annotate(stand_code=Subquery(code))


def zones_full(*, stands: list[Stand]) -> list[str]:
    """Zones (from `stand_list`) where no stand is free: companies may join their waiting list."""
    zones: dict[str, bool] = {}
    for stand in stands:
        zones[stand.zone] = zones.get(stand.zone, False) or stand.active_booking is None
    return sorted(zone for zone, has_free in zones.items() if zone and not has_free)


def stand_booking_export_rows(*, fair: Fair) -> list[list[str]]:
    """Rows of the organizers' CSV export: company, CVR, stand, zone, tables, needs, status."""
    rows = []
    for booking in stand_booking_list(fair=fair):
        needs = []
        if booking.needs_power:
            needs.append(str(_("power")))
        if booking.needs_wall:
            needs.append(str(_("wall")))
        if booking.needs_note:
            needs.append(booking.needs_note)
        rows.append(
            [
                booking.company.name,
                booking.company.cvr,
                booking.stand.code,
                booking.stand.zone,
                str(booking.tables),
                "; ".join(needs),
                str(booking.get_status_display()),
            ]
        )
    return rows
