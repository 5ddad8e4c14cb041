"""Stand booking: importing the plan, booking, changing, approving, moving, waiting lists.

Invariants: the database allows one active booking per stand (`stand_one_active_booking`);
a company's stand quota is counted capacity, so booking locks the company row first.
"""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from booking import locks, notifications
from booking.enums import ACTIVE_INTERVIEW, ACTIVE_STAND_BOOKING, StandBookingStatus
from booking.models import Interview, Stand, StandAllowance, StandBooking, StandWaitlistEntry
from fair.emails import email_send
from fair.exceptions import AlreadyBooked, AlreadyExists, Closed, InvalidInput, NotAllowed, NotFound
from fair.models import Company, Fair, User
from fair.phases import stand_booking_open
from fair.site import site_url

MAX_TABLES = 4


MAX_TEXT = 300  # characters of a booking's other needs and of a rejection's reason


EMAIL_KINDS = {
    "confirmed_at_once": _("Your stand %(code)s is booked"),
    "pending": _("We have your request for stand %(code)s"),
    "confirmed": _("Your stand %(code)s is confirmed"),
    "rejected": _("Your request for stand %(code)s was not approved"),
    "moved": _("You have been moved to stand %(code)s"),
    "tables": _("Tables changed at stand %(code)s"),
    "cancelled": _("Your booking of stand %(code)s is cancelled"),
    "waitlist_offer": _("Stand %(code)s is free: book it now"),
}


class StandTaken(AlreadyBooked):
    code = "stand_taken"
    default_message = _("Sorry, this stand has just been taken. Choose another one.")


def _check_open(fair: Fair, now: datetime | None) -> None:
    if not stand_booking_open(fair, now):
        raise Closed(_("Stand booking for this fair has closed."), code="stand_booking_closed")


def _check_tables(tables: int) -> None:
    if not 1 <= tables <= MAX_TABLES:
        raise InvalidInput({"tables": [_g("Choose 1 to 4 interview tables.")]})


def _check_length(*, field: str, text: str, message: str) -> str:
    """The text stripped; a longer one is refused, never cut (the reader would miss the end)."""
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise InvalidInput({field: [message % {"max": MAX_TEXT, "count": len(text)}]})
    return text


def _notify(*, booking_id: int, kind: str, extra: dict | None = None) -> None:
    """E-mail every contact person of the booking's company (their language): written to the
    outbox with the booking's transaction, sent once it commits (fair.emails)."""
    booking = StandBooking.objects.select_related("stand", "company", "fair").get(pk=booking_id)
    _send(company=booking.company, stand=booking.stand, kind=kind, booking=booking, extra=extra)


def _plan_url(fair: Fair) -> str:
    path = reverse("booking:stand-plan", kwargs={"slug": fair.slug})
    return site_url() + path


def _send(*, company: Company, stand: Stand, kind: str, booking=None, extra=None) -> None:
    for user in company.users.all():
        with translation.override(user.language):
            subject = str(EMAIL_KINDS[kind]) % {"code": stand.code}
        email_send(
            user=user,
            subject=subject,
            template="stand_booking",
            context={
                "kind": kind,
                "booking": booking,
                "stand": stand,
                "company": company,
                "fair": stand.fair,
                "plan_url": _plan_url(stand.fair),
                **(extra or {}),
            },
        )


def _company_lock(company: Company) -> Company:
    """Locks: the company row (level 2 of `booking.locks`); its stand quota is counted while
    the lock is held."""
    return locks.company_lock(company_id=company.pk)


def _active_stand_count(company: Company) -> int:
    return StandBooking.objects.filter(company=company, status__in=ACTIVE_STAND_BOOKING).count()


def _allowance(company: Company) -> int:
    found = StandAllowance.objects.filter(company=company).values_list("stands", flat=True)
    return next(iter(found), 1)


