"""HTML routes of wishes, schedules and self-booking."""

urlpatterns: list = []
