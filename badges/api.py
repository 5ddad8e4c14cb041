"""API of badges, door check-in and stand scanning."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Status

from badges import checkin_services, door_selectors, selectors, services
from badges.enums import ScanResult
from badges.fairday import NOT_FAIR_DAY
from badges.models import DoorDevice
from badges.printing import badge_pdf
from badges.schemas import (
    CheckinIn,
    CheckinOut,
    DoorCountsOut,
    OutcomeIn,
    PersonOut,
    RosterOut,
    StandScanIn,
    StandScanOut,
    WalkInIn,
    WalkInOut,
)
from fair.api_auth import BearerTokenAuth, SessionCookieAuth
from fair.exceptions import InvalidInput, NotAllowed, NotFound
from fair.models import Fair, School, User
from fair.resolve import fair_find, request_fair
from fair.rules import is_door_staff, may_use_door
from fair.schemas import ErrorOut
from fair.selectors import company_for

router = Router(tags=["badges"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
# Any text is answered with a check-in result; longer input than this is refused unread.
MAX_TOKEN_INPUT = 2000
# invalid and revoked: 422; a valid badge outside the fair's day: 409 not_fair_day.
STATUS = {ScanResult.OK: 200, ScanResult.DUPLICATE: 409, NOT_FAIR_DAY: 409}


class DoorBearer(BearerTokenAuth):
    """A door device's token, or the API token of a door-staff user or organizer."""

    def authenticate(self, request: HttpRequest, token: str):
        request.door_device = None
        if token.startswith("pmd_"):
            device = door_selectors.device_for_key(key=token)
            request.door_device = device
            return device
        user = super().authenticate(request, token)
        return user if user is not None and is_door_staff(user) else None


class DoorSession(SessionCookieAuth):
    """A logged-in door-staff user or organizer in the browser (CSRF checked)."""

    def authenticate(self, request: HttpRequest, key):
        request.door_device = None
        user = request.user
        return user if user.is_authenticated and is_door_staff(user) else None


DOOR_AUTH = [DoorBearer(), DoorSession()]


def _actor(request) -> dict:
    device: DoorDevice | None = getattr(request, "door_device", None)
    return {"device": device} if device is not None else {"by": request.user}


def _door_fair(request, slug: str) -> Fair:
    """The fair named in the path, if this device or door-staff user may work its door."""
    fair = request_fair(request, slug, public=False)
    device = getattr(request, "door_device", None)
    if device is not None and device.fair_id != fair.pk:
        raise NotAllowed(code="other_fair")
    if device is None and not may_use_door(request.user, fair):
        raise NotAllowed(_("You are not on the door staff of this fair."), code="not_assigned")
    return fair


@router.post(
    "/checkin",
    auth=DOOR_AUTH,
    response={200: CheckinOut, 409: CheckinOut, 422: CheckinOut, 401: ErrorOut, 403: ErrorOut},
    exclude_none=True,
)
def checkin(request: HttpRequest, payload: CheckinIn):
    """Check a badge in: ok, duplicate (already in), invalid or revoked.

    A device checks in badges of its own fair. A door-staff user's badges must be of the
    fair named by `fair` (a slug; the door page sends it), or without it of the next public
    fair that is not over. A badge of any other fair is invalid.
    """
    if len(payload.token) > MAX_TOKEN_INPUT:
        detail = _("The badge code is too long.")
        return Status(
            422, {"result": ScanResult.INVALID, "code": "invalid_input", "detail": detail}
        )
    actor = _actor(request)
    if "by" in actor:
        if payload.fair:
            actor["fair"] = fair_find(slug=payload.fair, public=False)
        else:
            actor["fair"] = door_selectors.door_fair_for(user=request.user)
        if actor["fair"] is not None and not may_use_door(request.user, actor["fair"]):
            raise NotAllowed(_("You are not on the door staff of this fair."), code="not_assigned")
    answer = checkin_services.checkin_scan(
        token=payload.token, nonce=payload.nonce, scanned_at=payload.scanned_at, **actor
    )
    return Status(STATUS.get(answer.result, 422), answer.as_dict())


@router.get("/fairs/{fair}/door/roster", auth=DOOR_AUTH, response={200: RosterOut, **ERRORS})
def door_roster(request: HttpRequest, fair: str):
    """The fair's public key and valid and revoked badges, for checking badges offline."""
    found = _door_fair(request, fair)
    key = services.fair_key_get(fair=found)
    roster = door_selectors.door_roster(fair=found)
    return {"fair": found.slug, "fair_id": found.pk, "public_key": key.public_key, **roster}


