"""Admin of stands and stand bookings; actions call the services."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from booking.models import Stand, StandAllowance, StandBooking, StandWaitlistEntry
from booking.stands import services
from fair.exceptions import FairError


@admin.register(Stand)
class StandAdmin(admin.ModelAdmin):
    list_display = ["code", "fair", "zone", "size_m2", "power", "price_dkk"]
    list_filter = ["fair", "zone", "power"]
    search_fields = ["code", "zone", "note"]
    ordering = ["fair", "code"]


@admin.register(StandBooking)
class StandBookingAdmin(admin.ModelAdmin):
    list_display = ["stand", "company", "tables", "status", "created_at"]
    list_filter = ["fair", "status"]
    search_fields = ["stand__code", "company__name", "company__cvr"]
    list_select_related = ["stand", "company"]
    raw_id_fields = ["stand", "company", "decided_by"]
    readonly_fields = ["created_at", "updated_at"]
    actions = ["confirm", "cancel"]

    @admin.action(description=_("Confirm the chosen pending bookings"))
    def confirm(self, request, queryset):
        self._each(
            request, queryset, lambda b: services.stand_booking_confirm(booking=b, by=request.user)
        )

    @admin.action(description=_("Cancel the chosen bookings"))
    def cancel(self, request, queryset):
        self._each(
            request, queryset, lambda b: services.stand_booking_cancel(booking=b, by_organizer=True)
        )

    def _each(self, request, queryset, action) -> None:
        done = 0
        for booking in queryset.select_related("fair", "stand"):
            try:
                action(booking)
                done += 1
            except FairError as exc:
                self.message_user(request, f"{booking}: {exc.message}", messages.WARNING)
        self.message_user(request, _("%(count)s bookings changed.") % {"count": done})


@admin.register(StandAllowance)
class StandAllowanceAdmin(admin.ModelAdmin):
    list_display = ["company", "stands", "granted_by", "granted_at"]
    search_fields = ["company__name", "company__cvr"]
    raw_id_fields = ["company"]
    readonly_fields = ["granted_by", "granted_at"]

    def save_model(self, request, obj, form, change):
        allowance = services.stand_allowance_set(
            company=obj.company, stands=obj.stands, by=request.user
        )
        obj.pk, obj.granted_by, obj.granted_at = (
            allowance.pk,
            allowance.granted_by,
            allowance.granted_at,
        )


@admin.register(StandWaitlistEntry)
class StandWaitlistEntryAdmin(admin.ModelAdmin):
    list_display = ["zone", "company", "created_at", "offered_stand", "offered_at"]
    list_filter = ["fair", "zone"]
    raw_id_fields = ["company", "offered_stand"]
