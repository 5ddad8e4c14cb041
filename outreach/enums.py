"""Choices of outreach (a leaf module: no project imports)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProspectStatus(models.TextChoices):
    CONTACTED = "contacted", _("Contacted")
    VISITED = "visited", _("Visited")
    INTERESTED = "interested", _("Interested")
    APPLYING = "applying", _("Applying for approval")
    APPROVED = "approved", _("Approved")
    INVITED = "invited", _("Invited")
    REGISTERED = "registered", _("Registered")
    BOOKED = "booked", _("Booked a stand")
    DECLINED = "declined", _("Declined")


class ActivityKind(models.TextChoices):
    CALL = "call", _("Call")
    VISIT = "visit", _("Visit")
    EMAIL = "email", _("E-mail")
