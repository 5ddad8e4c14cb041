"""Admin of wishes, slots, schedule runs and interviews; actions call the services."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from booking.interviews import services
from booking.models import (
    Availability,
    FairSchedulingSettings,
    Interest,
    Interview,
    ScheduleRun,
    Slot,
    Wish,
)
from fair.exceptions import FairError


@admin.register(FairSchedulingSettings)
class FairSchedulingSettingsAdmin(admin.ModelAdmin):
    list_display = ["fair", "rank_weights", "mutual_bonus", "coverage_bonus", "breaks"]


@admin.register(Wish)
class WishAdmin(admin.ModelAdmin):
    list_display = ["student", "company", "rank", "created_at"]
    list_filter = ["company__fair"]
    search_fields = ["student__user__name", "company__name"]
    list_select_related = ["student__user", "company"]
    raw_id_fields = ["student", "company"]


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ["company", "student", "created_at"]
    list_filter = ["company__fair"]
    search_fields = ["student__user__name", "company__name"]
    list_select_related = ["student__user", "company"]
    raw_id_fields = ["student", "company"]


@admin.register(Availability)
class AvailabilityAdmin(admin.ModelAdmin):
    list_display = ["__str__", "fair", "available_from", "available_until"]
    list_filter = ["fair"]
    list_select_related = ["student__user", "company", "fair"]
    raw_id_fields = ["student", "company"]


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = ["__str__", "fair", "start", "end"]
    list_filter = ["fair"]


@admin.register(ScheduleRun)
class ScheduleRunAdmin(admin.ModelAdmin):
    list_display = ["__str__", "fair", "score", "bound", "published_at"]
    list_filter = ["fair"]
    readonly_fields = [
        "fair",
        "created_at",
        "created_by",
        "score",
        "bound",
        "stats",
        "published_at",
    ]


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ["slot", "company", "table", "student", "status", "source"]
    list_filter = ["fair", "status", "source"]
    search_fields = ["student__user__name", "company__name"]
    list_select_related = ["slot", "company", "student__user"]
    raw_id_fields = ["slot", "student", "company"]
    readonly_fields = ["sequence", "created_at", "updated_at"]
    actions = ["cancel", "no_show"]

    def _each(self, request, queryset, action):
        done = 0
        for interview in queryset:
            try:
                action(interview=interview, user=request.user)
            except FairError as exc:
                self.message_user(request, f"{interview}: {exc.message}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, _("%(n)d interviews changed.") % {"n": done})

    def _confirm(self, request, queryset, *, action: str, title, consequence):
        """The page that asks before an action that e-mails people (like delete_selected)."""
        interviews = list(queryset.select_related("slot", "company", "student__user"))
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "consequence": consequence,
            "interviews": interviews,
            "action": action,
            "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/booking/interview/confirm_action.html", context)

    @admin.action(description=_("Cancel the chosen interviews"))
    def cancel(self, request, queryset):
        if request.POST.get("post") != "yes":
            return self._confirm(
                request,
                queryset,
                action="cancel",
                title=_("Cancel these interviews?"),
                consequence=_(
                    "The students and the companies get an e-mail with the cancellation, and "
                    "later scheduler runs will not book these pairs again."
                ),
            )
        self._each(request, queryset, services.interview_cancel)
        return None

    @admin.action(description=_("Mark the chosen interviews as no-shows"))
    def no_show(self, request, queryset):
        if request.POST.get("post") != "yes":
            return self._confirm(
                request,
                queryset,
                action="no_show",
                title=_("Mark these interviews as no-shows?"),
                consequence=_("The freed times may be offered to other students by e-mail."),
            )
        self._each(request, queryset, services.interview_no_show)
        return None
