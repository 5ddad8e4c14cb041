"""Choices of the partners' mapping register (a leaf module: no project imports)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegisterStatus(models.TextChoices):
    SEEKING = "seeking", _("Seeking a training placement")
    SCHOOL_TRAINING = "school_training", _("In school-based training (skoleoplæring)")
    TRIAL_DAYS = "trial_days", _("On trial days with a company")
    TRAINING_AGREEMENT = "training_agreement", _("Has a training agreement")
    LEFT = "left", _("Left the register")


# The statuses of a person who still lacks a training placement (what the counts count).
LACKING = (RegisterStatus.SEEKING, RegisterStatus.TRIAL_DAYS, RegisterStatus.SCHOOL_TRAINING)


class Source(models.TextChoices):
    FORM = "form", _("Added by hand")
    CSV = "csv", _("CSV import")
    FAIR = "fair", _("Fair sign-up")
    MERGE = "merge", _("Merged")
