"""Companies as persistent organisations across fairs (by CVR) and their approval history.

Imported by `fair.models`; refers to other models by name so that it can be imported first.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fair.enums import ApprovalStatus
from fair.validators import validate_cvr, validate_phone


class Organisation(models.Model):
    """A company by CVR number, across fairs; `Company` is one participation in one fair.

    An organisation without a participation in a fair is a prospect for that fair.
    """

    cvr = models.CharField(_("CVR number"), max_length=8, unique=True, validators=[validate_cvr])
    name = models.CharField(_("company name"), max_length=150)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        "fair.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("municipality"),
    )
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.cvr})"


class OrganisationApproval(models.Model):
    """One statement of an organisation's approval for a programme (append-only history).

    The latest row per (organisation, programme) is the current status; rows are never
    changed or deleted by the product.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="approvals",
        verbose_name=_("organisation"),
    )
    programme = models.ForeignKey(
        "fair.Programme",
        on_delete=models.PROTECT,
        related_name="approvals",
        verbose_name=_("programme"),
    )
    status = models.CharField(_("status"), max_length=20, choices=ApprovalStatus.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approvals_recorded",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    source = models.CharField(_("source"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        ordering = ["organisation", "programme", "-recorded_at", "-pk"]
        indexes = [
            models.Index(
                fields=["organisation", "programme", "recorded_at"], name="orgapproval_latest"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.programme} {self.get_status_display()}"
