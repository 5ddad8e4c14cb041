"""Admin of outcomes: read-only history (rows are appended by `record_outcome`, never edited)."""

from django.contrib import admin

from outcomes.models import Outcome


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = [
        "student",
        "company",
        "kind",
        "start_date",
        "end_date",
        "reporter_role",
        "source",
        "recorded_at",
    ]
    list_filter = ["fair", "kind", "reporter_role", "source"]
    search_fields = ["student__user__name", "company__name"]
    list_select_related = ["student__user", "company"]
    date_hierarchy = "recorded_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
