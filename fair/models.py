"""The core domain: fairs, programmes, schools, companies, students and the people using it."""

import hashlib
import secrets

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from fair.enums import MainArea, PlacementStatus, ReferredBy, Role
from fair.validators import validate_cvr, validate_phone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", Role.ORGANIZER)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who logs in: identified by e-mail; students and companies use magic links."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail"), unique=True)
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STUDENT)
    language = models.CharField(
        _("language"), max_length=5, choices=[("da", "Dansk"), ("en", "English")], default="da"
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email

    @property
    def logs_in_with_password(self) -> bool:
        return self.role in (Role.ORGANIZER, Role.DOOR, Role.PARTNER) or self.is_staff


class ApiToken(models.Model):
    """A bearer token for the API; only its SHA-256 hash is stored."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("prefix"), max_length=8, editable=False)
    key_hash = models.CharField(_("key (hashed)"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user.email})"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "pm_" + secrets.token_urlsafe(32)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Programme(models.Model):
    """A Danish vocational education programme (erhvervsuddannelse), i.e. a trade."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name_da = models.CharField(_("Danish name"), max_length=150)
    name_en = models.CharField(_("English name"), max_length=150)
    main_area = models.CharField(_("main area"), max_length=10, choices=MainArea.choices)
    active = models.BooleanField(_("offered"), default=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name_da"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "da").startswith("en") else self.name_da


class School(models.Model):
    """A vocational school or campus; organizers edit these (schools merge and rename)."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    programmes = models.ManyToManyField(
        Programme, blank=True, related_name="schools", verbose_name=_("programmes")
    )

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name


class Municipality(models.Model):
    code = models.CharField(_("municipality code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    postcodes = models.CharField(_("postcodes"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


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
            "Lets door staff try check-in, stand scans and outcomes before the fair's day "
            "(for training and demos). Turning it off removes the rehearsal's check-ins and "
            "scans."
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


class EmailLog(models.Model):
    """One e-mail to one person, kept for organizers; the row is the idempotency key.

    Delivery sends only a row still `queued`, under `select_for_update`, and marks it `sent` in
    the same transaction, so a retried task never sends it twice.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENT = "sent", _("Delivered")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="email_logs",
        verbose_name=_("recipient"),
    )
    fair = models.ForeignKey(
        Fair,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="email_logs",
        verbose_name=_("fair"),
    )
    to = models.CharField(_("to"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30)
    subject = models.CharField(_("subject"), max_length=250)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    # Extra MIME parts: [{"filename", "mimetype", "content", "inline", "base64"}].
    parts = models.JSONField(_("attachments"), default=list, blank=True)
    dedupe_key = models.CharField(
        _("sending key"), max_length=200, null=True, blank=True, unique=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mail log")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="emaillog_status_created")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="emaillog_sent_has_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


# Persistent organisations live in their own module; imported here so `fair.models` has them.
from fair.organisations import Organisation, OrganisationApproval  # noqa: E402

__all__ = [
    "ApiToken",
    "Company",
    "CompanyProgramme",
    "EmailLog",
    "Fair",
    "Municipality",
    "Organisation",
    "OrganisationApproval",
    "Programme",
    "School",
    "Student",
    "User",
    "UserManager",
]
