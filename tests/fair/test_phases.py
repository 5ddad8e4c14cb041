"""Each part of a fair is open until just before its deadline and closed from it on."""

from datetime import timedelta

import pytest

from booking.interviews import wishes
from booking.stands import services as stand_services
from fair import phases
from fair.exceptions import Closed
from fair.services import company_register, student_register
from tests.booking.stands_helpers import company_make, stands_make
from tests.booking.test_interviews import student_make

TICK = timedelta(microseconds=1)
DEADLINES = {
    phases.company_registration_open: "company_registration_deadline",
    phases.student_registration_open: "student_registration_deadline",
    phases.stand_booking_open: "stand_booking_deadline",
    phases.wishes_open: "wish_deadline",
}


@pytest.mark.parametrize("is_open", DEADLINES, ids=lambda f: f.__name__)
def test_open_just_before_the_deadline_and_closed_at_it(fair, is_open):
    deadline = getattr(fair, DEADLINES[is_open])
    assert is_open(fair, deadline - TICK) is True
    assert is_open(fair, deadline) is False
    assert is_open(fair, deadline + TICK) is False


def test_the_fair_is_over_when_its_doors_close(fair):
    ends = phases.fair_ends_at(fair)
    assert ends.date() == fair.date and ends.time() == fair.closes_at
    assert phases.fair_over(fair, ends - TICK) is False
    assert phases.fair_over(fair, ends) is True


def test_a_wish_is_taken_just_before_the_deadline_and_refused_at_it(fair):
    student = student_make(fair, "Ada")
    first, second = company_make(fair, 1), company_make(fair, 2)
    wishes.wish_add(student=student, company=first, now=fair.wish_deadline - TICK)
    with pytest.raises(Closed) as refused:
        wishes.wish_add(student=student, company=second, now=fair.wish_deadline)
    assert str(refused.value.message) == "Fristen for ønsker er overskredet."
    assert list(student.wishes.values_list("company", flat=True)) == [first.pk]


def test_a_stand_is_booked_just_before_the_deadline_and_refused_at_it(fair):
    stands_make(fair, 2)
    first, second = company_make(fair, 1), company_make(fair, 2)
    at = fair.stand_booking_deadline
    stand_services.stand_book(fair=fair, company=first, code="A1", now=at - TICK)
    with pytest.raises(Closed) as refused:
        stand_services.stand_book(fair=fair, company=second, code="A2", now=at)
    assert refused.value.code == "stand_booking_closed"
    assert str(refused.value.message) == "Standbookingen til denne messe er lukket."


def test_sign_ups_are_refused_from_their_deadlines_on(fair, electrician):
    with pytest.raises(Closed) as refused:
        student_register(
            fair=fair,
            name="Sen Elev",
            email="late@example.org",
            programmes=[electrician],
            consent_profile=True,
            now=fair.student_registration_deadline,
        )
    assert refused.value.code == "registration_closed"
    with pytest.raises(Closed) as refused:
        company_register(
            fair=fair,
            name="Sent ApS",
            cvr="13585628",
            address="Vej 1",
            postcode="2750",
            city="Ballerup",
            contact_name="Sen",
            contact_email="late@firma.dk",
            offers=[],
            now=fair.company_registration_deadline,
        )
    assert refused.value.code == "registration_closed"
