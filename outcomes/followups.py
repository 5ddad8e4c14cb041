"""Follow-up e-mails after the fair: one per person and round, listing their meetings, each
with one-click links to say what came of it.

Rounds are weeks after the fair's date: `FAIR_FOLLOWUP_WEEKS` (default 2 and 8). Only the latest
round that is due is sent (a late first run does not send two e-mails at once), and each round
at most once per person: the EmailLog `dedupe_key` is `followup:<fair>:<weeks>:<user>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from fair.emails import email_enqueue_on_commit, email_log_create
from fair.models import EmailLog, Fair, User
from outcomes.enums import OutcomeKind
from outcomes.links import answer_url
from outcomes.selectors import followup_recipients, meetings_of_person


def followup_weeks() -> tuple[int, ...]:
    """The rounds, in weeks after the fair (FAIR_FOLLOWUP_WEEKS, default 2 and 8)."""
    return tuple(sorted(int(w) for w in getattr(settings, "FAIR_FOLLOWUP_WEEKS", (2, 8))))


def followup_round_due(*, fair: Fair, today: date | None = None) -> int | None:
    """The latest round (in weeks) whose day has come, or None before the first one."""
    today = today or timezone.localdate()
    due = [w for w in followup_weeks() if fair.date + timedelta(weeks=w) <= today]
    return due[-1] if due else None


def _key(fair: Fair, weeks: int, user: User) -> str:
    return f"followup:{fair.pk}:{weeks}:{user.pk}"


def _rows(*, fair: Fair, user: User) -> list[dict]:
    rows = []
    for meeting in meetings_of_person(fair=fair, user=user):
        is_student = meeting.student.user_id == user.pk
        links = [
            {
                "label": label,
                "url": answer_url(
                    user=user, student=meeting.student, company=meeting.company, kind=kind
                ),
            }
            for kind, label in OutcomeKind.choices
        ]
        rows.append(
            {
                "with": meeting.company.name if is_student else meeting.student.user.name,
                "start": meeting.start,
                "current": meeting.current.get_kind_display() if meeting.current else "",
                "links": links,
            }
        )
    return rows


def followup_create(*, fair: Fair, user: User, weeks: int, save: bool = True) -> EmailLog | None:
    """Log the person's follow-up of this round (None if sent already or nothing to ask)."""
    key = _key(fair, weeks, user)
    if save and EmailLog.objects.filter(dedupe_key=key).exists():
        return None
    with translation.override(user.language):
        rows = _rows(fair=fair, user=user)
        if not rows:
            return None
        subject = _("What came of your meetings at %(fair)s?") % {"fair": fair.name}
    return email_log_create(
        user=user,
        subject=subject,
        template="outcome_followup",
        context={"fair": fair, "meetings": rows, "weeks": weeks},
        fair=fair,
        kind="outcome_followup",
        dedupe_key=key,
        save=save,
    )


@dataclass
class FollowupRun:
    weeks: int | None
    sent: int = 0
    skipped: int = 0
    planned: list[str] | None = None


def followups_send(
    *, fair: Fair, today: date | None = None, dry_run: bool = False, weeks: int | None = None
) -> FollowupRun:
    """Send the due round's follow-up to everyone with a meeting who has not had it.

    One short transaction per person, so a run can be stopped and started again; a person is
    never sent the same round twice, even by two runs at once (the dedupe key is unique).
    """
    weeks = weeks if weeks is not None else followup_round_due(fair=fair, today=today)
    run = FollowupRun(weeks=weeks, planned=[] if dry_run else None)
    if weeks is None:
        return run
    for user in followup_recipients(fair=fair).iterator():
        if dry_run:
            if EmailLog.objects.filter(dedupe_key=_key(fair, weeks, user)).exists():
                run.skipped += 1
            elif followup_create(fair=fair, user=user, weeks=weeks, save=False) is not None:
                run.planned.append(user.email)
            continue
        try:
            with transaction.atomic():
                log = followup_create(fair=fair, user=user, weeks=weeks)
                if log is not None:
                    email_enqueue_on_commit(log_id=log.pk)
        except IntegrityError:  # another run logged it a moment ago
            log = None
        if log is None:
            run.skipped += 1
        else:
            run.sent += 1
    return run
