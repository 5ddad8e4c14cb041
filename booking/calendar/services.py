"""Calendar invites by e-mail (iTIP REQUEST/CANCEL) and personal subscription feeds.

Each person gets one e-mail per run (the issue asks for one Danish e-mail) with one invite
per changed interview: every interview stays its own iTIP object (RFC 5546 allows one UID per
REQUEST or CANCEL), so a later move or cancellation updates exactly that event in Outlook,
Google and Apple. A single combined PUBLISH file would be imported once and never updated; the
subscription feed covers "everything at once". See `_invite_email` for the e-mail's layout.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import partial

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from booking.calendar.ics import interview_location, interview_title, invite_build
from booking.calendar.selectors import fair_info, interview_event, interviews_for_invites
from booking.enums import InterviewStatus
from booking.models import CalendarFeed, Interview, InviteSent
from booking.models.calendar import feed_token_new
from fair.emails import Part, email_enqueue, email_log_create, emails_batch_enqueue
from fair.models import EmailLog, Fair, User
from fair.site import site_url

REASONS = ("published", "booked", "moved", "cancelled")


@dataclass(frozen=True)
class _Item:
    interview: Interview
    method: str  # "REQUEST" or "CANCEL"
    change: str  # "new", "changed" or "cancelled"


def interview_fingerprint(interview: Interview) -> str:
    """What an invite shows that can change: time, table, stand and whether it is cancelled."""
    cancelled = interview.status == InterviewStatus.CANCELLED
    text = "|".join(
        [
            interview.slot.start.isoformat(),
            interview.slot.end.isoformat(),
            str(interview.table),
            getattr(interview, "stand_code", None) or "",
            "cancelled" if cancelled else "booked",
        ]
    )
    return hashlib.sha256(text.encode()).hexdigest()


@transaction.atomic
def invites_send(
    *,
    interview_ids: list[int] | None = None,
    reason: str,
    fair: Fair | None = None,
    batch: str | None = None,
) -> list[EmailLog]:
    """E-mail an invite (or cancellation) to each person whose interviews changed since the
    last invite they got; return the logged e-mails, sent after commit.

    The e-mails (the outbox) are written in the caller's transaction, so they commit together
    with the change that causes them. `fair` looks at every interview of the fair instead of
    `interview_ids`. With `batch` (e.g. "publish:12") each e-mail gets the key "<batch>:<user>"
    and one task sends the batch after commit; without it each e-mail is enqueued on its own.
    A change that kept the SEQUENCE gets a higher one here, so calendars always accept the
    update. Locks: the interviews (level 4 of `booking.locks`, pk order); callers may hold the
    fair, company and booking rows (levels 1 to 3) first, never students or badges.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    interviews = list(interviews_for_invites(interview_ids=interview_ids, fair=fair))
    records = InviteSent.objects.filter(interview__fair=fair) if fair is not None else None
    if records is None:
        records = InviteSent.objects.filter(interview_id__in=[i.pk for i in interviews])
    sent = {(r.user_id, r.interview_id): r for r in records}
    per_user: dict[int, tuple[User, list[_Item]]] = {}
    fingerprints: dict[int, str] = {}
    for interview in interviews:
        recipients = {u.pk: u for u in [interview.student.user, *interview.company.users.all()]}
        fingerprint = fingerprints[interview.pk] = interview_fingerprint(interview)
        records = [sent.get((pk, interview.pk)) for pk in recipients]
        stale = [
            r.sequence
            for r in records
            if r and r.fingerprint != fingerprint and r.sequence >= interview.sequence
        ]
        if stale:
            interview.sequence = max(stale) + 1
            Interview.objects.filter(pk=interview.pk).update(sequence=interview.sequence)
        for user in recipients.values():
            item = _item_for(interview, sent.get((user.pk, interview.pk)), fingerprint)
            if item is not None and user.is_active:
                per_user.setdefault(user.pk, (user, []))[1].append(item)

    logs, rows, now = [], [], timezone.now()
    for user, items in per_user.values():
        key = f"{batch}:{user.pk}" if batch else None
        log = _invite_email(user=user, items=items, reason=reason, dedupe_key=key)
        logs.append(log)
        for item in items:
            rows.append(
                InviteSent(
                    user=user,
                    interview=item.interview,
                    sequence=item.interview.sequence,
                    fingerprint=fingerprints[item.interview.pk],
                    cancelled=item.method == "CANCEL",
                    email=log,
                    sent_at=now,
                )
            )
    InviteSent.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["user", "interview"],
        update_fields=["sequence", "fingerprint", "cancelled", "email", "sent_at"],
    )
    if batch and logs:
        transaction.on_commit(partial(emails_batch_enqueue, prefix=f"{batch}:"))
    else:
        for log in logs:
            transaction.on_commit(partial(email_enqueue, log_id=log.pk))
    return logs


