"""Outreach in the admin: campaigns and invitations to look up; history rows are read-only."""

from django.contrib import admin

from outreach.models import Activity, Campaign, Invitation, StatusChange


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "fair", "created_at"]
    list_filter = ["fair"]
    search_fields = ["name"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "campaign", "email", "sent_at", "reminded_at", "registered_at"]
    list_filter = ["campaign"]
    search_fields = ["organisation__name", "organisation__cvr", "email"]
    list_select_related = ["organisation", "campaign"]
    readonly_fields = ["sent_at", "reminded_at", "opened_at", "registered_at", "created_at"]
    autocomplete_fields = ["organisation"]


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["organisation", "status", "campaign", "changed_by", "changed_at"]
    list_filter = ["status", "campaign"]
    search_fields = ["organisation__name", "organisation__cvr"]
    list_select_related = ["organisation", "campaign", "changed_by"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = [
        "organisation",
        "kind",
        "consultant",
        "partner",
        "happened_on",
        "next_action_on",
    ]
    list_filter = ["kind", "partner"]
    search_fields = ["organisation__name", "organisation__cvr"]
    list_select_related = ["organisation", "consultant", "partner"]
    autocomplete_fields = ["organisation"]
