"""Outreach: campaigns per fair, a prospect's status history, activities and invitations.

A prospect is a `fair.Organisation`; it has no participation (`Company`) in the fair yet.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outreach.enums import ActivityKind, ProspectStatus


class Campaign(models.Model):
    """A push to bring companies to one fair (e.g. "Builders in Ballerup, autumn 2026")."""

    fair = models.ForeignKey(
        "fair.Fair", on_delete=models.CASCADE, related_name="campaigns", verbose_name=_("fair")
    )
    name = models.CharField(_("name"), max_length=150)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["fair", "name"], name="campaign_unique_name_per_fair")
        ]

    def __str__(self) -> str:
        return self.name


class StatusChange(models.Model):
    """One step in a prospect's status history (append-only; the newest row is current)."""

    organisation = models.ForeignKey(
        "fair.Organisation",
        on_delete=models.CASCADE,
        related_name="outreach_statuses",
        verbose_name=_("organisation"),
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="status_changes",
        verbose_name=_("campaign"),
    )
    status = models.CharField(_("status"), max_length=20, choices=ProspectStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "changed_at"], name="outreach_status_org")]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_status_display()}"


class Activity(models.Model):
    """A call, visit or e-mail by a consultant, with what to do next and when.

    The note may hold personal data (names of contacts): partner staff read only the notes
    of their own partner's consultants (and organizers', which are not personal to a partner).
    """

    organisation = models.ForeignKey(
        "fair.Organisation",
        on_delete=models.CASCADE,
        related_name="outreach_activities",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ActivityKind.choices)
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="outreach_activities",
        verbose_name=_("consultant"),
    )
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outreach_activities",
        verbose_name=_("partner"),
    )
    happened_on = models.DateField(_("date"), default=timezone.localdate)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    next_action = models.CharField(_("next action"), max_length=200, blank=True)
    next_action_on = models.DateField(_("next action by"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-happened_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_kind_display()} {self.happened_on}"


class Invitation(models.Model):
    """A personal invitation of an organisation to a fair within a campaign."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("campaign")
    )
    organisation = models.ForeignKey(
        "fair.Organisation",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-mail"))
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    opened_at = models.DateTimeField(_("link opened"), null=True, blank=True)
    registered_at = models.DateTimeField(_("registered"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organisation"], name="invitation_unique_per_campaign"
            ),
            models.CheckConstraint(
                condition=Q(reminded_at__isnull=True) | Q(sent_at__isnull=False),
                name="invitation_reminded_after_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.campaign}"
