"""Badge issuing and revocation, door devices, check-in, walk-ins and stand scanning."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from badges import selectors
from badges.enums import BadgeEventKind
from badges.fairday import fair_day_check
from badges.models import Badge, BadgeEvent, DoorDevice, FairKey, StandConversation
from badges.tokens import generate_keypair, token_sign
from booking import locks
from booking.enums import InterviewStatus, Outcome
from booking.models import Interview
from fair.exceptions import InvalidInput, InvalidToken, NotAllowed, NotFound
from fair.models import Company, Fair, Student, User


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
