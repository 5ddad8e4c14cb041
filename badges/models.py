"""Badges, the fair's signing key, door devices, check-ins, scans and stand conversations."""

import hashlib
import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from badges.enums import BadgeEventKind, BadgeRole, ScanResult
from booking.enums import Outcome
from fair.models import Company, Fair, Student, User


class FairKey(models.Model):
    """The fair's Ed25519 key pair; the private key never leaves the server."""

    fair = models.OneToOneField(Fair, on_delete=models.CASCADE, related_name="badge_key")
    private_key = models.TextField(editable=False)  # PKCS#8 PEM
    public_key = models.CharField(max_length=64, editable=False)  # base64 of 32 raw bytes
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("badge signing key")
        verbose_name_plural = _("badge signing keys")

    def __str__(self) -> str:
        return f"{self.fair}: {self.public_key[:12]}…"


class Badge(models.Model):
    """A person's badge at a fair. Re-issuing makes a new version and revokes the old one."""

    fair = models.ForeignKey(
        Fair, on_delete=models.CASCADE, related_name="badges", verbose_name=_("fair")
    )
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="badges", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=20, choices=BadgeRole.choices)
    student = models.ForeignKey(
        Student,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="badges",
        verbose_name=_("student"),
    )
    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="badges",
        verbose_name=_("company"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    token = models.CharField(_("token"), max_length=128, unique=True, editable=False)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        ordering = ["fair", "user", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["fair", "user", "version"], name="badge_unique_version"
            ),
            models.UniqueConstraint(
                fields=["fair", "user"],
                condition=Q(revoked_at__isnull=True),
                name="badge_one_valid_per_person",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="badge_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.user.name} ({self.fair.slug} v{self.version})"


class BadgeEvent(models.Model):
    """The log of issues, re-issues and reprints: who did it and why."""

    badge = models.ForeignKey(
        Badge, on_delete=models.CASCADE, related_name="events", verbose_name=_("badge")
    )
    kind = models.CharField(_("what"), max_length=20, choices=BadgeEventKind.choices)
    by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("badge event")
        verbose_name_plural = _("badge events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.badge}: {self.kind}"


class DoorDevice(models.Model):
    """A scanning device (phone, tablet) at the door; only a hash of its token is kept."""

    fair = models.ForeignKey(
        Fair, on_delete=models.CASCADE, related_name="door_devices", verbose_name=_("fair")
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=8, editable=False)
    key_hash = models.CharField(
        max_length=64, unique=True, editable=False, verbose_name=_("key (hashed)")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("door device")
        verbose_name_plural = _("door devices")
        ordering = ["fair", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.fair.slug})"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "pmd_" + secrets.token_urlsafe(32)


class DoorAssignment(models.Model):
    """A door-staff user may work the door (scan, roster, badge prints) of this fair only."""

    fair = models.ForeignKey(
        Fair, on_delete=models.CASCADE, related_name="door_assignments", verbose_name=_("fair")
    )
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="door_assignments", verbose_name=_("person")
    )
    assigned_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("door assignment")
        verbose_name_plural = _("door assignments")
        ordering = ["fair", "user"]
        constraints = [
            models.UniqueConstraint(fields=["fair", "user"], name="door_assignment_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.fair.slug}"


class ErasedBadge(models.Model):
    """A badge of a person who was erased: the row is gone, but its signed token still
    verifies, so door devices keep (person id, version) on their offline revocation list.
    Only numbers are kept, nothing that names the person."""

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="erased_badges")
    person_id = models.PositiveIntegerField()
    version = models.PositiveIntegerField()
    erased_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("badge of an erased person")
        verbose_name_plural = _("badges of erased persons")
        constraints = [
            models.UniqueConstraint(
                fields=["fair", "person_id", "version"], name="erased_badge_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.fair.slug}: {self.person_id} v{self.version}"


class CheckIn(models.Model):
    """A person is in: one row per person per fair, so a second scan can never count twice."""

    fair = models.ForeignKey(
        Fair, on_delete=models.CASCADE, related_name="checkins", verbose_name=_("fair")
    )
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="checkins", verbose_name=_("person")
    )
    badge = models.ForeignKey(
        Badge, on_delete=models.CASCADE, related_name="checkins", verbose_name=_("badge")
    )
    role = models.CharField(_("role"), max_length=20, choices=BadgeRole.choices)
    device = models.ForeignKey(
        DoorDevice,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("device"),
    )
    by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    checked_in_at = models.DateTimeField(_("checked in"), default=timezone.now)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["fair", "checked_in_at"]
        constraints = [
            models.UniqueConstraint(fields=["fair", "user"], name="checkin_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.checked_in_at:%H:%M:%S}"


class Scan(models.Model):
    """Every scan at a door, whatever its result. A client nonce makes a retry count once."""

    fair = models.ForeignKey(
        Fair, on_delete=models.CASCADE, related_name="scans", verbose_name=_("fair")
    )
    device = models.ForeignKey(
        DoorDevice,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="scans",
        verbose_name=_("device"),
    )
    by = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="door_scans",
        verbose_name=_("by"),
    )
    badge = models.ForeignKey(
        Badge,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scans",
        verbose_name=_("badge"),
    )
    result = models.CharField(_("result"), max_length=20, choices=ScanResult.choices)
    # NULL, not "", when absent: NULLs never collide in the unique constraints below.
    nonce = models.CharField(max_length=64, null=True, blank=True, verbose_name=_("client nonce"))  # noqa: DJ001
    scanned_at = models.DateTimeField(default=timezone.now, verbose_name=_("scanned"))
    received_at = models.DateTimeField(default=timezone.now, verbose_name=_("received"))

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        ordering = ["-received_at"]
        constraints = [
            # NULL nonces (no retry protection asked for) never collide.
            models.UniqueConstraint(fields=["device", "nonce"], name="scan_nonce_once_per_device"),
            models.UniqueConstraint(fields=["by", "nonce"], name="scan_nonce_once_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.result} @ {self.received_at:%H:%M:%S}"


class StandConversation(models.Model):
    """A walk-up conversation at a company's stand, started by scanning a student's badge."""

    fair = models.ForeignKey(
        Fair, on_delete=models.CASCADE, related_name="stand_conversations", verbose_name=_("fair")
    )
    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        related_name="stand_conversations",
        verbose_name=_("company"),
    )
    student = models.ForeignKey(
        Student,
        on_delete=models.CASCADE,
        related_name="stand_conversations",
        verbose_name=_("student"),
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.NONE
    )
    by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("changed"))

    class Meta:
        verbose_name = _("stand conversation")
        verbose_name_plural = _("stand conversations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "student"], name="stand_conversation_once_per_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.company} – {self.student}"
