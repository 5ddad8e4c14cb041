"""Invites from the real publish service: a re-publish e-mails each person concerned once."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
from django.core import mail
from django.core.management import call_command

from booking.interviews import wishes
from booking.interviews.scheduling import interview_schedule_generate, schedule_publish
from booking.interviews.slots import slots_generate
from booking.models import Availability
from fair.models import EmailLog
from tests.booking.notification_helpers import assert_clean, calendar_parts
from tests.booking.test_interviews import company_make, student_make


def window(fair, who, start: time, end: time) -> None:
    """Only the slots between start and end suit this student."""
    Availability.objects.update_or_create(
        fair=fair, student=who, defaults={"available_from": start, "available_until": end}
    )


@pytest.mark.django_db
def test_republish_with_a_move_a_cancel_and_a_new_interview_sends_one_email_per_person(
    fair, django_capture_on_commit_callbacks
):
    fair.interviews_end = time(10, 45)  # three slots: 10:00, 10:15 and 10:30
    fair.save()
    slots_generate(fair=fair)
    el = company_make(fair, "Ballerup El", tables=1)
    vvs = company_make(fair, "Rødovre VVS", tables=1)
    aya, ben, cem, dan = (student_make(fair, n) for n in ("Aya", "Ben", "Cem", "Dan"))
    for student, company in ((aya, el), (ben, el), (dan, vvs)):
        wishes.wish_add(student=student, company=company)
    window(fair, aya, time(10, 0), time(10, 15))
    window(fair, ben, time(10, 15), time(10, 30))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("schedule_interviews", "--fair", fair.slug, "--publish", "--time-limit", "10")
    first = [aya.user, ben.user, dan.user, el.users.get(), vvs.users.get()]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"{u.name} <{u.email}>" for u in first)
    mail.outbox.clear()

    # Aya can only come at 10:30 now (her interview moves), Ben not at all (cancelled), and
    # Cem wishes Ballerup El at 10:00 (new). Dan and Rødovre VVS keep what they have.
    window(fair, aya, time(10, 30), time(10, 45))
    window(fair, ben, time(11, 0), time(12, 0))
    wishes.wish_add(student=cem, company=el)
    window(fair, cem, time(10, 0), time(10, 15))
    with django_capture_on_commit_callbacks(execute=True):
        done = schedule_publish(run=interview_schedule_generate(fair=fair, time_limit=10))
    assert (len(done.booked), len(done.moved), len(done.cancelled)) == (1, 1, 1)

    hr_el = el.users.get()
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == sorted(
        [
            (f"Aya <{aya.user.email}>", "Ændringer i dine samtaler på Praktikpladsmessen test2027"),
            (f"Ben <{ben.user.email}>", "Aflyst: samtale på Praktikpladsmessen test2027"),
            (f"Cem <{cem.user.email}>", "Din samtaleplan til Praktikpladsmessen test2027"),
            (
                f"HR Ballerup El <{hr_el.email}>",
                "Ændringer i dine samtaler på Praktikpladsmessen test2027",
            ),
        ]
    )
    assert EmailLog.objects.filter(user=hr_el).count() == 2  # first publish and this one

    # Ballerup El's one e-mail carries all three changes, each with its own calendar part.
    [company_mail] = [m for m in mail.outbox if m.to == [f"HR Ballerup El <{hr_el.email}>"]]
    body = company_mail.body
    assert (body.count("Ny: "), body.count("Ændret: "), body.count("Aflyst: ")) == (1, 1, 1)
    methods = []
    for method, inline, ics in calendar_parts(company_mail):
        [event] = assert_clean(ics)["events"]
        methods.append((method, inline, event["props"]["SUMMARY"][0], event["start"]["utc"]))
    day = fair.date
    assert sorted(m for m in methods if not m[1]) == sorted(
        [
            ("CANCEL", False, "Aflyst: Samtale med Ben", _utc(day, 10, 15)),
            ("REQUEST", False, "Samtale med Aya", _utc(day, 10, 30)),
            ("REQUEST", False, "Samtale med Cem", _utc(day, 10, 0)),
        ]
    )


def _utc(day, hour: int, minute: int) -> datetime:
    from zoneinfo import ZoneInfo

    local = datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo("Europe/Copenhagen"))
    return local.astimezone(UTC)
