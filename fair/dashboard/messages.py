"""Organizers' messages to a group of participants: who is in the group, preview, send."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from booking.enums import ACTIVE_INTERVIEW
from booking.models import Interview
from fair.emails import email_enqueue_on_commit, email_log_create
from fair.models import EmailLog, Fair, Programme, User

GROUPS = {
    "students": _("All students"),
    "programme": _("All students of a programme"),
    "companies": _("All companies"),
    "no_interviews": _("Everyone without interviews"),
}


def message_recipients(
    *, fair: Fair, group: str, programme: Programme | None = None
) -> QuerySet[User]:
    """The active users in the group, each once, by name (one query)."""
    students = Q(students__fair=fair)
    companies = Q(companies__fair=fair)
    if group == "students":
        condition = students
    elif group == "programme":
        if programme is None:
            raise ValueError("the programme group needs a programme")
        condition = students & Q(students__programmes=programme)
    elif group == "companies":
        condition = companies
    elif group == "no_interviews":
        active = Interview.objects.filter(fair=fair, status__in=ACTIVE_INTERVIEW)
        as_student = active.filter(student__user=OuterRef("pk"))
        as_company = active.filter(company__users=OuterRef("pk"))
        users = User.objects.filter(is_active=True).filter(students | companies)
        return (
            users.exclude(Exists(as_student))
            .exclude(Exists(as_company))
            .distinct()
            .order_by("name", "pk")
        )
    else:
        raise ValueError(f"unknown group {group!r}")
    return User.objects.filter(is_active=True).filter(condition).distinct().order_by("name", "pk")


def message_render(*, fair: Fair, user: User, subject: str, body: str) -> EmailLog:
    """The e-mail one person would get, unsaved (for the preview)."""
    return email_log_create(
        user=user,
        subject=subject,
        template="message_group",
        context={"fair": fair, "body": body},
        fair=fair,
        kind="message",
        save=False,
    )


@transaction.atomic
def message_send(
    *,
    fair: Fair,
    group: str,
    subject: str,
    body: str,
    nonce: str,
    programme: Programme | None = None,
) -> int:
    """Log one e-mail per person in the group and send them after commit; return how many.

    `nonce` comes from the preview form: sending the same form twice sends nothing new.
    """
    count = 0
    for user in message_recipients(fair=fair, group=group, programme=programme).iterator():
        log = email_log_create(
            user=user,
            subject=subject,
            template="message_group",
            context={"fair": fair, "body": body},
            fair=fair,
            kind="message",
            dedupe_key=f"message:{nonce}:{user.pk}",
        )
        if log is not None:
            email_enqueue_on_commit(log_id=log.pk)
            count += 1
    return count
