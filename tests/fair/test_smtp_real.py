"""Real SMTP: Django's SMTP backend talks to an aiosmtpd server on a free port, and what the
server received is read back with the email package. Names with , ; : @ [ ] \\ < > must reach
their owner (the log-in link, invites and group messages); refusals are recorded as failed."""

from __future__ import annotations

import email
import re
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache

from booking.notifications import interviews_notify
from fair.dashboard.messages import message_send
from fair.emails import email_send, emails_send_pending
from fair.models import EmailLog, User
from tests.booking.notification_helpers import world_make

HARD_NAMES = [
    "Hansen, Anna",
    'Ole "Bolle" Ørsted; Jr.',
    "Ib: Ærø @ [Vest] \\ <Syd>",
]


class Inbox:
    """The aiosmtpd handler: keeps every accepted message; refuses addresses at refused.dk."""

    def __init__(self):
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address.endswith("@refused.dk"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        parsed = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"

    def to(self) -> list[tuple[str, str, list[str]]]:
        """(display name, address, envelope recipients) of each message, as received."""
        found = []
        for rcpt, message in self.messages:
            [address] = message["To"].addresses
            found.append((address.display_name, address.addr_spec, rcpt))
        return sorted(found)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    yield inbox
    controller.stop()


@pytest.mark.django_db
def test_login_link_reaches_a_name_with_a_comma_over_smtp(client, smtp, committed):
    cache.clear()  # the log-in mail limits count in the cache
    User.objects.create_user(email="anna@example.dk", name="Hansen, Anna", role="student")

    with committed():
        client.post("/login/", {"email": "anna@example.dk"})

    assert smtp.to() == [("Hansen, Anna", "anna@example.dk", ["anna@example.dk"])]
    [(_rcpt, message)] = smtp.messages
    body = message.get_body(("plain",)).get_content()
    # The link uses the host the request came to (testserver), and it opens the log-in.
    [link] = re.findall(r"http://testserver/login/link/\S+", body)
    opened = client.get(link.removeprefix("http://testserver"), follow=True)
    assert opened.redirect_chain == [("/login/link/", 302)] and opened.status_code == 200
    log = EmailLog.objects.get()
    assert (log.status, log.error, log.to) == ("sent", "", '"Hansen, Anna" <anna@example.dk>')


@pytest.mark.django_db
def test_invites_and_a_group_message_reach_names_with_special_characters(
    smtp, django_capture_on_commit_callbacks
):
    w = world_make(students=3)
    for student, name in zip(w.students, HARD_NAMES, strict=True):
        User.objects.filter(pk=student.user_id).update(name=name)
    people = sorted(
        (name, s.user.email, [s.user.email]) for name, s in zip(HARD_NAMES, w.students, strict=True)
    )
    hr = ("HR Novo Nordisk", w.company_user.email, [w.company_user.email])

    with django_capture_on_commit_callbacks(execute=True):
        interviews_notify(interview_ids=[i.pk for i in w.interviews], reason="published")
    assert smtp.to() == sorted([*people, hr])
    smtp.messages.clear()

    with django_capture_on_commit_callbacks(execute=True):
        message_send(fair=w.fair, group="students", subject="Husk", body="Vi ses", nonce="n1")
    assert smtp.to() == people
    assert set(EmailLog.objects.values_list("status", "error")) == {("sent", "")}


@pytest.mark.django_db
def test_a_refused_or_unwritable_address_is_recorded_as_failed_with_the_error(smtp, committed):
    refused = User.objects.create_user(email="nobody@refused.dk", name="Hansen, Bo")
    broken = User.objects.create_user(email="two@at@example.dk", name="Ib")
    context = {"body": "x", "fair": None}
    for user in (refused, broken):
        with committed():
            email_send(user=user, subject="Hej", template="message_group", context=context)

    assert smtp.messages == []
    failed = dict(EmailLog.objects.values_list("user__email", "error"))
    assert set(EmailLog.objects.values_list("status", flat=True)) == {"failed"}
    assert failed["nobody@refused.dk"].startswith("SMTPRecipientsRefused:")
    assert "550" in failed["nobody@refused.dk"]
    assert failed["two@at@example.dk"].startswith("ValueError:")
    # Failed for good: the queue sweep does not send them again.
    assert emails_send_pending() == {}
