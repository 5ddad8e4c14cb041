"""Input and output of the badge and check-in API."""

from datetime import datetime

from ninja import Field, Schema
from pydantic import AwareDatetime


class CheckinIn(Schema):
    # Not limited here: any text is answered {"result": "invalid"} unless it is a badge
    # (the API refuses more than MAX_TOKEN_INPUT characters, still with a result).
    token: str
    # The fair a door-staff user checks in at (a device's fair is its own).
    fair: str | None = Field(default=None, max_length=50)
    nonce: str | None = Field(default=None, max_length=64)
    # When a queued offline scan happened on the device (an upload may come later); with its
    # zone (…Z or …+01:00): a time without one is refused (422), never guessed.
    scanned_at: AwareDatetime | None = None


class CheckinOut(Schema):
    result: str
    name: str | None = None
    role: str | None = None
    checked_in_at: datetime | None = None
    first_checked_in_at: datetime | None = None
    code: str | None = None
    detail: str | None = None
    message: str | None = None


class RosterOut(Schema):
    fair: str
    fair_id: int
    public_key: str
    people: list[tuple[int, int, str, str]]
    revoked: list[tuple[int, int]]
    checked_in: list[int]


class DoorCountsOut(Schema):
    # Not "CountsOut": outcomes has one, and OpenAPI components are named by class.
    total: int
    counts: dict[str, int]


class PersonOut(Schema):
    id: int
    name: str
    role: str
    organisation: str
    checked_in_at: datetime | None = None


class WalkInIn(Schema):
    name: str = Field(max_length=150)
    email: str = Field(default="", max_length=254)
    school: int | None = None
    school_class: str = Field(default="", max_length=50)


class WalkInOut(Schema):
    id: int
    name: str
    role: str
    checked_in_at: datetime | None
    badge_url: str


class StandScanIn(Schema):
    token: str = Field(max_length=200)


class StandScanOut(Schema):
    kind: str
    id: int
    student: str
    outcome: str
    new: bool


class OutcomeIn(Schema):
    outcome: str = Field(max_length=20)
