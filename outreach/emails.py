"""The invitation e-mail (and its reminder) to a prospect's contact, who has no account yet."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from fair.emails import email_enqueue_on_commit
from fair.models import EmailLog
from fair.site import site_url
from outreach.models import Invitation


def invitation_url(*, invitation: Invitation, base_url: str | None = None) -> str:
    """The personal link that opens the fair's company sign-up, filled in."""
    from outreach.services import invitation_token

    base = (base_url or site_url()).rstrip("/")
    token = invitation_token(invitation=invitation)
    return base + reverse("outreach:invitation-open", kwargs={"token": token})


def invitation_email_send(
    *, invitation: Invitation, base_url: str | None = None, reminder: bool
) -> EmailLog:
    """Log the invitation (or its reminder) and send it once the transaction commits."""
    fair = invitation.campaign.fair
    context = {
        "invitation": invitation,
        "fair": fair,
        "url": invitation_url(invitation=invitation, base_url=base_url),
        "reminder": reminder,
    }
    with translation.override("da"):
        subject = (
            _("Reminder: you are invited to %(fair)s")
            if reminder
            else _("You are invited to %(fair)s")
        ) % {"fair": fair.name}
        text = render_to_string("emails/outreach_invitation.txt", context)
        html = render_to_string("emails/outreach_invitation.html", context)
    kind = "outreach_reminder" if reminder else "outreach_invitation"
    log = EmailLog.objects.create(
        user=None,
        fair=fair,
        to=invitation.email,
        kind=kind,
        subject=subject[:250],
        body_text=text,
        body_html=html,
        dedupe_key=f"{kind}:{invitation.pk}",
    )
    email_enqueue_on_commit(log_id=log.pk)
    return log
