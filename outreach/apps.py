from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    """Outreach to companies all year: prospects, activities, campaigns and invitations."""

    name = "outreach"
    verbose_name = _("Outreach")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from outreach import receivers  # noqa: F401 - registrations and stand bookings
