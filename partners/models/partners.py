"""The partners behind the fair and the staff accounts that work for them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    SCHOOL = "school", _("Vocational college")
    YOUTH_GUIDANCE = "youth_guidance", _("Municipal youth guidance")
    JOBCENTER = "jobcenter", _("Jobcenter")
    PLACEMENT_UNIT = "placement_unit", _("Regional placement unit")
    OTHER = "other", _("Other partner")


class Partner(models.Model):
    """An organisation that works with the fair all year (a college, a Jobcenter, ...)."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    municipality = models.ForeignKey(
        "fair.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partners",
        verbose_name=_("municipality"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnerStaff(models.Model):
    """A staff account (role `partner`) working for one partner."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="partner_staff",
        verbose_name=_("user"),
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="staff", verbose_name=_("partner")
    )

    class Meta:
        verbose_name = _("partner staff member")
        verbose_name_plural = _("partner staff")

    def __str__(self) -> str:
        return f"{self.user}: {self.partner}"
