from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """The partners' year-round work: who they are, their staff, and the mapping register."""

    name = "partners"
    verbose_name = _("Partners")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from partners import privacy, receivers  # noqa: F401 - export hooks, fair sign-ups
