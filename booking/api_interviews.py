"""API of wishes, interviews and self-booking."""

from ninja import Router

router = Router(tags=["interviews"])
