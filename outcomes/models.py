"""Outcomes of the fair's meetings: an append-only history, never overwritten.

A meeting is a student and a company of one fair (at most one active interview and one stand
conversation exist per pair); its current outcome is its latest row (by `recorded_at`, `pk`).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outcomes.enums import OutcomeKind, OutcomeSource, ReporterRole


class Outcome(models.Model):
    """One report of what came of a meeting: nothing, trial days or a training agreement."""

    fair = models.ForeignKey(
        "fair.Fair", on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("fair")
    )
    student = models.ForeignKey(
        "fair.Student",
        on_delete=models.CASCADE,
        related_name="outcomes",
        verbose_name=_("student"),
    )
    company = models.ForeignKey(
        "fair.Company",
        on_delete=models.CASCADE,
        related_name="outcomes",
        verbose_name=_("company"),
    )
    interview = models.ForeignKey(
        "booking.Interview",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outcome_reports",
        verbose_name=_("interview"),
    )
    conversation = models.ForeignKey(
        "badges.StandConversation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outcome_reports",
        verbose_name=_("stand conversation"),
    )
    kind = models.CharField(_("outcome"), max_length=20, choices=OutcomeKind.choices)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    reporter_role = models.CharField(_("reported as"), max_length=20, choices=ReporterRole.choices)
    source = models.CharField(_("source"), max_length=20, choices=OutcomeSource.choices)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)
    note = models.TextField(_("note"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["-recorded_at", "-pk"]
        indexes = [
            models.Index(fields=["student", "company", "recorded_at"], name="outcome_meeting"),
            models.Index(fields=["fair", "recorded_at"], name="outcome_fair"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OutcomeKind.values), name="outcome_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(start_date__lte=F("end_date")),
                name="outcome_starts_before_it_ends",
            ),
            models.CheckConstraint(
                condition=~Q(kind=OutcomeKind.NOTHING)
                | (Q(start_date__isnull=True) & Q(end_date__isnull=True)),
                name="outcome_nothing_has_no_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} – {self.company}: {self.get_kind_display()}"
