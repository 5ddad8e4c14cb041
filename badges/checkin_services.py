"""Check-in at the door: a scanned badge, a person looked up by hand, a walk-in."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from badges.enums import ScanResult
from badges.fairday import NOT_FAIR_DAY, fair_day_check, fair_day_message, fair_day_open
from badges.models import Badge, CheckIn, DoorDevice, Scan
from badges.services import badge_issue
from fair.enums import Role
from fair.exceptions import InvalidInput
from fair.models import Fair, School, Student, User

# A queued offline scan may be uploaded hours later, but never claims a time
# further back than this (a wrong device clock must not rewrite the day).
MAX_SCAN_AGE = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class ScanAnswer:
    """What the door is told: a result from the closed list and who it was."""

    result: str
    name: str = ""
    role: str = ""
    checked_in_at: datetime | None = None
    detail: str = ""

    def as_dict(self) -> dict:
        body: dict = {"result": self.result}
        if self.result == NOT_FAIR_DAY:  # the error shape too: the door shows the message
            return {**body, "code": NOT_FAIR_DAY, "detail": self.detail, "message": self.detail}
        if self.name:
            body.update(name=self.name, role=self.role)
        if self.result == ScanResult.OK:
            body["checked_in_at"] = self.checked_in_at
        elif self.result == ScanResult.DUPLICATE:
            body["first_checked_in_at"] = self.checked_in_at
        return body


_CHECKIN_SQL = """
WITH made AS (
    INSERT INTO {checkin} (fair_id, user_id, badge_id, role, device_id, by_id, checked_in_at)
    VALUES (%(fair)s, %(user)s, %(badge)s, %(role)s, %(device)s, %(by)s, %(at)s)
    ON CONFLICT (fair_id, user_id) DO NOTHING
    RETURNING checked_in_at
), answer AS (
    SELECT checked_in_at, TRUE AS ok FROM made
    UNION ALL
    SELECT checked_in_at, FALSE FROM {checkin}
    WHERE fair_id = %(fair)s AND user_id = %(user)s AND NOT EXISTS (SELECT 1 FROM made)
), logged AS (
    INSERT INTO {scan} (fair_id, device_id, by_id, badge_id, result, nonce, scanned_at,
                        received_at)
    SELECT %(fair)s, %(device)s, %(by)s, %(badge)s,
           CASE WHEN ok THEN 'ok' ELSE 'duplicate' END, %(nonce)s, %(at)s, %(now)s
    FROM answer
)
SELECT checked_in_at, ok FROM answer
"""


def _checkin_one_statement(*, badge: Badge, params: dict) -> ScanAnswer | None:
    """PostgreSQL: check in and log the scan in one statement (atomic by itself, one round
    trip). None when a parallel door's check-in committed after this statement's snapshot."""
    sql = _CHECKIN_SQL.format(checkin=CheckIn._meta.db_table, scan=Scan._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    result = ScanResult.OK if row[1] else ScanResult.DUPLICATE
    return ScanAnswer(result, badge.user.name, badge.role, row[0])


@transaction.atomic
def _checkin_statements(*, badge: Badge, params: dict) -> ScanAnswer:
    """Any database: INSERT … ON CONFLICT DO NOTHING, then the scan log, in one transaction."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {CheckIn._meta.db_table} (fair_id, user_id, badge_id, role, device_id,"
            " by_id, checked_in_at) VALUES (%(fair)s, %(user)s, %(badge)s, %(role)s,"
            " %(device)s, %(by)s, %(at)s) ON CONFLICT (fair_id, user_id) DO NOTHING"
            " RETURNING id",
            params,
        )
        made = cursor.fetchone() is not None
    if made:
        at, result = params["at"], ScanResult.OK
    else:
        first = CheckIn.objects.order_by().only("checked_in_at")
        at = first.get(fair_id=badge.fair_id, user_id=badge.user_id).checked_in_at
        result = ScanResult.DUPLICATE
    Scan.objects.create(
        fair_id=badge.fair_id,
        badge=badge,
        result=result,
        nonce=params["nonce"],
        device_id=params["device"],
        by_id=params["by"],
        scanned_at=params["at"],
        received_at=params["now"],
    )
    return ScanAnswer(result, badge.user.name, badge.role, at)


def _replay(*, scan: Scan) -> ScanAnswer:
    """The answer a retried upload gets: the same as the first time."""
    badge = scan.badge
    if badge is None:
        return ScanAnswer(ScanResult.INVALID)
    first = CheckIn.objects.filter(fair_id=badge.fair_id, user_id=badge.user_id).first()
    return ScanAnswer(scan.result, badge.user.name, badge.role, first and first.checked_in_at)


