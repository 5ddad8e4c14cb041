"""Slots come from the fair's interview window, slot length, buffer and breaks."""

from datetime import time

import pytest
from django.utils import timezone

from booking.enums import InterviewStatus
from booking.interviews.slots import scheduling_settings_update, slots_generate
from booking.models import FairSchedulingSettings, Interview, Slot
from fair.exceptions import FairError
from tests.booking.test_interviews import book, company_make, organizer_make, student_make


def local(slot):
    return (
        timezone.localtime(slot.start).strftime("%H:%M"),
        timezone.localtime(slot.end).strftime("%H:%M"),
    )


def test_slots_fill_the_window_with_length_and_buffer(fair):
    slots = slots_generate(fair=fair)
    assert len(slots) == 16
    assert [local(s) for s in slots[:2]] == [("10:00", "10:12"), ("10:15", "10:27")]
    assert local(slots[-1]) == ("13:45", "13:57")


def test_slots_skip_breaks_and_restart_when_the_break_ends(fair):
    scheduling_settings_update(
        fair=fair, rank_weights="10,8", mutual_bonus=5, coverage_bonus="", breaks="12:00-12:20"
    )
    slots = [local(s) for s in slots_generate(fair=fair)]
    assert slots[7:10] == [("11:45", "11:57"), ("12:20", "12:32"), ("12:35", "12:47")]
    assert len(slots) == 14


def test_regenerating_keeps_unchanged_slots_and_refuses_to_drop_booked_ones(fair):
    first = slots_generate(fair=fair)
    assert [s.pk for s in slots_generate(fair=fair)] == [s.pk for s in first]
    book(fair, first[-1], student_make(fair, "Aya"), company_make(fair, "El ApS"))
    fair.interviews_end = time(13)
    fair.save()
    with pytest.raises(FairError) as error:
        slots_generate(fair=fair)
    assert error.value.code == "slots_in_use"
    assert Slot.objects.filter(fair=fair).count() == 16


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("rank_weights", "10,x", "Skriv hele tal adskilt med komma, fx 10,8,6."),
        ("rank_weights", "10,0", "Hver placering skal veje mindst 1."),
        ("coverage_bonus", "4,10", "Tallene må ikke stige."),
        ("rank_weights", "10000000000000000,8", "Hvert tal må højst være 1.000.000."),
        ("coverage_bonus", "1000001", "Hvert tal må højst være 1.000.000."),
        ("breaks", "12-13", "Skriv pauser som TT:MM-TT:MM, fx 12:00-12:30."),
    ],
)
def test_settings_refuse_bad_input_in_danish(fair, field, value, message):
    data = {"rank_weights": "10,8,6", "mutual_bonus": 5, "coverage_bonus": "10,4", "breaks": ""}
    with pytest.raises(FairError) as error:
        scheduling_settings_update(fair=fair, **{**data, field: value})
    assert (error.value.code, error.value.errors) == ("invalid_input", {field: [message]})
    assert FairSchedulingSettings.objects.count() == 0


def test_a_break_can_remove_a_slot_whose_interviews_were_all_cancelled(fair):
    first = slots_generate(fair=fair)
    noon = next(s for s in first if local(s) == ("12:00", "12:12"))
    el = company_make(fair, "El ApS", tables=2)
    gone = [
        book(fair, noon, student_make(fair, n), el, table=t) for t, n in ((1, "Aya"), (2, "Bo"))
    ]
    Interview.objects.filter(pk=gone[0].pk).update(status=InterviewStatus.CANCELLED)
    Interview.objects.filter(pk=gone[1].pk).update(status=InterviewStatus.NO_SHOW)
    kept = book(fair, first[0], student_make(fair, "Cem"), el)
    scheduling_settings_update(
        fair=fair, rank_weights="10,8", mutual_bonus=5, coverage_bonus="", breaks="12:00-12:20"
    )
    slots = slots_generate(fair=fair)
    assert len(slots) == 14 and ("12:00", "12:12") not in [local(s) for s in slots]
    # The cancelled and no-show interviews went with their slot; the booked one is untouched.
    assert list(Interview.objects.values_list("pk", "status")) == [(kept.pk, "booked")]


def test_organizer_settings_form_answers_too_large_weights_with_422(client, fair):
    client.force_login(organizer_make())
    url = f"/organizer/fairs/{fair.slug}/schedule/"
    data = {
        "rank_weights": "99999999999999999",
        "mutual_bonus": "5",
        "coverage_bonus": "",
        "breaks": "",
    }
    response = client.post(url, data)
    assert response.status_code == 422
    assert "Hvert tal må højst være 1.000.000." in response.content.decode()
    assert FairSchedulingSettings.objects.count() == 0
