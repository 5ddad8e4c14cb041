"""API of badges and check-in."""

from ninja import Router

router = Router(tags=["badges"])
