from django.contrib import admin

from partners.models import Partner, PartnerStaff


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
