"""Write operations of the core domain: registration, profiles, log-in links, tokens."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fair.enums import PlacementStatus, ReferredBy, Role
from fair.exceptions import AlreadyExists, Closed, InvalidInput, NotAllowed
from fair.models import (
    Company,
    CompanyProgramme,
    Fair,
    Municipality,
    Programme,
    School,
    Student,
    User,
)
from fair.organisation_services import approvals_from_declaration, organisation_upsert
from fair.phases import company_registration_open, student_registration_open
from fair.selectors import company_for
from fair.validators import cvr_normalise, phone_normalise


@dataclass(frozen=True)
class Offer:
    """A programme a company trains in, as given at registration."""

    programme: Programme
    approved: bool = False
    placements: int = 1


def _full_clean(obj, *, exclude=None) -> None:
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise InvalidInput({k: [str(m) for m in v] for k, v in exc.message_dict.items()}) from None


def _user_for_registration(
    *, fair: Fair, email: str, name: str, role: str, language: str, acting: User | None = None
) -> User:
    """Return a new user, or the person's own user when they are logged in (`acting`).

    An existing address is never taken over by a sign-up from someone who is not logged in
    as that person: nobody can rename another person or give consent in their name.
    """
    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.select_for_update().filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, name=name, role=role, language=language)
        user.set_unusable_password()
        _full_clean(user, exclude=["password"])
        user.save()
        return user
    taken_here = (
        Student.objects.filter(fair=fair, user=user).exists()
        or company_for(user=user, fair=fair, offers=False) is not None
    )
    is_them = acting is not None and acting.is_authenticated and acting.pk == user.pk
    if taken_here or user.role != role or not is_them:
        raise AlreadyExists(
            _("This e-mail address is already registered. Log in instead."),
            code="email_taken",
            field="email",
        )
    user.name, user.language = name, language
    user.save(update_fields=["name", "language"])
    return user


def _check_offers(offers: list[Offer]) -> None:
    if not offers:
        raise InvalidInput({"programmes": [str(_("Choose at least one programme."))]})
    codes = [offer.programme.code for offer in offers]
    if len(set(codes)) != len(codes):
        raise InvalidInput({"programmes": [str(_("Each programme may appear only once."))]})
    for offer in offers:
        if not 0 <= offer.placements <= 500:
            raise InvalidInput(
                {"programmes": [str(_("Placements must be a number from 0 to 500."))]}
            )


@transaction.atomic
def company_register(
    *,
    fair: Fair,
    name: str,
    cvr: str,
    address: str,
    postcode: str,
    city: str,
    contact_name: str,
    contact_email: str,
    offers: list[Offer],
    phone: str = "",
    website: str = "",
    description: str = "",
    municipality: Municipality | None = None,
    language: str = "da",
    now=None,
    acting: User | None = None,
) -> Company:
    """Register a company and its first contact person for a fair, before the deadline."""
    if not company_registration_open(fair, now):
        raise Closed(
            _("Company registration for this fair has closed."), code="registration_closed"
        )
    try:
        cvr = cvr_normalise(cvr)
        phone = phone_normalise(phone)
    except ValidationError as exc:
        field = "cvr" if exc.code.startswith("cvr") else "phone"
        raise InvalidInput({field: exc.messages}) from None
    _check_offers(offers)
    if Company.objects.filter(fair=fair, cvr=cvr).exists():
        raise AlreadyExists(
            _("A company with this CVR number is already registered for this fair."),
            code="cvr_taken",
            field="cvr",
        )
    user = _user_for_registration(
        fair=fair,
        email=contact_email,
        name=contact_name,
        role=Role.COMPANY,
        language=language,
        acting=acting,
    )
    organisation = organisation_upsert(
        cvr=cvr,
        name=name.strip(),
        address=address.strip(),
        postcode=postcode.strip(),
        city=city.strip(),
        municipality=municipality,
        phone=phone,
        website=website,
    )
    company = Company(
        fair=fair,
        organisation=organisation,
        name=name.strip(),
        cvr=cvr,
        address=address.strip(),
        postcode=postcode.strip(),
        city=city.strip(),
        municipality=municipality,
        phone=phone,
        website=website,
        description=description,
    )
    _full_clean(company)
    try:
        with transaction.atomic():
            company.save()
    except IntegrityError:  # a simultaneous registration with the same CVR won
        raise AlreadyExists(
            _("A company with this CVR number is already registered for this fair."),
            code="cvr_taken",
            field="cvr",
        ) from None
    company.users.add(user)
    _offers_replace(company=company, offers=offers, user=user)
    return company


def _offers_replace(*, company: Company, offers: list[Offer], user: User | None = None) -> None:
    if company.organisation_id:
        approvals_from_declaration(
            organisation=company.organisation,
            declared={offer.programme.pk: offer.approved for offer in offers},
            user=user,
        )
    company.offers.all().delete()
    CompanyProgramme.objects.bulk_create(
        CompanyProgramme(
            company=company,
            programme=offer.programme,
            approved=offer.approved,
            placements=offer.placements,
        )
        for offer in offers
    )


@transaction.atomic
def company_update(
    *,
    company: Company,
    offers: list[Offer] | None = None,
    acting: User | None = None,
    **fields: object,
) -> Company:
    """Change a company's own profile; the CVR number and fair cannot change."""
    allowed = {"name", "address", "postcode", "city", "municipality", "phone", "website"}
    allowed.add("description")
    unknown = set(fields) - allowed
    if unknown:
        raise NotAllowed(_("These fields cannot be changed here."), code="field_not_editable")
    if "phone" in fields:
        try:
            fields["phone"] = phone_normalise(str(fields["phone"] or ""))
        except ValidationError as exc:
            raise InvalidInput({"phone": exc.messages}) from None
    for key, value in fields.items():
        setattr(company, key, value)
    _full_clean(company)
    company.save()
    if company.organisation_id:
        organisation_upsert(
            cvr=company.cvr,
            **{k: v for k, v in fields.items() if k != "description"},
        )
    if offers is not None:
        _check_offers(offers)
        _offers_replace(company=company, offers=offers, user=acting)
    return company


