"""Outreach pages (organizers and partner staff) and the public invitation link."""

from django.urls import path

from outreach import views

app_name = "outreach"

urlpatterns = [
    path("outreach/", views.prospect_list, name="prospects"),
    path("outreach/prospects/add/", views.prospect_add, name="prospect-add"),
    path("outreach/prospects/import/", views.prospect_import, name="prospect-import"),
    path("outreach/prospects/<int:pk>/", views.prospect_detail, name="prospect-detail"),
    path("outreach/campaigns/", views.campaign_list, name="campaigns"),
    path("outreach/campaigns/<int:pk>/", views.campaign_detail, name="campaign-detail"),
    path("invitation/<str:token>/", views.invitation_open, name="invitation-open"),
]
