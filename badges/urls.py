"""HTML routes of badges, door scanning and stand scanning."""

app_name = "badges"
urlpatterns: list = []
