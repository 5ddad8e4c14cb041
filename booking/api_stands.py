"""API of stands and stand bookings."""

from ninja import Router

router = Router(tags=["stands"])
