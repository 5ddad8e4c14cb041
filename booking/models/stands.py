"""Stands on the floor plan and companies' stand bookings."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from booking.enums import ACTIVE_STAND_BOOKING, StandBookingStatus
from fair.models import Company, Fair, User


class Stand(models.Model):
    """A place on a fair's floor plan; positions and sizes are in metres on the plan."""

    fair = models.ForeignKey(
        Fair, on_delete=models.CASCADE, related_name="stands", verbose_name=_("fair")
    )
    code = models.CharField(_("code"), max_length=10)
    zone = models.CharField(_("zone"), max_length=40, blank=True)
    x = models.DecimalField(_("x"), max_digits=7, decimal_places=2)
    y = models.DecimalField(_("y"), max_digits=7, decimal_places=2)
    width = models.DecimalField(_("width"), max_digits=6, decimal_places=2)
    height = models.DecimalField(_("depth"), max_digits=6, decimal_places=2)
    size_m2 = models.DecimalField(_("size (m²)"), max_digits=6, decimal_places=2)
    power = models.BooleanField(_("power"), default=False)
    price_dkk = models.PositiveIntegerField(_("price (DKK)"), default=0)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("stand")
        verbose_name_plural = _("stands")
        ordering = ["fair", "code"]
        constraints = [
            models.UniqueConstraint(
                Upper("code"),
                "fair",
                name="stand_unique_code_per_fair_ci",
                violation_error_message=_("A stand with this code already exists at this fair."),
            ),
            models.CheckConstraint(
                condition=Q(width__gt=0) & Q(height__gt=0) & Q(size_m2__gt=0),
                name="stand_positive_size",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def save(self, *args, **kwargs) -> None:
        self.code = self.code.strip().upper()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        # The services look stands up by the upper-cased code; "a1" could never be booked.
        self.code = self.code.strip().upper()
        from booking.stands.floorplan import (
            AREA_MAX,
            AREA_MIN,
            SIZE_MAX,
            SIZE_MIN,
            stand_code_problem,
            stand_code_valid,
        )

        errors = {}
        if not stand_code_valid(self.code):
            errors["code"] = stand_code_problem()
        for field in ("width", "height"):
            value = getattr(self, field)
            if value is not None and not SIZE_MIN <= value <= SIZE_MAX:
                errors[field] = _("Between %(low)s and %(high)s metres.") % {
                    "low": "0,5",
                    "high": "100",
                }
        if self.size_m2 is not None and not AREA_MIN <= self.size_m2 <= AREA_MAX:
            errors["size_m2"] = _("Between %(low)s and %(high)s m².") % {
                "low": "0,25",
                "high": "10.000",
            }
        if errors:
            raise ValidationError(errors)


class StandBooking(models.Model):
    """A company's booking of a stand; at most one active booking per stand (database)."""

    fair = models.ForeignKey(
        Fair, on_delete=models.CASCADE, related_name="stand_bookings", verbose_name=_("fair")
    )
    stand = models.ForeignKey(
        Stand, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("stand")
    )
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="stand_bookings", verbose_name=_("company")
    )
    tables = models.PositiveSmallIntegerField(_("interview tables"), default=1)
    needs_power = models.BooleanField(_("needs power"), default=False)
    needs_wall = models.BooleanField(_("needs a wall"), default=False)
    needs_note = models.CharField(_("other needs"), max_length=300, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=StandBookingStatus.choices,
        default=StandBookingStatus.PENDING,
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("booked"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    decided_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("stand booking")
        verbose_name_plural = _("stand bookings")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["stand"],
                condition=Q(status__in=ACTIVE_STAND_BOOKING),
                name="stand_one_active_booking",
            ),
            models.CheckConstraint(
                condition=Q(tables__gte=1) & Q(tables__lte=4), name="stand_booking_tables_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stand} – {self.company}"

    def clean(self) -> None:
        """The stand, the company and the booking belong to one fair (the admin shows this)."""
        errors = {}
        if self.fair_id and self.stand_id and self.stand.fair_id != self.fair_id:
            errors["stand"] = _("This stand belongs to another fair.")
        if self.fair_id and self.company_id and self.company.fair_id != self.fair_id:
            errors["company"] = _("This company belongs to another fair.")
        if errors:
            raise ValidationError(errors)


class StandAllowance(models.Model):
    """How many stands a company may hold at its fair; without a row it is one."""

    company = models.OneToOneField(
        Company,
        on_delete=models.CASCADE,
        related_name="stand_allowance",
        verbose_name=_("company"),
    )
    stands = models.PositiveSmallIntegerField(_("stands allowed"), default=1)
    granted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)

    class Meta:
        verbose_name = _("stand allowance")
        verbose_name_plural = _("stand allowances")
        constraints = [
            models.CheckConstraint(
                condition=Q(stands__gte=1) & Q(stands__lte=20), name="stand_allowance_1_to_20"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company}: {self.stands}"


class StandWaitlistEntry(models.Model):
    """A company waiting for a stand in a zone; the first in line is offered a freed stand."""

    fair = models.ForeignKey(
        Fair, on_delete=models.CASCADE, related_name="stand_waitlist", verbose_name=_("fair")
    )
    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        related_name="stand_waitlist_entries",
        verbose_name=_("company"),
    )
    zone = models.CharField(_("zone"), max_length=40)
    created_at = models.DateTimeField(_("joined"), default=timezone.now)
    offered_stand = models.ForeignKey(
        Stand,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("offered stand"),
    )
    offered_at = models.DateTimeField(_("offered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("waiting list entry")
        verbose_name_plural = _("waiting list")
        ordering = ["fair", "zone", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["fair", "zone", "company"], name="stand_waitlist_once_per_zone"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.zone}: {self.company}"
