"""Badge issuing and revocation, door devices, check-in, walk-ins and stand scanning."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from badges import selectors
from badges.enums import BadgeEventKind, ScanResult
from badges.fairday import NOT_FAIR_DAY, fair_day_check, fair_day_message, fair_day_open
from badges.models import Badge, BadgeEvent, CheckIn, DoorDevice, FairKey, Scan, StandConversation
from badges.tokens import generate_keypair, token_sign
from booking import locks
from booking.enums import InterviewStatus, Outcome
from booking.models import Interview
from fair.enums import Role
from fair.exceptions import InvalidInput, InvalidToken, NotAllowed, NotFound
from fair.models import Company, Fair, School, Student, User

# A queued offline scan may be uploaded hours later, but never claims a time
# further back than this (a wrong device clock must not rewrite the day).
MAX_SCAN_AGE = timedelta(hours=24)


def fair_key_get(*, fair: Fair) -> FairKey:
    """The fair's signing key pair, created on first use (safe when two requests race)."""
    key = FairKey.objects.filter(fair=fair).first()
    if key is not None:
        return key
    private, public = generate_keypair()
    try:
        with transaction.atomic():
            return FairKey.objects.create(fair=fair, private_key=private, public_key=public)
    except IntegrityError:  # another request created it first: use theirs
        return FairKey.objects.get(fair=fair)


def _new_badge(*, fair: Fair, person: selectors.Person, version: int, key: FairKey) -> Badge:
    token = token_sign(
        private_key=key.private_key, fair_id=fair.pk, person_id=person.user.pk, version=version
    )
    return Badge.objects.create(
        fair=fair,
        user=person.user,
        role=person.role,
        student=person.student,
        company=person.company,
        version=version,
        token=token,
    )


@transaction.atomic
def badge_issue(*, fair: Fair, user: User, by: User | None = None) -> Badge:
    """The person's valid badge at the fair, issued (and logged) if there is none yet."""
    person = selectors.person_at(fair=fair, user=user)
    if person is None:
        raise NotFound(_("This person does not take part in the fair."), code="not_participant")
    badge = Badge.objects.filter(fair=fair, user=user, revoked_at__isnull=True).first()
    if badge is not None:
        return badge
    last = Badge.objects.filter(fair=fair, user=user).order_by("-version").first()
    try:
        with transaction.atomic():
            badge = _new_badge(
                fair=fair,
                person=person,
                version=last.version + 1 if last else 1,
                key=fair_key_get(fair=fair),
            )
    except IntegrityError:  # issued by a parallel request a moment ago
        return Badge.objects.get(fair=fair, user=user, revoked_at__isnull=True)
    BadgeEvent.objects.create(badge=badge, kind=BadgeEventKind.ISSUE, by=by)
    return badge


@transaction.atomic
def badge_reissue(*, badge: Badge, by: User | None, reason: str) -> Badge:
    """Revoke the badge and issue the next version (lost badge, name corrected).

    Locks: the badge row only (level 6 of `booking.locks`), so two re-issues of one badge
    give one new version.
    """
    if not reason.strip():
        raise InvalidInput({"reason": [str(_("Say why the badge is re-issued."))]})
    badge = locks.row_lock(Badge, pk=badge.pk)
    if badge.revoked_at is not None:
        raise NotAllowed(_("This badge has been replaced already."), code="badge_revoked")
    person = selectors.person_at(fair=badge.fair, user=badge.user)
    if person is None:
        raise NotFound(_("This person does not take part in the fair."), code="not_participant")
    badge.revoked_at = timezone.now()
    badge.save(update_fields=["revoked_at"])
    new = _new_badge(
        fair=badge.fair,
        person=person,
        version=badge.version + 1,
        key=fair_key_get(fair=badge.fair),
    )
    BadgeEvent.objects.create(badge=new, kind=BadgeEventKind.REISSUE, by=by, reason=reason.strip())
    return new


def badge_print_log(*, badges: list[Badge], by: User | None, reason: str = "") -> None:
    """Log that the badges were printed (a reprint: printing never marks anyone present)."""
    badge_print_log_ids(badge_ids=[b.pk for b in badges], by=by, reason=reason)


def badge_print_log_ids(*, badge_ids: list[int], by: User | None, reason: str = "") -> None:
    """Log a print of the badges with these ids (bulk, for whole print runs)."""
    BadgeEvent.objects.bulk_create(
        (
            BadgeEvent(badge_id=pk, kind=BadgeEventKind.PRINT, by=by, reason=reason)
            for pk in badge_ids
        ),
        batch_size=1000,
    )


