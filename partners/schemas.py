"""Schemas of the mapping API."""

from ninja import Schema


class CountGroupOut(Schema):
    dimension: str
    id: int | str | None
    name: str


class CountRowOut(Schema):
    groups: list[CountGroupOut]
    seeking: int | str
    school_training: int | str
    lacking: int | str
    previous_month: int | str
    last_year: int | str
    change_month: int | None
    change_year: int | None


class MappingCountsOut(Schema):
    month: str
    previous_month: str
    last_year_month: str
    group_by: list[str]
    exact: bool
    rule: str
    suppression: str | None
    rows: list[CountRowOut]
    total: CountRowOut
