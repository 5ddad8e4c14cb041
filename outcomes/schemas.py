"""Schemas of the outcomes API."""

from datetime import date, datetime

from ninja import Field, Schema

from outcomes.enums import OutcomeKind


class OutcomeIn(Schema):
    fair: str = Field(max_length=50)
    student: int
    company: int
    kind: OutcomeKind
    start_date: date | None = None
    end_date: date | None = None
    note: str = Field("", max_length=1000)


class OutcomeOut(Schema):
    id: int
    student: int
    company: int
    kind: str
    start_date: date | None
    end_date: date | None
    reporter_role: str
    source: str
    recorded_at: datetime
    note: str


class CountsOut(Schema):
    meetings: int
    nothing: int
    trial_days: int
    training_agreement: int
    not_reported: int


class ProgrammeCountsOut(CountsOut):
    programme: str | None
    name: str | None


class MeetingOut(Schema):
    student: int
    student_name: str
    company: int
    company_name: str
    interview: int | None
    conversation: int | None
    current: OutcomeOut | None
    history: list[OutcomeOut]


class OutcomesOut(Schema):
    fair: str
    counts: CountsOut
    by_programme: list[ProgrammeCountsOut]
    meetings: list[MeetingOut]