@router.get("/fairs/{fair}/door/counts", auth=DOOR_AUTH, response={200: DoorCountsOut, **ERRORS})
def door_counts(request: HttpRequest, fair: str):
    """How many people are in, per role."""
    counts = door_selectors.checkin_counts(fair=_door_fair(request, fair))
    return {"total": sum(counts.values()), "counts": counts}


@router.get("/fairs/{fair}/door/people", auth=DOOR_AUTH, response={200: list[PersonOut], **ERRORS})
def door_people(request: HttpRequest, fair: str, q: str = ""):
    """Name search for someone without their badge (at least two letters)."""
    return selectors.people_search(fair=_door_fair(request, fair), q=q[:100])


def _person(fair: Fair, person_id: int) -> User:
    user = User.objects.filter(pk=person_id).first()
    if user is None or selectors.person_at(fair=fair, user=user) is None:
        raise NotFound(code="not_participant")
    return user


@router.post(
    "/fairs/{fair}/door/people/{person}/checkin",
    auth=DOOR_AUTH,
    response={**ERRORS, 200: CheckinOut, 409: CheckinOut, 422: CheckinOut},
    exclude_none=True,
)
def door_person_checkin(request: HttpRequest, fair: str, person: int):
    """Check a person in by name (found by the search)."""
    found = _door_fair(request, fair)
    answer = checkin_services.checkin_person(
        fair=found, user=_person(found, person), **_actor(request)
    )
    return Status(STATUS.get(answer.result, 422), answer.as_dict())


@router.post("/fairs/{fair}/door/walk-ins", auth=DOOR_AUTH, response={201: WalkInOut, **ERRORS})
def door_walk_in(request: HttpRequest, fair: str, payload: WalkInIn):
    """Register a walk-in student, check them in and give the address of their badge PDF."""
    found = _door_fair(request, fair)
    school = None
    if payload.school is not None:
        school = School.objects.filter(pk=payload.school).first()
        if school is None:
            raise InvalidInput({"school": [_("Unknown school: %(id)s.") % {"id": payload.school}]})
    badge = checkin_services.walk_in_register(
        fair=found,
        name=payload.name,
        email=payload.email,
        school=school,
        school_class=payload.school_class,
        **_actor(request),
    )
    url = reverse("api:door_badge_pdf", kwargs={"fair": found.slug, "person": badge.user_id})
    first = badge.checkins.first()
    return Status(
        201,
        {
            "id": badge.user_id,
            "name": badge.user.name,
            "role": badge.role,
            "checked_in_at": first and first.checked_in_at,
            "badge_url": url,
        },
    )


@router.get("/fairs/{fair}/door/people/{person}/badge.pdf", auth=DOOR_AUTH, response={**ERRORS})
def door_badge_pdf(request: HttpRequest, fair: str, person: int):
    """The person's badge as a PDF to print at once (logged as a print; never checks in)."""
    found = _door_fair(request, fair)
    user = _person(found, person)
    by = None if getattr(request, "door_device", None) else request.user
    badge, pdf = badge_pdf(fair=found, user=user, by=by, reason="door")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="badge-{badge.user_id}.pdf"'
    return response


def _company(request, slug: str):
    company = company_for(user=request.user)
    if company is None or company.fair.slug != slug:
        raise NotAllowed(code="not_company")
    return company


@router.post("/fairs/{fair}/stand-scans", response={200: StandScanOut, 201: StandScanOut, **ERRORS})
def stand_scan(request: HttpRequest, fair: str, payload: StandScanIn):
    """A company scans a student's badge: the booked interview is held, or a walk-up talk."""
    meeting = services.stand_scan(
        company=_company(request, fair), token=payload.token, by=request.user
    )
    body = {
        "kind": meeting.kind,
        "id": meeting.pk,
        "student": meeting.student.name,
        "outcome": meeting.outcome,
        "new": meeting.created,
    }
    return Status(201 if meeting.created else 200, body)


@router.post("/fairs/{fair}/stand-scans/{kind}/{pk}/outcome", response={204: None, **ERRORS})
def stand_outcome(request: HttpRequest, fair: str, kind: str, pk: int, payload: OutcomeIn):
    """Record the outcome: none, follow_up, trial or contract."""
    services.stand_outcome_set(
        company=_company(request, fair),
        kind=kind,
        pk=pk,
        outcome=payload.outcome,
        by=request.user,
    )
    return Status(204, None)
