"""Reads of the door and the stands: devices, door staff, rosters, counts, which fair a door
serves, a stand's meetings."""

from __future__ import annotations

from django.db.models import Count, F
from django.utils import timezone

from badges.enums import BadgeRole
from badges.models import (
    Badge,
    CheckIn,
    DoorAssignment,
    DoorDevice,
    ErasedBadge,
    StandConversation,
)
from badges.selectors import STAFF_ROLES
from booking.enums import ACTIVE_INTERVIEW
from booking.models import Interview
from fair.models import Company, Fair, Student, User
from fair.rules import is_organizer
from fair.selectors import company_for


def badge_valid_for(*, fair: Fair, user: User) -> Badge | None:
    return (
        Badge.objects.select_related("fair", "user", "student__school", "company")
        .filter(fair=fair, user=user, revoked_at__isnull=True)
        .first()
    )


def device_for_key(*, key: str) -> DoorDevice | None:
    """The active door device with this token (one indexed lookup)."""
    return (
        DoorDevice.objects.filter(key_hash=DoorDevice.hash_key(key), revoked_at__isnull=True)
        .only("pk", "fair_id", "name")
        .order_by("pk")  # not the model's ordering, which would join the fair
        .first()
    )


def door_roster(*, fair: Fair) -> dict:
    """What a door device keeps for working offline: valid badges, revoked ones, who is in."""
    people = [
        [uid, version, name, role]
        for uid, version, name, role in Badge.objects.filter(
            fair=fair, revoked_at__isnull=True
        ).values_list("user_id", "version", "user__name", "role")
    ]
    revoked = [
        list(row)
        for row in Badge.objects.filter(fair=fair, revoked_at__isnull=False).values_list(
            "user_id", "version"
        )
    ]
    # Erased people's badges are gone, but their tokens still verify: refuse them offline.
    revoked += [
        list(row)
        for row in ErasedBadge.objects.filter(fair=fair).values_list("person_id", "version")
    ]
    checked_in = list(CheckIn.objects.filter(fair=fair).values_list("user_id", flat=True))
    return {"people": people, "revoked": revoked, "checked_in": checked_in}


def checkin_counts(*, fair: Fair) -> dict[str, int]:
    """How many people are in, per badge role (every role listed, zeros included)."""
    counts = dict.fromkeys(BadgeRole.values, 0)
    rows = CheckIn.objects.filter(fair=fair).order_by().values("role").annotate(n=Count("id"))
    for row in rows:
        counts[row["role"]] = row["n"]
    return counts


def stand_meetings_for(*, company: Company) -> list[dict]:
    """The company's interviews (booked and held) and walk-up talks, for its stand page."""
    interviews = (
        Interview.objects.filter(company=company, status__in=ACTIVE_INTERVIEW)
        .select_related("slot", "student__user")
        .order_by("slot__start", "table")
    )
    talks = StandConversation.objects.filter(company=company).select_related("student__user")
    rows = [
        {
            "kind": "interview",
            "pk": i.pk,
            "name": i.student.name,
            "when": timezone.localtime(i.slot.start),
            "table": i.table,
            "held": i.status == "held",
            "outcome": i.outcome,
        }
        for i in interviews
    ]
    rows += [
        {
            "kind": "conversation",
            "pk": t.pk,
            "name": t.student.name,
            "when": timezone.localtime(t.created_at),
            "table": None,
            "held": True,
            "outcome": t.outcome,
        }
        for t in talks
    ]
    return rows


def fair_of_person(*, user: User) -> Fair | None:
    """The latest fair the user takes part in as a student or company contact, or the
    next fair for organizers and door staff."""
    student = Student.objects.filter(user=user).select_related("fair").order_by("-fair__date")
    for found in (student.first(), company_for(user=user, offers=False)):
        if found is not None:
            return found.fair
    if user.role in STAFF_ROLES or user.is_staff:
        return Fair.objects.order_by("-date").first()
    return None


def door_fair_for(*, user: User) -> Fair | None:
    """The fair a door-staff user works when the request names none: the default fair for
    organizers, else the next of their assigned fairs that is not over."""
    if is_organizer(user):
        return door_fair_default()
    return (
        Fair.objects.filter(door_assignments__user=user, date__gte=timezone.localdate())
        .order_by("date", "pk")
        .first()
    )


def door_fair_default() -> Fair | None:
    """The fair a door-staff user checks in at when the request names none: the next public
    fair that is not over (today's fair on the day; the first created on a tie)."""
    return (
        Fair.objects.filter(is_public=True, date__gte=timezone.localdate())
        .order_by("date", "pk")
        .first()
    )


def door_staff_list(*, fair: Fair) -> list[DoorAssignment]:
    """The fair's door staff with their account, by name (one query)."""
    return list(
        DoorAssignment.objects.filter(fair=fair)
        .select_related("user")
        .order_by("user__name", "user__email")
    )


def door_devices_list(*, fair: Fair) -> list[DoorDevice]:
    """The fair's door devices, active ones first, by name; never their token or hash."""
    return list(
        DoorDevice.objects.filter(fair=fair)
        .only("pk", "name", "created_at", "revoked_at")
        .order_by(F("revoked_at").asc(nulls_first=True), "name", "pk")
    )
