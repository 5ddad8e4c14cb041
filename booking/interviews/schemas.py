"""API schemas of interviews and self-booking (input and output kept apart)."""

from datetime import datetime

from ninja import Field, Schema


class FreeSlotOut(Schema):
    slot: int
    start: datetime
    end: datetime
    free_tables: int


class InterviewIn(Schema):
    company: int = Field(description="company id, see GET /fairs/{fair}/companies")
    slot: int = Field(description="slot id, see GET /fairs/{fair}/companies/{id}/free-slots")


class InterviewOut(Schema):
    id: int
    company: int
    slot: int
    table: int
    start: datetime
    end: datetime


class MyInterviewOut(Schema):
    id: int
    fair: str
    slot: int
    start: datetime
    end: datetime
    company: int
    company_name: str
    student: int
    student_name: str
    stand: str | None
    table: int
    status: str
    source: str
