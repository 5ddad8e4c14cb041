"""Choices of badges and scanning (a leaf module: no project imports)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BadgeRole(models.TextChoices):
    """The role printed on the badge (the words match the PDF's role band)."""

    STUDENT = "student", _("Student")
    COMPANY = "company", _("Company")
    ORGANIZER = "organizer", _("Organizer")
    VOLUNTEER = "volunteer", _("Volunteer")


class BadgeEventKind(models.TextChoices):
    ISSUE = "issue", _("Issued")
    REISSUE = "reissue", _("Re-issued")
    PRINT = "print", _("Printed")


class ScanResult(models.TextChoices):
    """The closed list of answers to a scan; scanner UIs branch on it."""

    OK = "ok", _("OK")
    DUPLICATE = "duplicate", _("Already in")
    INVALID = "invalid", _("Invalid")
    REVOKED = "revoked", _("Revoked")


# The role filter of print_badges: "staff" is organizers and volunteers (door staff).
PRINT_ROLES = {
    "student": (BadgeRole.STUDENT,),
    "company": (BadgeRole.COMPANY,),
    "staff": (BadgeRole.ORGANIZER, BadgeRole.VOLUNTEER),
}
