"""Admin of the booking app: one module per part, registered on import."""

from booking.interviews import admin as admin_interviews  # noqa: F401
from booking.stands import admin as admin_stands  # noqa: F401
