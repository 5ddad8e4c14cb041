"""HTML routes of stands and stand booking."""

urlpatterns: list = []
