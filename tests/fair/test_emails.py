"""Background e-mail delivery against a real (tiny) SMTP server that refuses, then accepts.

Each e-mail is an EmailLog row; a task sends only a row not yet sent, under a row lock, so a
retry after a failure (or a duplicate task) never delivers the same e-mail twice.
"""

from __future__ import annotations

import email
import socketserver
import threading
from email import policy

import pytest
from django.core.management import call_command
from django.db import connection

from fair import emails
from fair.models import EmailLog, User
from fair.tasks import email_deliver

# The admin list: session, user, count, the page of rows and the filters, whatever the rows.
QUERIES = 9


class SMTPServer(socketserver.ThreadingTCPServer):
    """Speaks just enough SMTP. `refuse` is a list of replies to give to the next MAIL FROMs
    (e.g. "451 4.3.0 Try again later"); once it is empty, messages are accepted."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.refuse: list[str] = []
        self.always_refuse: str | None = None
        self.received: list[bytes] = []
        self.lock = threading.Lock()

    def next_reply(self) -> str:
        with self.lock:
            if self.always_refuse:
                return self.always_refuse
            return self.refuse.pop(0) if self.refuse else "250 2.1.0 Ok"


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        server: SMTPServer = self.server  # type: ignore[assignment]
        self.reply("220 test ESMTP")
        while line := self.rfile.readline():
            command = line.decode().strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.reply("250 test")
            elif command.startswith("MAIL FROM"):
                answer = server.next_reply()
                self.reply(answer)
                if answer.startswith("421"):
                    return
            elif command.startswith("RCPT TO"):
                self.reply("250 2.1.5 Ok")
            elif command == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data += chunk
                with server.lock:
                    server.received.append(data)
                self.reply("250 2.0.0 Ok: queued")
            elif command == "QUIT":
                self.reply("221 Bye")
                return
            else:  # RSET, NOOP
                self.reply("250 Ok")


@pytest.fixture
def smtp(settings):
    server = SMTPServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.server_address[1]
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.shutdown()
    server.server_close()


def person(address: str = "aase@example.dk") -> User:
    return User.objects.create_user(email=address, name="Åse Ølgaard", language="da")


def send_one(user: User) -> EmailLog:
    return emails.email_send(
        user=user,
        subject="Hej",
        template="login_link",
        context={"url": "https://example.dk/x", "minutes": 30},
        kind="test",
    )


def state(log: EmailLog) -> tuple:
    log.refresh_from_db()
    return (log.status, log.attempts, log.error.split(":")[0], log.sent_at is not None)


@pytest.mark.django_db
def test_delivery_retries_after_refusals_and_delivers_exactly_once(smtp, committed):
    smtp.refuse = ["451 4.3.0 Try again later", "421 4.7.0 Too busy, closing"]

    with committed():
        log = send_one(person())  # the immediate backend tries after commit: refused

    assert state(log) == ("queued", 1, "SMTPSenderRefused", False)
    assert email_deliver.enqueue(log.pk).return_value == "retry"  # 421: refused again
    assert state(log) == ("queued", 2, "SMTPSenderRefused", False)
    assert smtp.received == []

    assert email_deliver.enqueue(log.pk).return_value == "sent"  # the server accepts now
    assert state(log) == ("sent", 3, "", True)
    # A late duplicate of the task, or a retry of a sent row, does nothing.
    assert email_deliver.enqueue(log.pk).return_value == "already_sent"
    assert email_deliver.enqueue(log.pk).return_value == "already_sent"

    assert len(smtp.received) == 1
    message = email.message_from_bytes(smtp.received[0], policy=policy.default)
    assert (message["Subject"], message["To"], message["Message-ID"]) == (
        "Hej",
        "Åse Ølgaard <aase@example.dk>",
        f"<emaillog-{log.pk}@localhost>",
    )
    assert state(log) == ("sent", 3, "", True)


@pytest.mark.django_db
def test_permanent_refusal_fails_at_once_and_is_not_retried(smtp, committed):
    smtp.always_refuse = "554 5.7.1 Rejected"
    with committed():
        log = send_one(person())

    assert state(log) == ("failed", 1, "SMTPSenderRefused", False)
    assert email_deliver.enqueue(log.pk).return_value == "gave_up"
    assert (state(log), smtp.received) == (("failed", 1, "SMTPSenderRefused", False), [])


@pytest.mark.django_db
def test_no_server_counts_attempts_then_gives_up_and_send_again_delivers(smtp, settings, committed):
    settings.EMAIL_PORT = 1  # nothing listens there: connection refused
    with committed():
        log = send_one(person())
    for _ in range(emails.MAX_ATTEMPTS - 1):
        email_deliver.enqueue(log.pk)
    assert state(log) == ("failed", 5, "ConnectionRefusedError", False)

    settings.EMAIL_PORT = smtp.server_address[1]
    assert emails.emails_retry(log_ids=[log.pk]) == 1
    email_deliver.enqueue(log.pk)  # what the on-commit hook enqueues
    assert state(log) == ("sent", 1, "", True)
    assert len(smtp.received) == 1
    assert emails.emails_retry(log_ids=[log.pk]) == 0  # a sent e-mail is never queued again


@pytest.mark.django_db(transaction=True)
def test_database_worker_retries_until_the_server_accepts(smtp, settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(emails, "RETRY_DELAYS", (emails.timedelta(0),))
    smtp.refuse = ["451 4.3.0 Try again later"] * 2
    log = send_one(person())
    assert state(log) == ("queued", 0, "", False)  # only enqueued: the request returns at once

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    assert state(log) == ("sent", 3, "", True)
    assert len(smtp.received) == 1
    from django_tasks_db.models import DBTaskResult

    outcomes = sorted(r.return_value for r in DBTaskResult.objects.all())
    assert outcomes == ["retry", "retry", "sent"]


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_workers_delivering_the_same_row_send_it_once(smtp):
    log = emails.email_log_create(
        user=person(), subject="Hej", template="login_link", context={"url": "u", "minutes": 1}
    )
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def work():
        try:
            barrier.wait()
            outcomes.append(emails.email_log_deliver(log_id=log.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["already_sent"] * 3 + ["sent"]
    assert len(smtp.received) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_organizers_see_the_email_log(client, django_assert_num_queries, count):
    organizer = User.objects.create_superuser(email="org@example.dk", name="Org")
    client.force_login(organizer)
    user = person()
    for n in range(count):
        log = emails.email_log_create(
            user=user,
            subject=f"Emne {n}",
            template="login_link",
            context={"url": "u", "minutes": 1},
            kind="test",
        )
    EmailLog.objects.filter(pk=log.pk).update(status="failed", attempts=5, error="SMTPDataError")

    with django_assert_num_queries(QUERIES):
        page = client.get("/admin/fair/emaillog/").content.decode()

    assert page.count('<td class="field-to">Åse Ølgaard &lt;aase@example.dk&gt;</td>') == count
    assert f"Emne {count - 1}" in page
    assert page.count('<td class="field-status">Mislykkedes</td>') == 1
    assert page.count('<td class="field-status">Venter på at blive sendt</td>') == count - 1
