"""Organizers' pages that span the apps."""

from django.urls import path

from fair.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("organizer/fairs/<slug:slug>/messages/", views.messages_compose, name="messages"),
]
