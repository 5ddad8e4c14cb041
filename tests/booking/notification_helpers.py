"""A small world of people and interviews for the notification tests, and readers of the e-mails
they get."""

from __future__ import annotations

import email
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from email import policy
from zoneinfo import ZoneInfo

from booking.enums import InterviewSource, StandBookingStatus
from booking.models import Interview, Slot, Stand, StandBooking
from booking.notifications import interviews_notify
from fair.models import Company, EmailLog, Fair, Student, User
from tests.booking.ics_readers import read_libical
from tests.conftest import fair_make

CPH = ZoneInfo("Europe/Copenhagen")


# The last Sunday of March 2027: clocks go from 02:00 CET to 03:00 CEST that night.
DST_DAY = date(2027, 3, 28)


@dataclass
class World:
    fair: Fair
    company: Company
    company_user: User
    students: list[Student]
    slots: list[Slot]
    interviews: list[Interview]


def user_make(email_: str, name: str, role: str = "student", language: str = "da") -> User:
    return User.objects.create_user(email=email_, name=name, role=role, language=language)


def student_make(fair: Fair, email_: str, name: str, language: str = "da") -> Student:
    return Student.objects.create(fair=fair, user=user_make(email_, name, language=language))


def company_make(fair: Fair, name: str, cvr: str, contact: str, stand: str | None) -> Company:
    company = Company.objects.create(
        fair=fair, name=name, cvr=cvr, address="Vej 1", postcode="2750", city="Ballerup"
    )
    company.users.add(user_make(contact, f"HR {name}", role="company"))
    if stand:
        spot = Stand.objects.create(fair=fair, code=stand, x=0, y=0, width=3, height=2, size_m2=6)
        StandBooking.objects.create(
            fair=fair, stand=spot, company=company, tables=2, status=StandBookingStatus.CONFIRMED
        )
    return company


def slot_make(fair: Fair, hour: int, minute: int = 0) -> Slot:
    start = datetime.combine(fair.date, time(hour, minute), tzinfo=CPH)
    return Slot.objects.create(fair=fair, start=start, end=start + timedelta(minutes=12))


def interview_make(fair, slot, student, company, table=1) -> Interview:
    return Interview.objects.create(
        fair=fair,
        slot=slot,
        student=student,
        company=company,
        table=table,
        source=InterviewSource.SCHEDULER,
    )


def world_make(slug: str = "dst2027", students: int = 3) -> World:
    """A fair on 28.03.2027 with one company at stand A12 and one interview per student."""
    fair = fair_make(slug)
    Fair.objects.filter(pk=fair.pk).update(date=DST_DAY)
    fair.refresh_from_db()
    company = company_make(fair, "Novo Nordisk", "24256790", f"hr@{slug}.example.dk", "A12")
    people = [
        student_make(fair, f"elev{n}@{slug}.example.dk", name)
        for n, name in enumerate(["Åse Ølgaard", "Bo Jensen", "Chen Li", "Dina Nør"][:students])
    ]
    slots = [slot_make(fair, 10, 15 * n) for n in range(4)]
    interviews = [interview_make(fair, slots[n], s, company) for n, s in enumerate(people)]
    return World(fair, company, company.users.get(), people, slots, interviews)


def notify(django_capture_on_commit_callbacks, ids, reason) -> list[EmailLog]:
    """Run the notice as the booking services do: after their commit."""
    before = set(EmailLog.objects.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        interviews_notify(interview_ids=ids, reason=reason)
    return list(EmailLog.objects.exclude(pk__in=before).order_by("pk"))


def calendar_parts(message) -> list[tuple[str, bool, bytes]]:
    """(method, inline?, ICS bytes) of every text/calendar part of a sent e-mail."""
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=policy.default)
    found = []
    for part in parsed.walk():
        if part.get_content_type() == "text/calendar":
            inline = part.get_content_disposition() is None
            found.append((part.get_param("method"), inline, part.get_content().encode()))
    return found


def recipients(messages) -> list[str]:
    return sorted(address for m in messages for address in m.to)


def assert_clean(ics: bytes) -> dict:
    lib = read_libical(ics)
    assert (lib["parse_errors"], lib["errors"], lib["restrictions_ok"]) == ([], [], True)
    return lib


def mime_tree(message) -> list[tuple[int, str, str | None, str | None, str | None]]:
    """(depth, content type, method, disposition, filename) of every part, parsed back."""
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=policy.default)

    def walk(part, depth):
        yield (
            depth,
            part.get_content_type(),
            part.get_param("method"),
            part.get_content_disposition(),
            part.get_filename(),
        )
        if part.is_multipart():
            for child in part.iter_parts():
                yield from walk(child, depth + 1)

    return list(walk(parsed, 0))
