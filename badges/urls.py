"""HTML routes of badges, door scanning and stand scanning."""

from django.urls import path

from badges import views, views_door_staff, views_home

app_name = "badges"
urlpatterns = [
    path("door/", views_home.door_home, name="door-home"),
    path("fairs/<slug:slug>/door/", views.door, name="door"),
    path("fairs/<slug:slug>/stand/", views.stand, name="stand"),
    path(
        "fairs/<slug:slug>/stand/<str:kind>/<int:pk>/outcome/",
        views.stand_outcome,
        name="stand-outcome",
    ),
    path("me/badge.pdf", views.my_badge, name="my-badge"),
    path("organizer/fairs/<slug:slug>/badges/", views.organizer_badges, name="organizer-badges"),
    path(
        "organizer/fairs/<slug:slug>/badges/print/",
        views.organizer_badges_print,
        name="organizer-badges-print",
    ),
    path(
        "organizer/fairs/<slug:slug>/badges/<int:person>/reissue/",
        views.organizer_badge_reissue,
        name="organizer-badge-reissue",
    ),
    path(
        "organizer/fairs/<slug:slug>/badges/<int:person>/print/",
        views.organizer_badge_print,
        name="organizer-badge-print",
    ),
    path(
        "organizer/fairs/<slug:slug>/door-staff/",
        views_door_staff.door_staff_page,
        name="organizer-door-staff",
    ),
    path(
        "organizer/fairs/<slug:slug>/door-staff/assign/",
        views_door_staff.door_staff_assign,
        name="organizer-door-staff-assign",
    ),
    path(
        "organizer/fairs/<slug:slug>/door-staff/create/",
        views_door_staff.door_staff_create,
        name="organizer-door-staff-create",
    ),
    path(
        "organizer/fairs/<slug:slug>/door-staff/<int:user>/remove/",
        views_door_staff.door_staff_remove,
        name="organizer-door-staff-remove",
    ),
]
