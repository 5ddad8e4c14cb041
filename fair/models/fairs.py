"""The core domain: fairs, programmes, schools, companies, students and the people using it."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fair.enums import PlacementStatus, ReferredBy
from fair.models.accounts import User
from fair.models.reference import Municipality, Programme, School
from fair.validators import validate_cvr, validate_phone


class Fair(models.Model):
    """One edition of the fair; everything else hangs off a fair."""

    slug = models.SlugField(_("short name (in addresses)"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=150)
    date = models.DateField(_("date"))
    venue_name = models.CharField(_("venue"), max_length=150)
    venue_address = models.CharField(_("address"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.TimeField(_("doors open"))
    closes_at = models.TimeField(_("doors close"))
    interviews_start = models.TimeField(_("interviews start"))
    interviews_end = models.TimeField(_("interviews end"))
    slot_minutes = models.PositiveSmallIntegerField(_("interview length (minutes)"), default=12)
    buffer_minutes = models.PositiveSmallIntegerField(_("break between interviews"), default=3)
    max_interviews_per_student = models.PositiveSmallIntegerField(
        _("max interviews per student"), default=3
    )
    max_wishes = models.PositiveSmallIntegerField(_("max wishes per student"), default=5)
    company_registration_deadline = models.DateTimeField(_("company registration closes"))
    student_registration_deadline = models.DateTimeField(_("student registration closes"))
    stand_booking_deadline = models.DateTimeField(_("stand booking closes"))
    wish_deadline = models.DateTimeField(_("student wishes close"))
    schedule_publication_at = models.DateTimeField(_("schedule published by"))
    stand_booking_requires_approval = models.BooleanField(
        _("stand bookings wait for approval"), default=False
    )
    is_public = models.BooleanField(_("shown publicly"), default=True)
    door_rehearsal = models.BooleanField(
        _("door rehearsal before the fair's day"),
        default=False,
        help_text=_(
            "Lets door staff try check-in (by badge or by name) before the fair's day, for "
            "training and demos. Turning it off removes the rehearsal's check-ins and scans."
        ),
    )

    class Meta:
        verbose_name = _("fair")
        verbose_name_plural = _("fairs")
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__lt=models.F("closes_at")), name="fair_opens_before_closes"
            ),
            models.CheckConstraint(
                condition=Q(interviews_start__lt=models.F("interviews_end"))
                & Q(interviews_start__gte=models.F("opens_at"))
                & Q(interviews_end__lte=models.F("closes_at")),
                name="fair_interviews_within_opening_hours",
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5) & Q(max_wishes__gte=1),
                name="fair_sane_interview_settings",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Company(models.Model):
    """A company taking part in a fair, identified by its CVR number within that fair."""

    fair = models.ForeignKey(
        Fair, on_delete=models.CASCADE, related_name="companies", verbose_name=_("fair")
    )
    name = models.CharField(_("company name"), max_length=150)
    cvr = models.CharField(_("CVR number"), max_length=8, validators=[validate_cvr])
    address = models.CharField(_("address"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=4)
    city = models.CharField(_("city"), max_length=100)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="companies",
        verbose_name=_("municipality"),
    )
    organisation = models.ForeignKey(
        "fair.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("about the company"), blank=True, max_length=2000)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    users = models.ManyToManyField(
        User, related_name="companies", blank=True, verbose_name=_("contact people")
    )
    programmes = models.ManyToManyField(
        Programme,
        through="CompanyProgramme",
        related_name="companies",
        verbose_name=_("programmes"),
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["fair", "cvr"], name="company_unique_cvr_per_fair")
        ]

    def __str__(self) -> str:
        return self.name


class CompanyProgramme(models.Model):
    """A programme a company trains in: approved or not, and placements it offers."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="offers", verbose_name=_("company")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="offers", verbose_name=_("programme")
    )
    approved = models.BooleanField(_("approved training company"), default=False)
    placements = models.PositiveSmallIntegerField(_("placements offered"), default=1)

    class Meta:
        verbose_name = _("programme offered")
        verbose_name_plural = _("programmes offered")
        ordering = ["programme__name_da"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "programme"], name="company_programme_unique"
            ),
            models.CheckConstraint(
                condition=Q(placements__lte=500), name="company_programme_sane_placements"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company}: {self.programme}"


class Student(models.Model):
    """A student at a fair. Never a CPR number: only what the fair needs."""

    fair = models.ForeignKey(
        Fair, on_delete=models.CASCADE, related_name="students", verbose_name=_("fair")
    )
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="students", verbose_name=_("user")
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    school = models.ForeignKey(
        School,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="students",
        verbose_name=_("school"),
    )
    school_class = models.CharField(_("class"), max_length=50, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="students",
        verbose_name=_("municipality where you live"),
    )
    programmes = models.ManyToManyField(
        Programme, related_name="students", verbose_name=_("programmes")
    )
    placement_status = models.CharField(
        _("placement status"),
        max_length=20,
        choices=PlacementStatus.choices,
        default=PlacementStatus.SEEKING,
    )
    referred_by = models.CharField(
        _("how you heard of the fair"),
        max_length=20,
        choices=ReferredBy.choices,
        default=ReferredBy.SCHOOL,
    )
    consent_profile = models.BooleanField(_("companies may see my profile"), default=False)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("student")
        verbose_name_plural = _("students")
        ordering = ["user__name"]
        constraints = [
            models.UniqueConstraint(fields=["fair", "user"], name="student_unique_per_fair")
        ]

    def __str__(self) -> str:
        return self.user.name

    @property
    def name(self) -> str:
        return self.user.name

    @property
    def email(self) -> str:
        return self.user.email