@transaction.atomic
def stand_book(
    *,
    fair: Fair,
    company: Company,
    code: str,
    tables: int = 1,
    needs_power: bool = False,
    needs_wall: bool = False,
    needs_note: str = "",
    now: datetime | None = None,
) -> StandBooking:
    """Book a free stand for a company; pending or confirmed by the fair's approval setting.

    Locks: the company row (level 2, quota), then relies on the partial unique constraint;
    the waiting-list rows it deletes are level 3.
    """
    if company.fair_id != fair.pk:
        raise NotAllowed(_("This company is not part of this fair."), code="wrong_fair")
    _check_open(fair, now)
    _check_tables(tables)
    needs_note = _check_length(
        field="needs_note",
        text=needs_note,
        message=_g("Other needs can be at most %(max)s characters; you wrote %(count)s."),
    )
    stand = Stand.objects.filter(fair=fair, code=code.strip().upper()).first()
    if stand is None:
        raise NotFound(
            _("There is no stand with this code at this fair."), code="unknown_stand", field="stand"
        )
    company = _company_lock(company)
    if _active_stand_count(company) >= _allowance(company):
        raise AlreadyBooked(
            _("Your company already has a stand at this fair."), code="company_has_stand"
        )
    if StandBooking.objects.filter(stand=stand, status__in=ACTIVE_STAND_BOOKING).exists():
        raise StandTaken()
    status = (
        StandBookingStatus.PENDING
        if fair.stand_booking_requires_approval
        else StandBookingStatus.CONFIRMED
    )
    booking = StandBooking(
        fair=fair,
        stand=stand,
        company=company,
        tables=tables,
        needs_power=needs_power,
        needs_wall=needs_wall,
        needs_note=needs_note,
        status=status,
    )
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError:  # a simultaneous booking of the same stand committed first
        raise StandTaken() from None
    StandWaitlistEntry.objects.filter(fair=fair, company=company).delete()
    kind = "pending" if status == StandBookingStatus.PENDING else "confirmed_at_once"
    _notify(booking_id=booking.pk, kind=kind)
    _interviews_restand(company_id=company.pk)  # a company with interviews at a new stand
    return booking


def _active(booking: StandBooking) -> None:
    if booking.status not in ACTIVE_STAND_BOOKING:
        raise NotAllowed(_("This booking is no longer active."), code="booking_not_active")


@transaction.atomic
def stand_booking_tables_change(
    *, booking: StandBooking, tables: int, now: datetime | None = None
) -> StandBooking:
    """Change the number of interview tables of an active booking, before the deadline.

    Locks: the company row (level 2), then the booking (level 3).
    """
    _check_open(booking.fair, now)
    _check_tables(tables)
    booking = locks.stand_booking_lock(booking_id=booking.pk)
    _active(booking)
    if booking.tables != tables:
        old = booking.tables
        booking.tables = tables
        booking.save(update_fields=["tables", "updated_at"])
        _notify(booking_id=booking.pk, kind="tables", extra={"old_tables": old})
    return booking


@transaction.atomic
def stand_booking_cancel(
    *, booking: StandBooking, by_organizer: bool = False, now: datetime | None = None
) -> StandBooking:
    """Cancel an active booking (companies before the deadline); offer the stand onwards.

    Locks: the company row (level 2), the booking, then the first waiting-list entry (3).
    """
    if not by_organizer:
        _check_open(booking.fair, now)
    booking = locks.stand_booking_lock(booking_id=booking.pk)
    _active(booking)
    booking.status = StandBookingStatus.CANCELLED
    booking.save(update_fields=["status", "updated_at"])
    _notify(booking_id=booking.pk, kind="cancelled")
    _waitlist_offer(stand=booking.stand)
    return booking


def _pending(booking: StandBooking) -> StandBooking:
    """The booking, locked, if it waits for approval (else NotAllowed).

    Locks: the company row (level 2), then the booking (level 3) (`booking.locks`).
    """
    booking = locks.stand_booking_lock(booking_id=booking.pk)
    if booking.status != StandBookingStatus.PENDING:
        raise NotAllowed(_("This booking is not waiting for approval."), code="not_pending")
    return booking


@transaction.atomic
def stand_booking_confirm(*, booking: StandBooking, by: User) -> StandBooking:
    """An organizer approves a pending booking. Locks: company row, then booking."""
    booking = _pending(booking)
    booking.status = StandBookingStatus.CONFIRMED
    booking.decided_by = by
    booking.save(update_fields=["status", "decided_by", "updated_at"])
    _notify(booking_id=booking.pk, kind="confirmed")
    return booking


@transaction.atomic
def stand_booking_reject(*, booking: StandBooking, by: User, reason: str) -> StandBooking:
    """An organizer turns down a pending booking with a reason the company reads.

    Locks: the company row (level 2), the booking, then the first waiting-list entry (3).
    """
    if not reason.strip():
        raise InvalidInput({"reason": [_g("Give the company a reason.")]})
    reason = _check_length(
        field="reason",
        text=reason,
        message=_g("The reason can be at most %(max)s characters; you wrote %(count)s."),
    )
    booking = _pending(booking)
    booking.status = StandBookingStatus.REJECTED
    booking.reason = reason
    booking.decided_by = by
    booking.save(update_fields=["status", "reason", "decided_by", "updated_at"])
    _notify(booking_id=booking.pk, kind="rejected")
    _waitlist_offer(stand=booking.stand)
    return booking


