"""Wishes, interest, availability, slots, schedule runs and interviews."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from booking.enums import ACTIVE_INTERVIEW, EndedBy, InterviewSource, InterviewStatus, Outcome
from fair.models import Company, Fair, Student, User


class Availability(models.Model):
    """When a student or a company can interview (a class arrives at 11; a company leaves)."""

    fair = models.ForeignKey(
        Fair, on_delete=models.CASCADE, related_name="availabilities", verbose_name=_("fair")
    )
    student = models.OneToOneField(
        Student,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="availability",
        verbose_name=_("student"),
    )
    company = models.OneToOneField(
        Company,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="availability",
        verbose_name=_("company"),
    )
    available_from = models.TimeField(_("available from"))
    available_until = models.TimeField(_("available until"))

    class Meta:
        verbose_name = _("availability")
        verbose_name_plural = _("availabilities")
        constraints = [
            models.CheckConstraint(
                condition=(Q(student__isnull=False) & Q(company__isnull=True))
                | (Q(student__isnull=True) & Q(company__isnull=False)),
                name="availability_student_xor_company",
            ),
            models.CheckConstraint(
                condition=Q(available_from__lt=F("available_until")),
                name="availability_from_before_until",
            ),
        ]

    def __str__(self) -> str:
        who = self.student or self.company
        return f"{who}: {self.available_from:%H:%M}–{self.available_until:%H:%M}"


class Wish(models.Model):
    """A student's ranked wish to meet a company (rank 1 is the strongest)."""

    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="wishes", verbose_name=_("student")
    )
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="wishes", verbose_name=_("company")
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created"))

    class Meta:
        verbose_name = _("wish")
        verbose_name_plural = _("wishes")
        ordering = ["student", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["student", "company"], name="wish_unique_pair"),
            models.CheckConstraint(condition=Q(rank__gte=1), name="wish_rank_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.student} → {self.company} ({self.rank})"


class Interest(models.Model):
    """A company's flag that it wants to meet a student who wished it."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="interests", verbose_name=_("company")
    )
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="interests", verbose_name=_("student")
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created"))

    class Meta:
        verbose_name = _("company interest")
        verbose_name_plural = _("company interests")
        constraints = [
            models.UniqueConstraint(fields=["company", "student"], name="interest_unique_pair")
        ]

    def __str__(self) -> str:
        return f"{self.company} → {self.student}"


class Slot(models.Model):
    """One interview period of a fair."""

    fair = models.ForeignKey(
        Fair, on_delete=models.CASCADE, related_name="slots", verbose_name=_("fair")
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["fair", "start"]
        constraints = [
            models.UniqueConstraint(fields=["fair", "start"], name="slot_unique_start"),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="slot_start_before_end"),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.start)
        return f"{local:%d.%m.%Y %H:%M}–{timezone.localtime(self.end):%H:%M}"


class ScheduleRun(models.Model):
    """One run of the scheduler: a draft until published (then it is a released version)."""

    fair = models.ForeignKey(
        Fair, on_delete=models.CASCADE, related_name="schedule_runs", verbose_name=_("fair")
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created"))
    created_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    score = models.FloatField(default=0, verbose_name=_("score"))
    bound = models.FloatField(default=0, verbose_name=_("upper bound"))
    stats = models.JSONField(default=dict, blank=True, verbose_name=_("statistics"))
    published_at = models.DateTimeField(null=True, blank=True, verbose_name=_("published"))

    class Meta:
        verbose_name = _("scheduler run")
        verbose_name_plural = _("scheduler runs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.fair} {timezone.localtime(self.created_at):%d.%m.%Y %H:%M}"


class ProposedInterview(models.Model):
    """A meeting in a draft schedule run, before it is published."""

    run = models.ForeignKey(ScheduleRun, on_delete=models.CASCADE, related_name="proposals")
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="+")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+")
    table = models.PositiveSmallIntegerField()
    weight = models.FloatField(default=0)

    def __str__(self) -> str:
        return f"{self.slot}: {self.student} – {self.company} ({self.table})"


class Interview(models.Model):
    """A student meets a company at a slot and table. The database forbids double booking."""

    fair = models.ForeignKey(
        Fair, on_delete=models.CASCADE, related_name="interviews", verbose_name=_("fair")
    )
    slot = models.ForeignKey(
        Slot, on_delete=models.RESTRICT, related_name="interviews", verbose_name=_("slot")
    )
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="interviews", verbose_name=_("student")
    )
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="interviews", verbose_name=_("company")
    )
    table = models.PositiveSmallIntegerField(_("table"))
    source = models.CharField(
        _("source"), max_length=20, choices=InterviewSource.choices, default=InterviewSource.SELF
    )
    status = models.CharField(
        _("status"), max_length=20, choices=InterviewStatus.choices, default=InterviewStatus.BOOKED
    )
    ended_by = models.CharField(
        _("ended by"), max_length=20, choices=EndedBy.choices, default=EndedBy.NOBODY, blank=True
    )
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.NONE
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("changed"))

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["slot__start", "table"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "student"],
                condition=Q(status__in=ACTIVE_INTERVIEW),
                name="interview_student_once_per_slot",
            ),
            models.UniqueConstraint(
                fields=["student", "company"],
                condition=Q(status__in=ACTIVE_INTERVIEW),
                name="interview_pair_once",
            ),
            models.UniqueConstraint(
                fields=["slot", "company", "table"],
                condition=Q(status__in=ACTIVE_INTERVIEW),
                name="interview_table_once_per_slot",
            ),
            models.CheckConstraint(condition=Q(table__gte=1), name="interview_table_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.slot}: {self.student} – {self.company} ({self.table})"


class FairSchedulingSettings(models.Model):
    """How a fair weighs wishes and spreads interviews (documented in docs/scheduling.md).

    The weight of a wish is `rank_weights[rank - 1]` (the last entry for lower ranks) plus
    `mutual_bonus` when the company flagged the student too; `coverage_bonus[i]` is added for a
    student's (i + 1)th interview. With `fairness` (the default) the adapter raises that bonus
    so far that fewer interviews always come first (docs/scheduler.md, "Fairness first"). Breaks are
    left out when slots are generated.
    """

    fair = models.OneToOneField(
        Fair, on_delete=models.CASCADE, related_name="scheduling", verbose_name=_("fair")
    )
    rank_weights = models.CharField(
        _("weight per rank"),
        max_length=100,
        default="10,8,6,5,4",
        help_text=_("Comma-separated, rank 1 first, e.g. 10,8,6,5,4."),
    )
    mutual_bonus = models.PositiveSmallIntegerField(
        _("bonus for mutual interest"),
        default=5,
        help_text=_("Added to a wish when the company also wants to meet the student."),
    )
    coverage_bonus = models.CharField(
        _("coverage bonus"),
        max_length=100,
        default="10,4",
        blank=True,
        help_text=_(
            "Extra value of a student's 1st, 2nd, … interview, comma-separated and not "
            "increasing, e.g. 10,4."
        ),
    )
    fairness = models.BooleanField(
        _("fairness first"),
        default=True,
        help_text=_(
            "A student gets another interview only if no student with at least two fewer "
            "could have had it instead."
        ),
    )
    breaks = models.CharField(
        _("breaks"),
        max_length=200,
        blank=True,
        help_text=_("Times without interviews, e.g. 12:00-12:30 (several separated by commas)."),
    )

    class Meta:
        verbose_name = _("scheduling settings")
        verbose_name_plural = _("scheduling settings")

    def __str__(self) -> str:
        return str(self.fair)
