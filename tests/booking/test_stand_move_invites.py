"""A stand move after the schedule is published sends updated calendar invites: the same
UID, a higher SEQUENCE and the new stand, to everyone with an interview at that company."""

import pytest
from django.core import mail

from booking.models import Interview, Stand, StandBooking
from booking.stands.services import stand_booking_move
from tests.booking.notification_helpers import (
    assert_clean,
    calendar_parts,
    notify,
    recipients,
    world_make,
)
from tests.booking.test_interviews import organizer_make


@pytest.mark.django_db
def test_moving_a_stand_sends_each_student_an_updated_invite_with_the_new_stand(
    django_capture_on_commit_callbacks,
):
    w = world_make(students=2)
    ids = [i.pk for i in w.interviews]
    notify(django_capture_on_commit_callbacks, ids, "published")  # the published invites
    Stand.objects.create(fair=w.fair, code="B7", x=9, y=0, width=3, height=2, size_m2=6)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        stand_booking_move(
            booking=StandBooking.objects.get(company=w.company), code="b7", by=organizer_make()
        )

    invites = [m for m in mail.outbox if calendar_parts(m)]
    assert recipients(invites) == [
        "Bo Jensen <elev1@dst2027.example.dk>",
        "HR Novo Nordisk <hr@dst2027.example.dk>",
        "Åse Ølgaard <elev0@dst2027.example.dk>",
    ]
    for student, interview in zip(w.students, w.interviews, strict=True):
        [message] = [m for m in invites if student.user.email in m.to[0]]
        (method, _inline, ics), *_attachments = calendar_parts(message)
        [event] = assert_clean(ics)["events"]
        assert method == "REQUEST"
        assert event["props"]["UID"] == [f"interview-{interview.pk}@localhost"]
        assert event["props"]["SEQUENCE"] == ["1"]
        assert event["props"]["LOCATION"][0].startswith("Stand B7\\, bord 1")
    assert set(Interview.objects.values_list("sequence", flat=True)) == {1}


@pytest.mark.django_db
def test_a_move_without_interviews_sends_only_the_stand_email(django_capture_on_commit_callbacks):
    w = world_make(students=1)
    Interview.objects.all().update(status="cancelled")
    Stand.objects.create(fair=w.fair, code="B7", x=9, y=0, width=3, height=2, size_m2=6)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        stand_booking_move(
            booking=StandBooking.objects.get(company=w.company), code="B7", by=organizer_make()
        )
    assert [m.subject for m in mail.outbox] == ["I er flyttet til stand B7"]
