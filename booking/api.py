"""API of stands and interviews: one router made of the two parts."""

from ninja import Router

from booking.api_calendar import router as calendar_router
from booking.api_interviews import router as interviews_router
from booking.api_stands import router as stands_router

router = Router()
router.add_router("", stands_router)
router.add_router("", interviews_router)
router.add_router("", calendar_router)
