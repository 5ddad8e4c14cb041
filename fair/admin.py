"""The organizers' admin: search, filters and list columns; actions call services."""

import json

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Count
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from fair import account_services, emails, selectors
from fair import organisation_services as services_org
from fair.models import (
    ApiToken,
    Company,
    CompanyProgramme,
    EmailLog,
    Fair,
    Municipality,
    Organisation,
    OrganisationApproval,
    Programme,
    School,
    Student,
    User,
)


@admin.register(Fair)
class FairAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "date", "venue_name", "is_public"]
    list_filter = ["is_public"]
    search_fields = ["name", "slug", "venue_name"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "date"
    fieldsets = [
        (None, {"fields": ["name", "slug", "is_public", "description"]}),
        (_("Time and place"), {"fields": ["date", "venue_name", "venue_address"]}),
        (_("Opening hours"), {"fields": ["opens_at", "closes_at", "door_rehearsal"]}),
        (
            _("Interviews"),
            {
                "fields": [
                    "interviews_start",
                    "interviews_end",
                    "slot_minutes",
                    "buffer_minutes",
                    "max_interviews_per_student",
                    "max_wishes",
                ]
            },
        ),
        (
            _("Deadlines"),
            {
                "fields": [
                    "company_registration_deadline",
                    "student_registration_deadline",
                    "stand_booking_deadline",
                    "wish_deadline",
                    "schedule_publication_at",
                    "stand_booking_requires_approval",
                ]
            },
        ),
    ]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name_da", "name_en", "main_area", "code", "active"]
    list_filter = ["main_area", "active"]
    search_fields = ["name_da", "name_en", "code"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name"]
    search_fields = ["name", "short_name"]
    filter_horizontal = ["programmes"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "postcodes"]
    search_fields = ["name", "code"]


class CompanyProgrammeInline(admin.TabularInline):
    model = CompanyProgramme
    extra = 1
    autocomplete_fields = ["programme"]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "cvr", "fair", "city", "municipality", "placements"]
    list_filter = ["fair", "municipality", "offers__approved", "offers__programme__main_area"]
    search_fields = ["name", "cvr", "city", "users__email", "users__name"]
    autocomplete_fields = ["users", "organisation"]
    inlines = [CompanyProgrammeInline]
    list_select_related = ["fair", "municipality"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(placement_count=Count("offers"))

    @admin.display(description=_("programmes"), ordering="placement_count")
    def placements(self, obj):
        return obj.placement_count


@admin.register(Student)
class StudentAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "email",
        "fair",
        "school",
        "school_class",
        "placement_status",
        "consent_profile",
    ]
    list_filter = ["fair", "placement_status", "school", "referred_by", "consent_profile"]
    search_fields = ["user__name", "user__email", "school_class", "phone"]
    list_select_related = ["user", "fair", "school"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["programmes"]
    readonly_fields = ["consent_at", "created_at", "fairs_of_this_person"]

    @admin.display(description=_("e-mail"), ordering="user__email")
    def email(self, obj):
        return obj.user.email

    @admin.display(description=_("The person's fairs"))
    def fairs_of_this_person(self, obj):
        return "; ".join(
            f"{s.fair.name} ({s.fair.date:%d.%m.%Y}): {s.get_placement_status_display()}"
            for s in selectors.student_history_for(user=obj.user)
        )

    @admin.display(description=_("name"), ordering="user__name")
    def name(self, obj):
        return obj.user.name


@admin.action(description=_("Export the selected people's data (JSON)"), permissions=["export"])
def export_people(modeladmin, request, queryset):
    data = [selectors.person_export(user=user) for user in queryset]
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
    return response


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "role", "language", "is_staff", "is_active", "last_login"]
    list_filter = ["role", "is_staff", "is_active", "language"]
    search_fields = ["email", "name"]
    actions = [export_people]

    def has_export_permission(self, request) -> bool:
        # Personal data of children: only those who may change users may take it out.
        return request.user.has_perm("fair.change_user")

    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["name", "role", "language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "name", "role", "password1", "password2"]})
    ]

    def delete_model(self, request, obj):
        account_services.person_delete(user=obj)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            account_services.person_delete(user=user)


@admin.action(description=_("Revoke the selected tokens"))
def revoke_tokens(modeladmin, request, queryset):
    for token in queryset:
        account_services.api_token_revoke(token=token)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "name", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["user__email", "name", "prefix"]
    autocomplete_fields = ["user"]
    actions = [revoke_tokens]
    fields = ["user", "name", "revoked_at"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        token, key = account_services.api_token_create(user=obj.user, name=obj.name)
        obj.pk = token.pk
        messages.warning(
            request,
            _("The new token is %(key)s — copy it now; it is not shown again.") % {"key": key},
        )


@admin.register(EmailLog)
class EmailLogAdmin(admin.ModelAdmin):
    """Every e-mail the system sent or tried to send: who, what, when, delivered or failed."""

    list_display = ["created_at", "to", "subject", "kind", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind", "fair"]
    search_fields = ["to", "subject"]
    list_select_related = ["fair"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    readonly_fields = [
        "user",
        "fair",
        "to",
        "kind",
        "subject",
        "body",
        "status",
        "attempts",
        "error",
        "created_at",
        "last_attempt_at",
        "sent_at",
    ]
    exclude = ["body_text", "body_html", "parts", "dedupe_key"]

    def has_resend_permission(self, request) -> bool:
        return request.user.has_perm("fair.change_emaillog")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("text"))
    def body(self, obj):
        # A log-in link in the log would let anyone who reads it log in as that person.
        if obj.kind in emails.SECRET_KINDS:
            return _("(not shown: the e-mail holds a log-in link)")
        return obj.body_text

    @admin.action(description=_("Send again (e-mails not delivered yet)"), permissions=["resend"])
    def send_again(self, request, queryset):
        count = emails.emails_retry(log_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, _("%(count)d e-mails were queued again.") % {"count": count})


class OrganisationApprovalInline(admin.TabularInline):
    """Append-only: earlier statements are shown, new ones added; none are changed."""

    model = OrganisationApproval
    extra = 1
    fields = ["programme", "status", "note", "source", "recorded_by", "recorded_at"]
    readonly_fields = ["source", "recorded_by", "recorded_at"]
    autocomplete_fields = ["programme"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ParticipationInline(admin.TabularInline):
    model = Company
    fields = ["fair", "name", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "cvr", "city", "municipality", "created_at"]
    list_filter = ["municipality"]
    search_fields = ["name", "cvr", "city"]
    list_select_related = ["municipality"]
    inlines = [OrganisationApprovalInline, ParticipationInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not OrganisationApproval:
            return super().save_formset(request, form, formset, change)
        for approval in formset.save(commit=False):
            services_org.approval_record(
                organisation=form.instance,
                programme=approval.programme,
                status=approval.status,
                recorded_by=request.user,
                note=approval.note,
            )
