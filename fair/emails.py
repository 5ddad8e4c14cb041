"""E-mails, rendered in the recipient's language, logged (EmailLog) and sent in the background.

`email_send` renders and stores one row and enqueues its delivery; `email_log_deliver` sends a
stored row at most once (the row is the idempotency key), and tells the task whether to retry.
"""

from __future__ import annotations

import base64
import smtplib
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.mime.base import MIMEBase
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import SafeMIMEText, sanitize_address
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from fair.models import EmailLog, Fair, User
from fair.site import site_url

# E-mails whose body is a secret (a log-in link): never shown, and wiped once done with.
SECRET_KINDS = frozenset({"login_link"})
SECRET_REMOVED = "[removed: the e-mail held a log-in link]"
# Temporary failures (4xx, lost connection) are retried this many times in all.
MAX_ATTEMPTS = 5
# Waits before attempt 2, 3, ... (the last one repeats); only backends that can defer use them.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30))
# A queued e-mail untouched this long lost its task (a process killed between the commit and
# the hand-over, or during sending): `emails_send_pending` sends it (send_queued_email).
STUCK_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class Part:
    """An extra MIME part: `inline` parts are alternatives to the text (an iTIP invite)."""

    filename: str
    mimetype: str
    content: str | bytes
    inline: bool = False

    def as_json(self) -> dict:
        binary = isinstance(self.content, bytes) and not self.mimetype.startswith("text/")
        if binary:
            content = base64.b64encode(self.content).decode("ascii")
        elif isinstance(self.content, bytes):
            content = self.content.decode("utf-8")
        else:
            content = self.content
        return {
            "filename": self.filename,
            "mimetype": self.mimetype,
            "content": content,
            "inline": self.inline,
            "base64": binary,
        }


def email_send(
    *,
    user: User,
    subject: str,
    template: str,
    context: dict,
    parts: list[Part] = (),
    fair: Fair | None = None,
    kind: str | None = None,
    dedupe_key: str | None = None,
) -> EmailLog | None:
    """Render templates/emails/<template>.txt and .html, log the e-mail and enqueue it.

    With `dedupe_key`, a second call with the same key sends nothing and returns None.
    """
    log = email_log_create(
        user=user,
        subject=subject,
        template=template,
        context=context,
        parts=parts,
        fair=fair,
        kind=kind,
        dedupe_key=dedupe_key,
    )
    if log is not None:
        email_enqueue_on_commit(log_id=log.pk)
    return log


def email_log_create(
    *,
    user: User,
    subject: str,
    template: str,
    context: dict,
    parts: list[Part] = (),
    fair: Fair | None = None,
    kind: str | None = None,
    dedupe_key: str | None = None,
    save: bool = True,
) -> EmailLog | None:
    """Render and store one e-mail without sending it (None when `dedupe_key` was used).

    With `save=False` the row is only rendered (a preview).
    """
    if dedupe_key and EmailLog.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    with translation.override(user.language):
        context = {"user": user, "base_url": site_url(), **context}
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
        subject = str(subject)
    log = EmailLog(
        user=user,
        fair=fair,
        to=recipient_address(name=user.name, email=user.email),
        kind=kind or template,
        subject=subject[:250],
        body_text=text,
        body_html=html,
        parts=[part.as_json() for part in parts],
        dedupe_key=dedupe_key,
    )
    if save:
        log.save()
    return log


def recipient_address(*, name: str, email: str) -> str:
    """The To address, its display name quoted where it must be ("Hansen, Anna" <a@b.dk>).

    A name with , ; : @ [ ] \\ < > would otherwise split into several broken addresses; a
    name that cannot be written as a header at all is left out (the bare address is sent).
    """
    name = " ".join((name or "").split())  # no line breaks or tabs in a header
    if not name:
        return email
    try:
        text = str(Address(display_name=name, addr_spec=email))
        sanitize_address(text, "utf-8")  # what Django's SMTP backend will do with it
    except (ValueError, IndexError, TypeError, HeaderParseError):
        return email
    return text


def email_enqueue(*, log_id: int, delay: timedelta | None = None) -> None:
    """Hand one logged e-mail to the task backend (the database worker in production).

    With the database backend the task row commits together with the caller's transaction;
    with the immediate backend the e-mail is sent right here, synchronously.
    """
    from fair.tasks import email_deliver  # the task module imports this one

    task = email_deliver
    if delay is not None and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + delay)
    task.enqueue(log_id)


def email_enqueue_on_commit(*, log_id: int) -> None:
    """The one way an e-mail leaves: its row is in the outbox with the caller's transaction,
    and the worker gets it once that commits (a rollback sends nothing; a kill after the
    commit leaves it queued for `send_queued_email` and the worker's recovery)."""
    transaction.on_commit(partial(email_enqueue, log_id=log_id), robust=True)


def emails_batch_enqueue(*, prefix: str) -> None:
    """Hand the queued e-mails whose key starts with `prefix` to one task (after a commit)."""
    from fair.tasks import send_pending_email  # the task module imports this one

    send_pending_email.enqueue(prefix=prefix)


def emails_send_pending(
    *,
    prefix: str | None = None,
    older_than: timedelta | None = None,
    limit: int | None = None,
    now=None,
) -> dict[str, int]:
    """Send queued e-mails now; return how many ended how ("sent", "retry", "failed", ...).

    `prefix` picks one batch by its key (a publish's invites); `older_than` only takes those
    left untouched that long (stuck ones, whose task died). Each is sent under its row lock,
    skipping rows another worker is sending, so nothing goes out twice.
    """
    rows = EmailLog.objects.filter(status=EmailLog.Status.QUEUED)
    if prefix is not None:
        rows = rows.filter(dedupe_key__startswith=prefix)
    if older_than is not None:
        cutoff = (now or timezone.now()) - older_than
        rows = rows.filter(
            Q(last_attempt_at__lt=cutoff) | Q(last_attempt_at__isnull=True, created_at__lt=cutoff)
        )
    ids = list(rows.order_by("pk").values_list("pk", flat=True)[:limit])
    outcomes = Counter(email_log_deliver(log_id=pk, skip_locked=True) for pk in ids)
    return dict(outcomes)


