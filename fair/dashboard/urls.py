"""Organizers' pages that span the apps."""

from django.urls import path

from fair.dashboard import views, views_trends

app_name = "dashboard"

urlpatterns = [
    path("organizer/", views.organizer_home, name="home"),
    path("organizer/trends/", views_trends.trends_page, name="trends"),
    path(
        "organizer/trends/<slug:key>.<str:fmt>",
        views_trends.trends_export,
        name="trends-export",
    ),
    path("organizer/fairs/<slug:slug>/", views.fair_overview_page, name="overview"),
    path("organizer/fairs/<slug:slug>/messages/", views.messages_compose, name="messages"),
]
