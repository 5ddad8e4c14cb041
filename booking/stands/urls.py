"""HTML routes of stands and stand booking."""

from django.urls import path

from booking.stands import views

urlpatterns = [
    path("fairs/<slug:slug>/stands/", views.stand_plan, name="stand-plan"),
    path(
        "fairs/<slug:slug>/stands/bookings/<int:pk>/",
        views.stand_booking_detail,
        name="stand-booking-detail",
    ),
    path(
        "fairs/<slug:slug>/stands/bookings/<int:pk>/cancel/",
        views.stand_booking_cancel,
        name="stand-booking-cancel",
    ),
    path("fairs/<slug:slug>/stands/waitlist/", views.stand_waitlist_join, name="stand-waitlist"),
    path("fairs/<slug:slug>/stands/<str:code>/", views.stand_detail, name="stand-detail"),
    path("organizer/fairs/<slug:slug>/stands/", views.organizer_stands, name="stand-organizer"),
    path(
        "organizer/fairs/<slug:slug>/stands/import/",
        views.organizer_stand_import,
        name="stand-import",
    ),
    path(
        "organizer/fairs/<slug:slug>/stands/export.csv",
        views.organizer_stand_export,
        name="stand-export",
    ),
    path(
        "organizer/fairs/<slug:slug>/stands/bookings/<int:pk>/confirm/",
        views.organizer_booking_confirm,
        name="stand-booking-confirm",
    ),
    path(
        "organizer/fairs/<slug:slug>/stands/bookings/<int:pk>/reject/",
        views.organizer_booking_reject,
        name="stand-booking-reject",
    ),
    path(
        "organizer/fairs/<slug:slug>/stands/bookings/<int:pk>/move/",
        views.organizer_booking_move,
        name="stand-booking-move",
    ),
]
