"""API schemas of stands and stand bookings (input and output kept apart)."""

from decimal import Decimal
from typing import Literal

from ninja import Field, Schema


class ExhibitorOut(Schema):
    id: int
    name: str
    stand: str | None = Field(None, description="code of the company's active stand")
    programmes: list[str]


class StandOut(Schema):
    code: str
    zone: str
    x: Decimal = Field(description="metres from the plan's left edge")
    y: Decimal = Field(description="metres from the plan's top edge")
    width: Decimal
    height: Decimal
    size_m2: Decimal
    power: bool
    price_dkk: int
    status: Literal["free", "booked"] = Field(description="booked also when held (pending)")
    booking_status: Literal["free", "held", "booked"]
    company: str | None = Field(None, description="the exhibitor on a confirmed stand")


class StandBookingIn(Schema):
    stand: str = Field(min_length=1, max_length=10, description="stand code, e.g. A12")
    tables: int = Field(1, ge=1, le=4)
    needs_power: bool = False
    needs_wall: bool = False
    needs_note: str = Field("", max_length=300)


class StandBookingUpdateIn(Schema):
    tables: int = Field(ge=1, le=4)


class StandBookingOut(Schema):
    id: int
    stand: str
    tables: int
    status: str
    needs_power: bool
    needs_wall: bool
    needs_note: str
    reason: str
