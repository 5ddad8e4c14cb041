"""Admin of the booking app: one module per part, registered on import."""

from booking import admin_interviews, admin_stands  # noqa: F401
