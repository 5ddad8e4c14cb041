"""HTML routes of calendars: feeds by secret token, the person's calendar page, the fair."""

from django.urls import path

from booking.calendar import views

urlpatterns = [
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
    path("me/calendar/", views.calendar_me, name="calendar-me"),
    path("me/calendar/reset/", views.calendar_reset, name="calendar-reset"),
    path("fairs/<slug:slug>/fair.ics", views.fair_ics, name="fair-ics"),
]