def checkin_scan(
    *,
    token: str,
    device: DoorDevice | None = None,
    by: User | None = None,
    fair: Fair | None = None,
    nonce: str | None = None,
    scanned_at: datetime | None = None,
) -> ScanAnswer:
    """Check a badge in at the door and log the scan; idempotent per person and per nonce.

    Only badges of the door's fair check in: a device's own fair, or for a door-staff user
    the `fair` given (see `door_fair_default` when the caller names none); a badge of any
    other fair is invalid. The unique constraint on (fair, person) decides between doors
    scanning at the same moment, so no lock is taken; on PostgreSQL the check-in and its
    log are one statement. Outside the fair's day (badges/fairday.py; an offline scan counts
    at the time it was made) a valid badge answers `not_fair_day` and nothing is written.
    """
    now = timezone.now()
    at = now if scanned_at is None else min(max(scanned_at, now - MAX_SCAN_AGE), now)
    who = {"device": device} if device is not None else {"by": by}
    fair_id = device.fair_id if device is not None else (fair.pk if fair is not None else None)
    nonce = nonce or None
    badge = (
        Badge.objects.select_related("user", "fair")
        .filter(token=token.strip().upper()[:128])
        .order_by("pk")  # not the model's ordering, which would join the fair
        .first()
    )
    if nonce:
        earlier = Scan.objects.select_related("badge__user").filter(nonce=nonce, **who).first()
        if earlier is not None:
            if earlier.badge_id == (badge.pk if badge else None):
                return _replay(scan=earlier)
            nonce = None  # the nonce was reused for another badge: a new scan, logged without
    try:
        if badge is None or badge.fair_id != fair_id:
            if fair_id is not None:  # logged at the door's fair
                Scan.objects.create(
                    fair_id=fair_id,
                    result=ScanResult.INVALID,
                    nonce=nonce,
                    scanned_at=at,
                    received_at=now,
                    **who,
                )
            return ScanAnswer(ScanResult.INVALID)
        if badge.revoked_at is not None:
            Scan.objects.create(
                fair_id=badge.fair_id,
                badge=badge,
                result=ScanResult.REVOKED,
                nonce=nonce,
                scanned_at=at,
                received_at=now,
                **who,
            )
            return ScanAnswer(ScanResult.REVOKED, badge.user.name, badge.role)
        if not fair_day_open(fair=badge.fair, at=at, door=True):
            detail = fair_day_message(fair=badge.fair)
            return ScanAnswer(NOT_FAIR_DAY, badge.user.name, badge.role, detail=detail)
        params = {
            "fair": badge.fair_id,
            "user": badge.user_id,
            "badge": badge.pk,
            "role": badge.role,
            "device": device.pk if device else None,
            "by": by.pk if by else None,
            "at": at,
            "now": now,
            "nonce": nonce,
        }
        answer = None
        if connection.vendor == "postgresql":
            answer = _checkin_one_statement(badge=badge, params=params)
        return answer or _checkin_statements(badge=badge, params=params)
    except IntegrityError:
        if not nonce:
            raise
        # The same nonce uploaded twice at the same moment: the first one counts (if it was
        # this badge's; a nonce reused for another badge makes a new scan).
        earlier = Scan.objects.select_related("badge__user").get(nonce=nonce, **who)
        if earlier.badge_id == (badge.pk if badge else None):
            return _replay(scan=earlier)
        return checkin_scan(
            token=token, device=device, by=by, fair=fair, scanned_at=scanned_at, nonce=None
        )


@transaction.atomic
def checkin_person(
    *, fair: Fair, user: User, by: User | None = None, device: DoorDevice | None = None
) -> ScanAnswer:
    """Check a person in by name (no badge at hand): their valid badge is issued if missing.

    Outside the fair's day nothing is issued or written: the answer is `not_fair_day`.
    """
    if not fair_day_open(fair=fair, door=True):
        return ScanAnswer(NOT_FAIR_DAY, user.name, detail=fair_day_message(fair=fair))
    badge = badge_issue(fair=fair, user=user, by=by)
    return checkin_scan(token=badge.token, device=device, by=by, fair=fair)


@transaction.atomic
def walk_in_register(
    *,
    fair: Fair,
    name: str,
    email: str = "",
    school: School | None = None,
    school_class: str = "",
    by: User | None = None,
    device: DoorDevice | None = None,
) -> Badge:
    """Register a student who walks in without signing up, issue the badge and check them in.

    Only on the fair's day (NotFairDay otherwise, before anything is written).
    """
    fair_day_check(fair=fair)
    name = " ".join(name.split())
    if not name:
        raise InvalidInput({"name": [str(_("Write the person's name."))]})
    email = User.objects.normalize_email(email.strip()).lower()
    if email and User.objects.filter(email__iexact=email).exists():
        raise InvalidInput(
            {"email": [str(_("This e-mail address is already registered: search for the name."))]}
        )
    # Walk-ins often have no e-mail at hand; a unique placeholder keeps the user model whole.
    email = email or f"walk-in-{uuid.uuid4().hex[:12]}@walk-in.invalid"
    user = User(email=email, name=name, role=Role.STUDENT)
    user.set_unusable_password()
    user.save()
    Student.objects.create(fair=fair, user=user, school=school, school_class=school_class.strip())
    badge = badge_issue(fair=fair, user=user, by=by)
    checkin_scan(token=badge.token, device=device, by=by, fair=fair)
    return badge
