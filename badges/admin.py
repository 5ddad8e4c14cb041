"""Admin of badges and scanning: read-mostly; changes go through the services."""

from django.contrib import admin

from badges.models import (
    Badge,
    BadgeEvent,
    CheckIn,
    DoorAssignment,
    DoorDevice,
    Scan,
    StandConversation,
)


@admin.register(Badge)
class BadgeAdmin(admin.ModelAdmin):
    list_display = ["user", "fair", "role", "version", "issued_at", "revoked_at"]
    list_filter = ["fair", "role"]
    search_fields = ["user__name", "user__email"]
    list_select_related = ["user", "fair"]
    readonly_fields = [
        "fair",
        "user",
        "role",
        "student",
        "company",
        "version",
        "token",
        "issued_at",
        "revoked_at",
    ]


@admin.register(BadgeEvent)
class BadgeEventAdmin(admin.ModelAdmin):
    list_display = ["badge", "kind", "by", "reason", "at"]
    list_filter = ["kind"]
    list_select_related = ["badge__user", "badge__fair", "by"]


@admin.register(DoorDevice)
class DoorDeviceAdmin(admin.ModelAdmin):
    list_display = ["name", "fair", "prefix", "created_at", "revoked_at"]
    list_filter = ["fair"]
    readonly_fields = ["prefix", "created_at"]
    fields = ["fair", "name", "prefix", "created_at", "revoked_at"]

    def has_add_permission(self, request):  # tokens come from create_door_device only
        return False


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["user", "fair", "role", "device", "checked_in_at"]
    list_filter = ["fair", "role"]
    list_select_related = ["user", "fair", "device"]


@admin.register(Scan)
class ScanAdmin(admin.ModelAdmin):
    list_display = ["received_at", "fair", "device", "by", "result", "badge"]
    list_filter = ["fair", "result"]
    list_select_related = ["fair", "device", "by", "badge__user", "badge__fair"]


@admin.register(StandConversation)
class StandConversationAdmin(admin.ModelAdmin):
    list_display = ["company", "student", "outcome", "created_at"]
    list_filter = ["fair", "outcome"]
    list_select_related = ["company", "student__user"]


@admin.register(DoorAssignment)
class DoorAssignmentAdmin(admin.ModelAdmin):
    """Organizers put door staff on a fair's door; door staff work only those fairs."""

    list_display = ["user", "fair", "assigned_by", "assigned_at"]
    list_filter = ["fair"]
    raw_id_fields = ["user"]
    readonly_fields = ["assigned_by", "assigned_at"]

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.assigned_by = request.user
        super().save_model(request, obj, form, change)