@transaction.atomic
def stand_booking_move(*, booking: StandBooking, code: str, by: User) -> StandBooking:
    """An organizer moves an active booking to another free stand of the same fair.

    Locks: the company row (level 2), the booking, then the first waiting-list entry (3).
    """
    booking = locks.stand_booking_lock(booking_id=booking.pk)
    _active(booking)
    target = Stand.objects.filter(fair_id=booking.fair_id, code=code.strip().upper()).first()
    if target is None:
        raise NotFound(
            _("There is no stand with this code at this fair."), code="unknown_stand", field="stand"
        )
    if target.pk == booking.stand_id:
        raise InvalidInput({"stand": [_g("The company is already at this stand.")]})
    old = booking.stand
    booking.stand = target
    booking.decided_by = by
    try:
        with transaction.atomic():
            booking.save(update_fields=["stand", "decided_by", "updated_at"])
    except IntegrityError:
        raise StandTaken() from None
    _notify(booking_id=booking.pk, kind="moved", extra={"old_code": old.code})
    _waitlist_offer(stand=old)
    _interviews_restand(company_id=booking.company_id)
    return booking


def _interviews_restand(*, company_id: int) -> None:
    """The company's stand changed: updated invites (same UID, higher SEQUENCE, the new stand)
    to everyone with an active interview there, written with the change (the outbox).

    Locks: the company's active interviews (level 4). Caller holds the company row (level 2)
    and runs this last in its transaction, after the booking and the waiting list (level 3).
    """
    active = Interview.objects.filter(company_id=company_id, status__in=ACTIVE_INTERVIEW)
    locked = active.select_for_update(no_key=True, of=("self",))
    ids = list(locked.order_by("pk").values_list("pk", flat=True))
    if ids:
        # The subscription feeds show the new stand too: they need the higher SEQUENCE as well.
        Interview.objects.filter(pk__in=ids).update(sequence=F("sequence") + 1)
        notifications.interviews_notify(interview_ids=ids, reason="moved")


@transaction.atomic
def stand_allowance_set(*, company: Company, stands: int, by: User) -> StandAllowance:
    """An organizer lets a company hold this many stands (1 to 20)."""
    if not 1 <= stands <= 20:
        raise InvalidInput({"stands": [_g("Allow 1 to 20 stands.")]})
    allowance, _created = StandAllowance.objects.update_or_create(
        company=company, defaults={"stands": stands, "granted_by": by, "granted_at": timezone.now()}
    )
    return allowance


@transaction.atomic
def stand_waitlist_join(
    *, fair: Fair, company: Company, zone: str, now: datetime | None = None
) -> StandWaitlistEntry:
    """Put a company on a full zone's waiting list (once per zone)."""
    _check_open(fair, now)
    if company.fair_id != fair.pk:
        raise NotAllowed(_("This company is not part of this fair."), code="wrong_fair")
    if _active_stand_count(company) >= _allowance(company):
        raise AlreadyBooked(
            _("Your company already has a stand at this fair."), code="company_has_stand"
        )
    stands = Stand.objects.filter(fair=fair, zone=zone)
    if not stands.exists():
        raise NotFound(_("There is no such zone at this fair."), code="unknown_zone", field="zone")
    if stands.exclude(bookings__status__in=ACTIVE_STAND_BOOKING).exists():
        raise NotAllowed(
            _("This zone has free stands: book one of them instead."), code="zone_has_free_stands"
        )
    try:
        with transaction.atomic():
            return StandWaitlistEntry.objects.create(fair=fair, company=company, zone=zone)
    except IntegrityError:
        raise AlreadyExists(
            _("You are already on this zone's waiting list."), code="already_waiting"
        ) from None


def _waitlist_offer(*, stand: Stand) -> StandWaitlistEntry | None:
    """Offer a freed stand to the first company in its zone's line that has no offer yet.

    The offer is an e-mail with a link; the stand stays free for whoever books first.

    Locks: the first waiting-list entry of the zone (level 3). Caller holds the company row
    (level 2) and the booking (level 3) of the freed stand, as the stand booking services do.
    """
    entry = (
        StandWaitlistEntry.objects.select_for_update(no_key=True, of=("self",))
        .filter(fair_id=stand.fair_id, zone=stand.zone, offered_at__isnull=True)
        .order_by("created_at", "pk")
        .first()
    )
    if entry is None:
        return None
    entry.offered_stand = stand
    entry.offered_at = timezone.now()
    entry.save(update_fields=["offered_stand", "offered_at"])
    company = Company.objects.get(pk=entry.company_id)
    offered = Stand.objects.select_related("fair").get(pk=stand.pk)
    _send(company=company, stand=offered, kind="waitlist_offer")  # the outbox, with this commit
    return entry
