"""HTML routes of wishes, schedules and self-booking."""

from django.urls import path

from booking.interviews import views, views_organizer, views_slots
from booking.interviews import views_confirm as confirm
from booking.interviews import views_publish as publishing

F = "fairs/<slug:slug>/"
ORG = "organizer/fairs/<slug:slug>/"

urlpatterns = [
    path(F + "wishes/", views.wish_list, name="wish-list"),
    path(F + "wishes/add/", views.wish_add, name="wish-add"),
    path(F + "wishes/reorder/", views.wish_reorder, name="wish-reorder"),
    path(F + "wishes/<int:company_id>/move/", views.wish_move, name="wish-move"),
    path(F + "wishes/<int:company_id>/remove/", views.wish_remove, name="wish-remove"),
    path(F + "company/students/", views.company_students, name="company-students"),
    path(
        F + "company/students/<int:student_id>/interest/",
        views.interest_set,
        name="interest-set",
    ),
    path(F + "availability/", views.availability_edit, name="availability"),
    path(F + "schedule/", views.schedule_mine, name="schedule"),
    path(F + "interviews/<int:pk>/cancel/", confirm.interview_cancel, name="interview-cancel"),
    path(F + "interviews/<int:pk>/no-show/", views.interview_no_show, name="interview-no-show"),
    path(F + "book/", views_slots.self_booking, name="self-booking"),
    path(F + "companies/<int:company_id>/slots/", views_slots.free_slots, name="free-slots"),
    path(
        F + "companies/<int:company_id>/slots/<int:slot_id>/book/",
        views_slots.slot_book,
        name="slot-book",
    ),
    path(ORG + "schedule/", views_organizer.organizer_schedule, name="organizer-schedule"),
    path(ORG + "schedule/slots/", views_organizer.organizer_slots_generate, name="organizer-slots"),
    path(
        ORG + "schedule/run/", views_organizer.organizer_schedule_run, name="organizer-schedule-run"
    ),
    path(
        ORG + "schedule/runs/<int:run_id>/publish/",
        confirm.organizer_schedule_publish,
        name="organizer-schedule-publish",
    ),
    path(
        ORG + "schedule/runs/<int:run_id>/progress/",
        publishing.organizer_publish_progress,
        name="organizer-publish-progress",
    ),
]
