"""API schemas of outreach."""

from ninja import Schema


class FunnelRowOut(Schema):
    campaign_id: int
    campaign: str
    invited: int
    registered: int
    booked: int
    registered_percent: float | None
    booked_percent: float | None


class FunnelOut(Schema):
    fair: str
    rule: str
    campaigns: list[FunnelRowOut]
