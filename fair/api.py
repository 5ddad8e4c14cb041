"""API of the core domain: fairs, programmes, registration and the person's own profile."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from fair import account_services, selectors, services, throttle
from fair.exceptions import InvalidInput, NotFound
from fair.models import Company, Municipality, Programme, School, Student
from fair.resolve import request_fair
from fair.schemas import (
    CompanyOut,
    CompanyRegisterIn,
    CompanyUpdateIn,
    ErrorOut,
    FairOut,
    LoginLinkIn,
    MeOut,
    MessageOut,
    ProgrammeOut,
    SchoolOut,
    StudentOut,
    StudentRegisterIn,
    StudentUpdateIn,
)
from fair.signup import signup_run

router = Router(tags=["fair"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
SIGNUP_ERRORS = {**ERRORS, 429: ErrorOut}


def _programmes(codes: list[str], field: str = "programmes") -> list[Programme]:
    found = Programme.objects.in_bulk(codes, field_name="code")
    unknown = [code for code in codes if code not in found]
    if unknown:
        message = _("Unknown programme: %(codes)s.") % {"codes": ", ".join(unknown)}
        raise InvalidInput({field: [message]})
    return [found[code] for code in codes]


def _school(school_id: int | None) -> School | None:
    if school_id is None:
        return None
    school = School.objects.filter(pk=school_id).first()
    if school is None:
        raise InvalidInput({"school": [_("Unknown school: %(id)s.") % {"id": school_id}]})
    return school


def _municipality(code: str | None) -> Municipality | None:
    if not code:
        return None
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None:
        raise InvalidInput(
            {"municipality": [_("Unknown municipality: %(code)s.") % {"code": code}]}
        )
    return municipality


def _offers(items) -> list[services.Offer]:
    programmes = _programmes([item.programme for item in items], field="offers")
    return [
        services.Offer(programme=p, approved=item.approved, placements=item.placements)
        for p, item in zip(programmes, items, strict=True)
    ]


def company_out(company: Company) -> dict:
    return {
        "id": company.pk,
        "fair": company.fair.slug,
        "name": company.name,
        "cvr": company.cvr,
        "address": company.address,
        "postcode": company.postcode,
        "city": company.city,
        "municipality": company.municipality.code if company.municipality else None,
        "phone": company.phone,
        "website": company.website,
        "description": company.description,
        "offers": [
            {"programme": o.programme.code, "approved": o.approved, "placements": o.placements}
            for o in company.offers.all()
        ],
    }


def student_out(student: Student) -> dict:
    return {
        "id": student.pk,
        "fair": student.fair.slug,
        "name": student.user.name,
        "email": student.user.email,
        "phone": student.phone,
        "school": student.school.name if student.school else None,
        "school_class": student.school_class,
        "municipality": student.municipality.code if student.municipality else None,
        "programmes": [p.code for p in student.programmes.all()],
        "placement_status": student.placement_status,
        "referred_by": student.referred_by,
        "consent_profile": student.consent_profile,
    }


@router.get("/programmes", response=list[ProgrammeOut], auth=None)
def programme_list(request: HttpRequest):
    return selectors.programme_list()


@router.get("/schools", response=list[SchoolOut], auth=None)
def school_list(request: HttpRequest):
    return selectors.school_list()


@router.get("/fairs/{fair}", response={200: FairOut, 404: ErrorOut}, auth=None)
def fair_get(request: HttpRequest, fair: str):
    return request_fair(request, fair)


@router.post("/fairs/{fair}/companies", response={201: CompanyOut, **SIGNUP_ERRORS}, auth=None)
def company_register(request: HttpRequest, fair: str, payload: CompanyRegisterIn):
    """Register a company; a known contact address is answered like a new one (no `id`)."""
    throttle.signup_check(request=request)
    data = payload.dict(exclude={"offers", "municipality"})
    out = signup_run(
        register=services.company_register,
        email_field="contact_email",
        render=lambda company: company_out(
            selectors.company_for(user=company.users.get(), fair=company.fair)
        ),
        base_url=request.build_absolute_uri("/"),
        fair=request_fair(request, fair),
        offers=_offers(payload.offers),
        municipality=_municipality(payload.municipality),
        acting=request.user,
        **data,
    )
    return Status(201, out)


@router.post("/fairs/{fair}/students", response={201: StudentOut, **SIGNUP_ERRORS}, auth=None)
def student_register(request: HttpRequest, fair: str, payload: StudentRegisterIn):
    """Sign a student up; a known address is answered like a new one (no `id`)."""
    throttle.signup_check(request=request)
    data = payload.dict(exclude={"programmes", "school", "municipality"})
    out = signup_run(
        register=services.student_register,
        email_field="email",
        render=student_out,
        base_url=request.build_absolute_uri("/"),
        fair=request_fair(request, fair),
        programmes=_programmes(payload.programmes),
        school=_school(payload.school),
        municipality=_municipality(payload.municipality),
        acting=request.user,
        **data,
    )
    return Status(201, out)


@router.post(
    "/auth/login-link", response={202: MessageOut, 422: ErrorOut, 429: ErrorOut}, auth=None
)
def login_link_request(request: HttpRequest, payload: LoginLinkIn):
    """Mail a log-in link; 429 past the limits per address and per client address."""
    if not throttle.login_mail_allowed(email=payload.email, ip=throttle.client_ip(request)):
        raise throttle.too_many()
    account_services.login_link_send(email=payload.email, base_url=request.build_absolute_uri("/"))
    return Status(202, {"detail": _("If the address is registered, a log-in link is on its way.")})


@router.get("/me", response=MeOut)
def me_get(request: HttpRequest):
    user = request.user
    student = selectors.student_for(user=user)
    company = selectors.company_for(user=user)
    return {
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "language": user.language,
        "student": student_out(student) if student else None,
        "company": company_out(company) if company else None,
    }


@router.patch("/me/student", response={200: StudentOut, **ERRORS})
def student_update(request: HttpRequest, payload: StudentUpdateIn):
    student = selectors.student_for(user=request.user)
    if student is None:
        raise NotFound(_("You have no student profile."))
    fields = payload.dict(exclude_unset=True, exclude={"programmes", "school", "municipality"})
    if "school" in payload.model_fields_set:
        fields["school"] = _school(payload.school)
    if "municipality" in payload.model_fields_set:
        fields["municipality"] = _municipality(payload.municipality)
    programmes = _programmes(payload.programmes) if payload.programmes is not None else None
    services.student_update(student=student, programmes=programmes, **fields)
    return student_out(selectors.student_for(user=request.user, fair=student.fair))


@router.patch("/me/company", response={200: CompanyOut, **ERRORS})
def company_update(request: HttpRequest, payload: CompanyUpdateIn):
    company = selectors.company_for(user=request.user)
    if company is None:
        raise NotFound(_("You have no company profile."))
    fields = payload.dict(exclude_unset=True, exclude={"offers", "municipality"})
    if "municipality" in payload.model_fields_set:
        fields["municipality"] = _municipality(payload.municipality)
    offers = _offers(payload.offers) if payload.offers is not None else None
    services.company_update(company=company, offers=offers, acting=request.user, **fields)
    return company_out(selectors.company_for(user=request.user, fair=company.fair))
