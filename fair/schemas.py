"""API schemas of the core domain (input and output kept apart)."""

from datetime import date, datetime, time
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import BeforeValidator, field_validator

from fair.enums import MainArea, PlacementStatus, ReferredBy

Language = Literal["da", "en"]


def _clock(value):
    return value.strftime("%H:%M") if isinstance(value, time) else value


# A time of day on the fair's date (Europe/Copenhagen), 24-hour "HH:MM". Not the OpenAPI
# format "time", which is RFC 3339's full-time with a UTC offset.
ClockTime = Annotated[
    str,
    BeforeValidator(_clock),
    Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", examples=["09:00"]),
]


def _null_is_empty(value):
    """An optional text sent as null clears it, like the empty string does."""
    return "" if value is None else value


class ErrorOut(Schema):
    code: str
    detail: str
    message: str


class ProgrammeOut(Schema):
    code: str
    name_da: str
    name_en: str
    main_area: MainArea


class SchoolOut(Schema):
    id: int
    name: str
    short_name: str


class FairOut(Schema):
    slug: str
    name: str
    date: date
    venue_name: str
    venue_address: str
    opens_at: ClockTime
    closes_at: ClockTime
    interviews_start: ClockTime
    interviews_end: ClockTime
    slot_minutes: int
    buffer_minutes: int
    max_interviews_per_student: int
    max_wishes: int
    company_registration_deadline: datetime
    student_registration_deadline: datetime
    stand_booking_deadline: datetime
    wish_deadline: datetime


class OfferIn(Schema):
    programme: str = Field(description="programme code, see GET /programmes")
    approved: bool = False
    placements: int = Field(1, ge=0, le=500)


class OfferOut(Schema):
    programme: str
    approved: bool
    placements: int


class CompanyRegisterIn(Schema):
    name: str = Field(min_length=1, max_length=150)
    cvr: str = Field(max_length=20)
    address: str = Field(min_length=1, max_length=200)
    postcode: str = Field(pattern=r"^\d{4}$")
    city: str = Field(min_length=1, max_length=100)
    municipality: str | None = Field(None, description="municipality code, e.g. 0151")
    phone: str = ""
    website: str = ""
    description: str = Field("", max_length=2000)
    contact_name: str = Field(min_length=1, max_length=150)
    contact_email: str = Field(max_length=254)
    offers: list[OfferIn] = Field(min_length=1)
    language: Language = "da"


class CompanyUpdateIn(Schema):
    # Left out: unchanged. null: refused for what cannot be empty (422), empty for the rest.
    name: str = Field(None, min_length=1, max_length=150)
    address: str = Field(None, min_length=1, max_length=200)
    postcode: str = Field(None, pattern=r"^\d{4}$")
    city: str = Field(None, min_length=1, max_length=100)
    municipality: str | None = None
    phone: str | None = None
    website: str | None = None
    description: str | None = Field(None, max_length=2000)
    offers: list[OfferIn] = Field(None, min_length=1)

    null_is_empty = field_validator("phone", "website", "description", mode="before")(
        _null_is_empty
    )


class CompanyOut(Schema):
    # null in the answer to a sign-up, which must not tell whether the address was new.
    id: int | None
    fair: str
    name: str
    cvr: str
    address: str
    postcode: str
    city: str
    municipality: str | None
    phone: str
    website: str
    description: str
    offers: list[OfferOut]


class StudentRegisterIn(Schema):
    name: str = Field(min_length=1, max_length=150)
    email: str = Field(max_length=254)
    phone: str = ""
    school: int | None = Field(None, description="school id, see GET /schools")
    school_class: str = Field("", max_length=50)
    municipality: str | None = Field(
        None, description="code of the municipality where the student lives, e.g. 0151"
    )
    programmes: list[str] = Field(min_length=1, max_length=3, description="programme codes")
    placement_status: PlacementStatus = PlacementStatus.SEEKING
    referred_by: ReferredBy = ReferredBy.SCHOOL
    consent_profile: bool
    language: Language = "da"


class StudentUpdateIn(Schema):
    # Left out: unchanged. null: refused for what cannot be empty (422), empty for the rest.
    name: str = Field(None, min_length=1, max_length=150)
    phone: str | None = None
    school: int | None = None
    school_class: str | None = Field(None, max_length=50)
    municipality: str | None = None
    programmes: list[str] = Field(None, min_length=1, max_length=3)
    placement_status: PlacementStatus = None
    referred_by: ReferredBy = None
    consent_profile: bool = None
    language: Language = None

    null_is_empty = field_validator("phone", "school_class", mode="before")(_null_is_empty)


class StudentOut(Schema):
    # null in the answer to a sign-up, which must not tell whether the address was new.
    id: int | None
    fair: str
    name: str
    email: str
    phone: str
    school: str | None
    school_class: str
    municipality: str | None = None
    programmes: list[str]
    placement_status: PlacementStatus
    referred_by: ReferredBy
    consent_profile: bool


class LoginLinkIn(Schema):
    email: str = Field(max_length=254)


class MessageOut(Schema):
    detail: str


class MeOut(Schema):
    email: str
    name: str
    role: str
    language: str
    student: StudentOut | None = None
    company: CompanyOut | None = None
