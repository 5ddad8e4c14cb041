"""API of stands and interviews: one router made of the two parts."""

from ninja import Router

from booking.calendar.api import router as calendar_router
from booking.interviews.api import router as interviews_router
from booking.stands.api import router as stands_router

router = Router()
router.add_router("", stands_router)
router.add_router("", interviews_router)
router.add_router("", calendar_router)
