from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "booking"

    def ready(self) -> None:
        from booking import privacy  # noqa: F401 - registers the person's data for export
