"""Calendar feeds (a secret subscription URL per person and fair) and what invites said."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from booking.models.interviews import Interview
from fair.models import EmailLog, Fair, User


def feed_token_new() -> str:
    """A fresh unguessable token for a subscription URL (256 bits)."""
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's private calendar subscription for one fair; resetting replaces the token."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="calendar_feeds")
    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="calendar_feeds")
    # Shown again on the person's page, so kept as is: it only opens a read-only calendar.
    token = models.CharField(max_length=64, unique=True, default=feed_token_new)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_read_at = models.DateTimeField(_("last read"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["user", "fair"], name="calendar_feed_one_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user.email} – {self.fair}"


class InviteSent(models.Model):
    """What a person was last sent about one interview (REQUEST or CANCEL, at which SEQUENCE).

    A re-publish compares each interview with this and e-mails only those whose interviews
    changed.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="invites")
    sequence = models.PositiveIntegerField()
    # The time, table, stand and status the invite showed (see services.calendar).
    fingerprint = models.CharField(max_length=64)
    cancelled = models.BooleanField(default=False)
    email = models.ForeignKey(
        EmailLog, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar invite sent")
        verbose_name_plural = _("calendar invites sent")
        constraints = [
            models.UniqueConstraint(fields=["user", "interview"], name="invite_sent_once_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} – {self.interview_id} ({self.sequence})"