def _item_for(interview: Interview, record: InviteSent | None, fingerprint: str) -> _Item | None:
    if interview.status == InterviewStatus.CANCELLED:
        # Nothing to take back from someone who never got the invite.
        if record is None or record.cancelled:
            return None
        return _Item(interview, "CANCEL", "cancelled")
    if record is not None and not record.cancelled:
        if record.fingerprint == fingerprint and record.sequence >= interview.sequence:
            return None
        return _Item(interview, "REQUEST", "changed")
    return _Item(interview, "REQUEST", "new")


def _subject(fair: Fair, items: list[_Item], reason: str) -> str:
    changes = {item.change for item in items}
    if changes == {"cancelled"}:
        text = _("Cancelled: interview at %(fair)s")
    elif changes == {"new"} and reason == "published":
        text = _("Your interview schedule for %(fair)s")
    elif changes == {"new"}:
        text = _("New interview at %(fair)s")
    else:
        text = _("Changes to your interviews at %(fair)s")
    return text % {"fair": fair.name}


def _invite_email(
    *, user: User, items: list[_Item], reason: str, dedupe_key: str | None = None
) -> EmailLog:
    """One e-mail with all of the person's changes, the earliest one as the invite card.

    Outlook and Gmail show an invite card only for a text/calendar part (with its `method`
    parameter) that is an alternative of the body, and only for one such part. So the first
    changed interview (by time) is that alternative, and every changed interview, the first
    too, is attached as its own .ics file (Apple Mail and others only offer attachments). With
    more than one, the text tells the person that each attachment adds, moves or cancels one
    interview. We chose this over one e-mail per interview: a company meeting 20 students
    would otherwise get 20 e-mails at once, and the overview of the changes would be split.
    """
    fair = items[0].interview.fair
    info = fair_info(fair)
    items = sorted(items, key=lambda i: (i.interview.slot.start, i.interview.pk))
    rows, parts = [], []
    with translation.override(user.language):
        for item in items:
            event = interview_event(item.interview, user=user)
            rows.append(
                {
                    "change": item.change,
                    # The e-mail's templates put "New"/"Changed"/"Cancelled" in front.
                    "summary": interview_title(event),
                    "location": interview_location(info, event),
                    "start": item.interview.slot.start,
                    "end": item.interview.slot.end,
                }
            )
            ics = invite_build(fair=info, event=event, method=item.method)
            mimetype = f"text/calendar; method={item.method}; charset=UTF-8"
            name = f"interview-{item.interview.pk}.ics"
            if not parts:
                # The inline alternative is what Outlook and Gmail render as an invite card.
                parts.append(Part(filename=name, mimetype=mimetype, content=ics, inline=True))
            parts.append(Part(filename=name, mimetype=mimetype, content=ics))
        subject = _subject(fair, items, reason)
        booked = [item for item in items if item.method == "REQUEST"]
        bring = interview_event(booked[0].interview, user=user).what_to_bring if booked else ""
    calendar_url = site_url() + reverse("booking:calendar-me")
    return email_log_create(
        user=user,
        subject=subject,
        template="interview_invites",
        context={
            "fair": fair,
            "items": rows,
            "what_to_bring": bring,
            "several": len(items) > 1,
            "calendar_url": calendar_url,
        },
        parts=parts,
        fair=fair,
        kind="invite",
        dedupe_key=dedupe_key,
    )


@transaction.atomic
def calendar_feed_ensure(*, user: User, fair: Fair) -> CalendarFeed:
    """The person's subscription for the fair, created on first use."""
    feed = CalendarFeed.objects.filter(user=user, fair=fair).first()
    if feed is not None:
        return feed
    try:
        with transaction.atomic():
            return CalendarFeed.objects.create(user=user, fair=fair)
    except IntegrityError:  # created by a parallel request
        return CalendarFeed.objects.get(user=user, fair=fair)


@transaction.atomic
def calendar_feed_reset(*, user: User, fair: Fair) -> CalendarFeed:
    """Give the person a new secret subscription URL; the old one stops working at once."""
    feed = calendar_feed_ensure(user=user, fair=fair)
    feed.token = feed_token_new()
    feed.created_at = timezone.now()
    feed.save(update_fields=["token", "created_at"])
    return feed


def calendar_feed_touch(*, feed: CalendarFeed) -> None:
    """Note that a calendar client read the feed (at most once an hour, to spare writes)."""
    now = timezone.now()
    if feed.last_read_at is None or (now - feed.last_read_at).total_seconds() > 3600:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_read_at=now)
