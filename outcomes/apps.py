from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    """What came of the fair's meetings: follow-up e-mails, one-click answers, history."""

    name = "outcomes"
    verbose_name = _("Outcomes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from outcomes import privacy  # noqa: F401 - registers the person's outcomes for export
