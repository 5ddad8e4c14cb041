from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The project layer above the apps: organizers' pages and commands that span them all."""

    name = "fair.dashboard"
    label = "dashboard"
