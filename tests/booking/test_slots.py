"""Slots come from the fair's interview window, slot length, buffer and breaks."""

from datetime import time

import pytest
from django.utils import timezone

from booking.models import FairSchedulingSettings, Slot
from booking.services.slots import scheduling_settings_update, slots_generate
from fair.exceptions import FairError
from tests.booking.test_interviews import book, company_make, student_make


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
        ("breaks", "12-13", "Skriv pauser som TT:MM-TT:MM, fx 12:00-12:30."),
    ],
)
def test_settings_refuse_bad_input_in_danish(fair, field, value, message):
    data = {"rank_weights": "10,8,6", "mutual_bonus": 5, "coverage_bonus": "10,4", "breaks": ""}
    with pytest.raises(FairError) as error:
        scheduling_settings_update(fair=fair, **{**data, field: value})
    assert (error.value.code, error.value.errors) == ("invalid_input", {field: [message]})
    assert FairSchedulingSettings.objects.count() == 0