def _check_programmes(programmes: list[Programme]) -> None:
    if not programmes:
        raise InvalidInput({"programmes": [str(_("Choose at least one programme."))]})
    if len(programmes) > 3:
        raise InvalidInput({"programmes": [str(_("Choose at most three programmes."))]})


@transaction.atomic
def student_register(
    *,
    fair: Fair,
    name: str,
    email: str,
    programmes: list[Programme],
    consent_profile: bool,
    phone: str = "",
    school: School | None = None,
    school_class: str = "",
    municipality: Municipality | None = None,
    placement_status: str = PlacementStatus.SEEKING,
    referred_by: str = ReferredBy.SCHOOL,
    language: str = "da",
    now=None,
    acting: User | None = None,
) -> Student:
    """Sign a student up for a fair, before the student registration deadline."""
    now = now or timezone.now()
    if not student_registration_open(fair, now):
        raise Closed(
            _("Student registration for this fair has closed."), code="registration_closed"
        )
    try:
        phone = phone_normalise(phone)
    except ValidationError as exc:
        raise InvalidInput({"phone": exc.messages}) from None
    _check_programmes(programmes)
    user = _user_for_registration(
        fair=fair,
        email=email,
        name=name.strip(),
        role=Role.STUDENT,
        language=language,
        acting=acting,
    )
    student = Student(
        fair=fair,
        user=user,
        phone=phone,
        school=school,
        school_class=school_class.strip(),
        municipality=municipality,
        placement_status=placement_status,
        referred_by=referred_by,
        consent_profile=consent_profile,
        consent_at=now if consent_profile else None,
        created_at=now,
    )
    _full_clean(student)
    try:
        with transaction.atomic():
            student.save()
    except IntegrityError:
        raise AlreadyExists(
            _("This e-mail address is already registered. Log in instead."),
            code="email_taken",
            field="email",
        ) from None
    student.programmes.set(programmes)
    return student


@transaction.atomic
def student_update(
    *, student: Student, programmes: list[Programme] | None = None, **fields: object
) -> Student:
    """Change a student's own profile; withdrawing consent hides the profile at once."""
    user_fields = {k: fields.pop(k) for k in ("name", "language") if k in fields}
    allowed = {"phone", "school", "school_class", "placement_status", "referred_by"}
    allowed.update({"consent_profile", "municipality"})
    if set(fields) - allowed:
        raise NotAllowed(_("These fields cannot be changed here."), code="field_not_editable")
    if "phone" in fields:
        try:
            fields["phone"] = phone_normalise(str(fields["phone"] or ""))
        except ValidationError as exc:
            raise InvalidInput({"phone": exc.messages}) from None
    if "consent_profile" in fields and fields["consent_profile"] != student.consent_profile:
        student.consent_at = timezone.now() if fields["consent_profile"] else None
    for key, value in fields.items():
        setattr(student, key, value)
    _full_clean(student)
    student.save()
    if user_fields:
        for key, value in user_fields.items():
            setattr(student.user, key, value)
        _full_clean(student.user, exclude=["password"])
        student.user.save(update_fields=list(user_fields))
    if programmes is not None:
        _check_programmes(programmes)
        student.programmes.set(programmes)
    return student
