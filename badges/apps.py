from django.apps import AppConfig


class BadgesConfig(AppConfig):
    name = "badges"

    def ready(self) -> None:
        from badges import (
            privacy,  # noqa: F401 - registers the person's data for export
            receivers,  # noqa: F401 - erased people's badges stay refused
        )
