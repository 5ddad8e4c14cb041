"""Writes of the mapping register: add (deduplicated by e-mail), change status, merge, feed.

Every write is one transaction. The e-mail is unique in the database (lower-cased), so two
partners adding the same address at once end with one person and two contributions.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from booking import locks
from fair.enums import PlacementStatus
from fair.exceptions import InvalidInput, NotAllowed
from fair.models import Municipality, Programme, School, Student, User
from partners.enums import RegisterStatus, Source
from partners.models import Contribution, MappedStudent, NotDuplicate, Partner, StatusChange
from partners.validators import looks_like_cpr

FROM_PLACEMENT = {
    PlacementStatus.SEEKING: RegisterStatus.SEEKING,
    PlacementStatus.SCHOOL_TRAINING: RegisterStatus.SCHOOL_TRAINING,
    PlacementStatus.HAS_PLACEMENT: RegisterStatus.TRAINING_AGREEMENT,
}


@dataclass
class EntryIn:
    """One student as a partner gives them (from the form or a CSV line)."""

    name: str
    seeking_since: date
    programmes: list[Programme] = field(default_factory=list)
    email: str = ""
    birth_date: date | None = None
    municipality: Municipality | None = None
    school: School | None = None
    status: str = RegisterStatus.SEEKING
    status_since: date | None = None

    def details(self) -> dict:
        return {
            "name": self.name,
            "email": self.email,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "programmes": [p.code for p in self.programmes],
            "municipality": self.municipality.code if self.municipality else None,
            "school": self.school.name if self.school else None,
            "seeking_since": self.seeking_since.isoformat(),
            "status": str(self.status),
        }


def _check(entry: EntryIn) -> None:
    errors = {}
    for name in ("name", "email"):
        if looks_like_cpr(getattr(entry, name)):
            errors[name] = [
                str(_("This looks like a CPR number. The register never stores CPR numbers."))
            ]
    if not entry.name.strip():
        errors["name"] = [str(_("Give the student's name."))]
    if not entry.programmes:
        errors["programmes"] = [str(_("Choose at least one programme."))]
    if entry.status not in RegisterStatus.values:
        errors["status"] = [str(_("Unknown status."))]
    today = timezone.localdate()
    if entry.seeking_since > today:
        errors["seeking_since"] = [str(_("The date cannot be in the future."))]
    if entry.birth_date and not (date(1940, 1, 1) <= entry.birth_date <= today):
        errors["birth_date"] = [str(_("The birth date is not plausible."))]
    if errors:
        raise InvalidInput(errors)


def _refresh_status(person: MappedStudent) -> None:
    """The current status is the latest change by date (then by the order it was recorded)."""
    latest = person.status_changes.order_by("-effective", "-recorded_at", "-pk").first()
    if latest is not None:
        person.status, person.status_since = latest.status, latest.effective


def _add_to(person: MappedStudent, entry: EntryIn, *, partner, user, today) -> None:
    """Fold a further report of the same person into the person (blanks filled, history kept)."""
    person.programmes.add(*entry.programmes)
    for name in ("birth_date", "municipality", "school"):
        if getattr(person, name) is None and getattr(entry, name) is not None:
            setattr(person, name, getattr(entry, name))
    if entry.seeking_since < person.seeking_since:
        person.seeking_since = entry.seeking_since
        StatusChange.objects.create(
            person=person,
            status=RegisterStatus.SEEKING,
            effective=entry.seeking_since,
            partner=partner,
            recorded_by=user,
        )
    if entry.status != person.status:
        StatusChange.objects.create(
            person=person,
            status=entry.status,
            effective=entry.status_since or today,
            partner=partner,
            recorded_by=user,
        )
    _refresh_status(person)
    person.save()


def _create(entry: EntryIn, *, partner, user) -> MappedStudent:
    person = MappedStudent.objects.create(
        name=entry.name.strip(),
        email=entry.email,
        birth_date=entry.birth_date,
        municipality=entry.municipality,
        school=entry.school,
        seeking_since=entry.seeking_since,
        status=entry.status,
        status_since=entry.status_since or entry.seeking_since,
    )
    person.programmes.set(entry.programmes)
    StatusChange.objects.create(
        person=person,
        status=RegisterStatus.SEEKING,
        effective=entry.seeking_since,
        partner=partner,
        recorded_by=user,
    )
    if entry.status != RegisterStatus.SEEKING:
        StatusChange.objects.create(
            person=person,
            status=entry.status,
            effective=entry.status_since or entry.seeking_since,
            partner=partner,
            recorded_by=user,
        )
    return person


@transaction.atomic
def register_entry_add(
    *,
    entry: EntryIn,
    partner: Partner | None,
    user: User | None = None,
    source: str = Source.FORM,
    fair=None,
) -> tuple[MappedStudent, bool]:
    """Add a student to the register; the same e-mail (any case) is the same person.

    Returns (person, created). A known person gets this partner's contribution next to the
    others', their programmes joined and any new status appended to the history.

    Locks: the register row of the e-mail address (MappedStudent); a new address is decided
    by the unique constraint. A caller that also locks a student (level 5 of `booking.locks`)
    locks the student first.
    """
    entry.email = (entry.email or "").strip().lower()
    _check(entry)
    today = timezone.localdate()
    person = None
    if entry.email:
        person = MappedStudent.objects.select_for_update().filter(email=entry.email).first()
    created = person is None
    if created:
        try:
            with transaction.atomic():
                person = _create(entry, partner=partner, user=user)
        except IntegrityError:  # someone added the same address just now
            person = MappedStudent.objects.select_for_update().get(email=entry.email)
            created = False
    if not created:
        _add_to(person, entry, partner=partner, user=user, today=today)
    key = {"partner": partner} if partner is not None else {"partner": None, "fair": fair}
    Contribution.objects.update_or_create(
        person=person,
        **key,
        defaults={"source": source, "added_by": user, "details": entry.details()},
        create_defaults={"source": source, "added_by": user, "details": entry.details()},
    )
    return person, created


@transaction.atomic
def register_status_change(
    *,
    person: MappedStudent,
    status: str,
    effective: date,
    user: User | None,
    partner: Partner | None,
) -> StatusChange:
    """Append a change of status from a date; the latest by date becomes the current one.

    Locks: the person's register row (MappedStudent; `booking.locks.row_lock`), so two
    changes at once each count the other's when the current status is worked out. A
    caller that also locks the student (level 5, as record_outcome does) locks it first.
    """
    if status not in RegisterStatus.values:
        raise InvalidInput({"status": [str(_("Unknown status."))]})
    if effective > timezone.localdate():
        raise InvalidInput({"effective": [str(_("The date cannot be in the future."))]})
    if effective < person.seeking_since:
        raise InvalidInput({"effective": [str(_("The date is before the student began seeking."))]})
    locks.row_lock(MappedStudent, pk=person.pk)
    change = StatusChange.objects.create(
        person=person, status=status, effective=effective, partner=partner, recorded_by=user
    )
    _refresh_status(person)
    person.save(update_fields=["status", "status_since"])
    return change


@transaction.atomic
def register_merge(*, keep: MappedStudent, other: MappedStudent) -> MappedStudent:
    """Merge `other` into `keep`: contributions, history and programmes move; `other` goes.

    Locks: both register rows (MappedStudent), in primary-key order; nothing else. A
    partner that reported both keeps its earlier contribution to `keep`.
    """
    if keep.pk == other.pk:
        raise NotAllowed(_("A student cannot be merged with themselves."), code="same_person")
    rows = MappedStudent.objects.select_for_update().filter(pk__in=[keep.pk, other.pk])
    locked = {p.pk: p for p in rows.order_by("pk")}
    keep, other = locked[keep.pk], locked[other.pk]
    if keep.email and other.email and keep.email != other.email:
        raise NotAllowed(
            _("These two have different e-mail addresses and are not the same person."),
            code="different_email",
        )
    mine = set(keep.contributions.exclude(partner=None).values_list("partner_id", flat=True))
    fairs = set(keep.contributions.exclude(fair=None).values_list("fair_id", flat=True))
    for contribution in other.contributions.all():
        if contribution.partner_id in mine or contribution.fair_id in fairs:
            continue
        contribution.person = keep
        contribution.save(update_fields=["person"])
    other.status_changes.update(person=keep)
    keep.programmes.add(*other.programmes.all())
    for name in ("birth_date", "municipality_id", "school_id", "student_id"):
        if getattr(keep, name) is None:
            setattr(keep, name, getattr(other, name))
    keep.seeking_since = min(keep.seeking_since, other.seeking_since)
    email = keep.email or other.email
    other.delete()
    keep.email = email
    _refresh_status(keep)
    keep.save()
    return keep


def register_not_duplicate(*, first: MappedStudent, second: MappedStudent) -> None:
    """Record that two people with the same name and birth date are different people."""
    low, high = sorted([first.pk, second.pk])
    NotDuplicate.objects.get_or_create(first_id=low, second_id=high)


@transaction.atomic
def register_from_student(*, student_id: int) -> MappedStudent | None:
    """Feed a fair sign-up into the register (linked, never counted twice).

    A student seeking or in school-based training appears in the register; an existing
    person (by the sign-up's link, or by e-mail) gets the fair as a contribution and any
    change of placement status appended to the history.

    Locks: the person's register row (MappedStudent, by the link, else by e-mail), then
    register_entry_add's; no other row.
    """
    student = (
        Student.objects.select_related("user", "fair", "school")
        .prefetch_related("programmes")
        .filter(pk=student_id)
        .first()
    )
    if student is None:
        return None
    email = student.user.email.strip().lower()
    person = (
        MappedStudent.objects.select_for_update().filter(student=student).first()
        or MappedStudent.objects.select_for_update().filter(email=email).first()
    )
    status = FROM_PLACEMENT.get(student.placement_status, RegisterStatus.SEEKING)
    if person is None and status == RegisterStatus.TRAINING_AGREEMENT:
        return None
    entry = EntryIn(
        name=student.user.name or email,
        email=email,
        programmes=list(student.programmes.all()),
        school=student.school,
        municipality=getattr(student, "municipality", None),
        seeking_since=min(timezone.localtime(student.created_at).date(), timezone.localdate()),
        status=status,
        # A new person's status holds since the sign-up; a known person's changes today.
        status_since=timezone.localdate() if person is not None else None,
    )
    if not entry.programmes:
        return None
    if person is not None and person.seeking_since < entry.seeking_since:
        entry.seeking_since = person.seeking_since
    person, _created = register_entry_add(
        entry=entry, partner=None, user=None, source=Source.FAIR, fair=student.fair
    )
    if person.student_id != student.pk:
        person.student = student
        person.save(update_fields=["student"])
    return person
