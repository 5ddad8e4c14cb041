"""E-mails of the core domain, rendered in the recipient's language (plain text and HTML)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from fair.models import User


def email_send(*, user: User, subject: str, template: str, context: dict) -> None:
    """Send one templated e-mail (templates/emails/<template>.txt and .html)."""
    with translation.override(user.language):
        context = {"user": user, **context}
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
        message = EmailMultiAlternatives(
            subject=str(subject), body=text, to=[f"{user.name} <{user.email}>"]
        )
        message.attach_alternative(html, "text/html")
        message.send()


def login_link_email_send(*, user: User, token: str, base_url: str | None = None) -> None:
    """E-mail a one-time log-in link."""
    base = (base_url or settings.FAIR_BASE_URL).rstrip("/")
    url = base + reverse("fair:login-link", kwargs={"token": token})
    minutes = settings.FAIR_MAGIC_LINK_MAX_AGE // 60
    with translation.override(user.language):
        subject = _("Your log-in link for Praktikmesse")
    email_send(
        user=user, subject=subject, template="login_link", context={"url": url, "minutes": minutes}
    )
