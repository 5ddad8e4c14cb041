from django.contrib import admin

from partners.models import Contribution, MappedStudent, Partner, PartnerStaff, StatusChange


class PartnerStaffInline(admin.TabularInline):
    model = PartnerStaff
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    inlines = [PartnerStaffInline]


class ContributionInline(admin.TabularInline):
    model = Contribution
    extra = 0
    fields = ["partner", "fair", "source", "added_by", "added_at"]
    readonly_fields = fields
    can_delete = False
    max_num = 0


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    fields = ["status", "effective", "partner", "recorded_by", "recorded_at"]
    readonly_fields = fields  # history is appended on the register's page, never edited
    can_delete = False
    max_num = 0


@admin.register(MappedStudent)
class MappedStudentAdmin(admin.ModelAdmin):
    """The register for organizers; deleting a person here erases them with their history."""

    list_display = ["name", "email", "municipality", "status", "seeking_since"]
    list_filter = ["status", "municipality", "programmes__main_area"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["student"]
    filter_horizontal = ["programmes"]
    readonly_fields = ["status", "status_since", "created_at", "updated_at"]
    inlines = [ContributionInline, StatusChangeInline]
