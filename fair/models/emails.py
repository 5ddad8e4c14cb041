"""The log of e-mails sent."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fair.models.accounts import User
from fair.models.fairs import Fair


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