@transaction.atomic
def badges_issue_missing(*, fair: Fair, roles=None, by: User | None = None) -> int:
    """Issue a badge to everyone at the fair (of the roles) who has none; return how many."""
    people = selectors.people_without_badge(fair=fair, roles=roles)
    if not people:
        return 0
    key = fair_key_get(fair=fair)
    last = selectors.last_badge_versions(fair=fair)
    badges = [
        Badge(
            fair=fair,
            user=p.user,
            role=p.role,
            student=p.student,
            company=p.company,
            version=last.get(p.user.pk, 0) + 1,
            token=token_sign(
                private_key=key.private_key,
                fair_id=fair.pk,
                person_id=p.user.pk,
                version=last.get(p.user.pk, 0) + 1,
            ),
        )
        for p in people
    ]
    Badge.objects.bulk_create(badges, batch_size=500)
    created = Badge.objects.filter(fair=fair, token__in=[b.token for b in badges])
    BadgeEvent.objects.bulk_create(
        (BadgeEvent(badge=b, kind=BadgeEventKind.ISSUE, by=by) for b in created), batch_size=500
    )
    return len(badges)


def door_device_create(*, fair: Fair, name: str) -> tuple[DoorDevice, str]:
    """Create a scanning device for the fair; the plain token is returned once, never stored."""
    name = name.strip()
    if not name:
        raise InvalidInput({"name": [str(_("Give the device a name."))]})
    key = DoorDevice.new_key()
    device = DoorDevice.objects.create(
        fair=fair, name=name, prefix=key[4:10], key_hash=DoorDevice.hash_key(key)
    )
    return device, key


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
        if not fair_day_open(fair=badge.fair, at=at):
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
    if not fair_day_open(fair=fair):
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


@dataclass(frozen=True, slots=True)
class StandMeeting:
    """What a stand scan found or made: a booked interview (now held) or a walk-up talk."""

    kind: str  # "interview" or "conversation"
    pk: int
    student: Student
    outcome: str
    created: bool


@transaction.atomic
def stand_scan(*, company: Company, token: str, by: User | None = None) -> StandMeeting:
    """A company scanned a student's badge at its stand: mark the interview held, or log a talk.

    Locks: the company row (level 2), then the interview row (level 4), as a cancel does.
    Only on the fair's day (NotFairDay, 409, otherwise).
    """
    fair_day_check(fair=company.fair)
    badge = (
        Badge.objects.select_related("student__user")
        .filter(token=token.strip().upper()[:128], fair_id=company.fair_id)
        .first()
    )
    if badge is None or badge.revoked_at is not None or badge.student is None:
        raise InvalidToken(
            _("This is not a valid student badge for this fair."), code="not_student_badge"
        )
    student = badge.student
    locks.company_lock(company_id=company.pk)
    interview = (
        Interview.objects.select_for_update(no_key=True, of=("self",))
        .filter(
            company=company,
            student=student,
            status__in=[InterviewStatus.BOOKED, InterviewStatus.HELD],
        )
        .first()
    )
    if interview is not None:
        created = interview.status != InterviewStatus.HELD
        if created:
            interview.status = InterviewStatus.HELD
            interview.save(update_fields=["status", "updated_at"])
        return StandMeeting("interview", interview.pk, student, interview.outcome, created)
    talk, created = StandConversation.objects.get_or_create(
        fair_id=company.fair_id, company=company, student=student, defaults={"by": by}
    )
    return StandMeeting("conversation", talk.pk, student, talk.outcome, created)


@transaction.atomic
def stand_outcome_set(
    *, company: Company, kind: str, pk: int, outcome: str, by: User | None = None
) -> None:
    """Record the outcome of a held interview or a walk-up conversation of the company.

    The quick mark stays on the meeting and is also appended to the outcomes history.
    Only on the fair's day (NotFairDay, 409, otherwise); later outcomes go through the
    outcomes app's follow-ups.

    Locks: the interview (level 4) or conversation row it updates, then the student row
    (level 5) and the register row through record_outcome.
    """
    fair_day_check(fair=company.fair)
    if outcome not in Outcome.values:
        raise InvalidInput({"outcome": [str(_("Choose one of the outcomes."))]})
    if kind == "interview":
        updated = Interview.objects.filter(
            pk=pk, company=company, status=InterviewStatus.HELD
        ).update(outcome=outcome, updated_at=timezone.now())
    elif kind == "conversation":
        updated = StandConversation.objects.filter(pk=pk, company=company).update(
            outcome=outcome, updated_at=timezone.now()
        )
    else:
        updated = 0
    if not updated:
        raise NotFound(_("No such conversation at your stand."), code="no_conversation")
    from outcomes.services import outcome_from_stand_mark  # outcomes builds on badges

    outcome_from_stand_mark(company=company, kind=kind, pk=pk, mark=outcome, by=by)