def email_log_deliver(*, log_id: int, skip_locked: bool = False) -> str:
    """Send one logged e-mail unless it was sent already; return what happened.

    "sent", "already_sent", "gave_up" (failed before), "missing", "busy" (another worker is
    sending it; only with `skip_locked`), "retry" (a temporary failure, attempts left) or
    "failed" (a permanent failure, e.g. an address that cannot be written, or no attempts
    left; the error is kept on the row). The row is locked while sending, so two workers
    cannot both send it.
    """
    with transaction.atomic():
        rows = EmailLog.objects.select_for_update(skip_locked=skip_locked).filter(pk=log_id)
        log = rows.first()
        if log is None:
            if skip_locked and EmailLog.objects.filter(pk=log_id).exists():
                return "busy"
            return "missing"
        if log.status == EmailLog.Status.SENT:
            return "already_sent"
        if log.status == EmailLog.Status.FAILED:
            return "gave_up"
        now = timezone.now()
        log.attempts += 1
        log.last_attempt_at = now
        try:
            _message(log).send(fail_silently=False)
        except Exception as exc:  # recorded on the row: a failure is never silent
            permanent = _is_permanent(exc)
            log.error = f"{type(exc).__name__}: {exc}"[:2000]
            fields = ["attempts", "last_attempt_at", "error", "status"]
            if permanent or log.attempts >= MAX_ATTEMPTS:
                log.status = EmailLog.Status.FAILED
                fields += _scrub_secret(log)
            log.save(update_fields=fields)
            return "failed" if log.status == EmailLog.Status.FAILED else "retry"
        log.status = EmailLog.Status.SENT
        log.sent_at = now
        log.error = ""
        fields = ["attempts", "last_attempt_at", "error", "status", "sent_at", *_scrub_secret(log)]
        log.save(update_fields=fields)
        return "sent"


def _scrub_secret(log: EmailLog) -> list[str]:
    """Wipe the body of an e-mail that carried a secret; returns the fields changed."""
    if log.kind not in SECRET_KINDS:
        return []
    log.body_text, log.body_html, log.parts = SECRET_REMOVED, "", []
    return ["body_text", "body_html", "parts"]


def email_retry_delay(*, attempts: int) -> timedelta:
    """How long to wait before the next attempt after `attempts` failed ones."""
    return RETRY_DELAYS[min(max(attempts, 1), len(RETRY_DELAYS)) - 1]


@transaction.atomic
def emails_retry(*, log_ids: list[int]) -> int:
    """Put failed e-mails back in the queue (an organizer's "send again"); return how many."""
    logs = list(
        EmailLog.objects.select_for_update()
        .filter(pk__in=log_ids)
        .exclude(status=EmailLog.Status.SENT)
        .order_by("pk")
    )
    for log in logs:
        EmailLog.objects.filter(pk=log.pk).update(status=EmailLog.Status.QUEUED, attempts=0)
        email_enqueue_on_commit(log_id=log.pk)
    return len(logs)


def _is_permanent(exc: BaseException) -> bool:
    if isinstance(exc, ValueError | UnicodeError | HeaderParseError):
        return True  # the message cannot be written (e.g. an invalid address): no retry helps
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    return False


class _Message(EmailMultiAlternatives):
    """Accepts MIME types with parameters, e.g. `text/calendar; method=REQUEST; charset=UTF-8`."""

    def _create_mime_attachment(self, content, mimetype):
        base, *params = [p.strip() for p in mimetype.split(";")]
        if not params:
            return super()._create_mime_attachment(content, mimetype)
        maintype, subtype = base.split("/", 1)
        if maintype == "text":
            part = SafeMIMEText(content, subtype, "utf-8")
        else:
            part = MIMEBase(maintype, subtype)
            part.set_payload(content)
        # Exactly as given (e.g. "text/calendar; method=REQUEST; charset=UTF-8"): Outlook and
        # Gmail look for the method parameter on the alternative part.
        part.replace_header("Content-Type", "; ".join([base, *params]))
        return part


def _message(log: EmailLog) -> EmailMultiAlternatives:
    host = urlsplit(settings.FAIR_BASE_URL).hostname or "localhost"
    message = _Message(
        subject=log.subject,
        body=log.body_text,
        to=[log.to],
        # A stable Message-ID lets a receiving server drop a copy should one ever slip through.
        headers={"Message-ID": f"<emaillog-{log.pk}@{host}>"},
    )
    if log.body_html:
        message.attach_alternative(log.body_html, "text/html")
    for part in log.parts:
        content = base64.b64decode(part["content"]) if part["base64"] else part["content"]
        if part["inline"]:
            message.attach_alternative(content, part["mimetype"])
        else:
            message.attach(part["filename"], content, part["mimetype"])
    return message


def login_link_email_send(*, user: User, token: str, base_url: str | None = None) -> None:
    """E-mail a one-time log-in link."""
    base = (base_url or site_url()).rstrip("/")
    url = base + reverse("fair:login-link", kwargs={"token": token})
    minutes = settings.FAIR_MAGIC_LINK_MAX_AGE // 60
    with translation.override(user.language):
        subject = _("Your log-in link for Praktikmesse")
    email_send(
        user=user,
        subject=subject,
        template="login_link",
        context={"url": url, "minutes": minutes},
        kind="login_link",
    )
