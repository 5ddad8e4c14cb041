"""HTML routes of outcomes."""

from django.urls import path

from outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("outcomes/", views.latest_fair, name="latest"),
    path("outcomes/answer/<str:token>/", views.answer, name="answer"),
    path("fairs/<slug:slug>/outcomes/", views.fair_outcomes, name="fair"),
    path(
        "fairs/<slug:slug>/outcomes/<int:student>/<int:company>/",
        views.meeting_detail,
        name="meeting",
    ),
]
