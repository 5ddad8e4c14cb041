"""Choices of outcomes (a leaf module: no project imports)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutcomeKind(models.TextChoices):
    NOTHING = "nothing", _("Nothing came of it")
    TRIAL_DAYS = "trial_days", _("Trial days (snuse- or praktikdage)")
    TRAINING_AGREEMENT = "training_agreement", _("Training agreement (uddannelsesaftale)")


# Kinds that need a start date when a person reports them (the stand's quick mark has none).
DATED_KINDS = (OutcomeKind.TRIAL_DAYS, OutcomeKind.TRAINING_AGREEMENT)


class ReporterRole(models.TextChoices):
    STUDENT = "student", _("Student")
    COMPANY = "company", _("Company")
    ORGANIZER = "organizer", _("Organizer")
    PARTNER = "partner", _("Partner staff")


class OutcomeSource(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Follow-up e-mail")
    STAND = "stand", _("Marked at the stand")
    PAGE = "page", _("Outcomes page")
    API = "api", _("API")
    DEMO = "demo", _("Demo data")
