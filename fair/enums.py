"""Choices of the core domain (a leaf module: no project imports)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ORGANIZER = "organizer", _("Organizer")
    COMPANY = "company", _("Company user")
    STUDENT = "student", _("Student")
    DOOR = "door", _("Door staff")
    PARTNER = "partner", _("Partner staff")


class MainArea(models.TextChoices):
    FOOD = "food", _("Food, agriculture and hospitality")
    OFFICE = "office", _("Office, retail and business services")
    CARE = "care", _("Care, health and education")
    TECH = "tech", _("Technology, construction and transport")


class PlacementStatus(models.TextChoices):
    SEEKING = "seeking", _("Seeking a training placement")
    SCHOOL_TRAINING = "school_training", _("In school-based training (skoleoplæring)")
    HAS_PLACEMENT = "has_placement", _("Has a training placement")


class ReferredBy(models.TextChoices):
    SCHOOL = "school", _("My school")
    YOUTH_GUIDANCE = "youth_guidance", _("Municipal youth guidance")
    JOBCENTER = "jobcenter", _("Jobcenter")
    OTHER = "other", _("Other")


class ApprovalStatus(models.TextChoices):
    APPROVED = "approved", _("Approved training company")
    APPLIED = "applied", _("Has applied for approval")
    NOT_APPROVED = "not_approved", _("Not approved")
