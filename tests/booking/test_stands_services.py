from datetime import timedelta

import pytest
from django.db import IntegrityError

from booking.enums import StandBookingStatus
from booking.models import StandBooking, StandWaitlistEntry
from booking.stands import services
from fair.exceptions import FairError
from fair.models import User
from tests.booking.stands_helpers import company_make, stands_make
from tests.conftest import fair_make


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the e-mails) as a committed transaction would."""

    def run(fn, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    return run


def booking_rows():
    return list(
        StandBooking.objects.values_list("stand__code", "company__name", "status", "tables")
    )


def test_stand_book_confirms_at_once_and_mails_in_danish(fair, capture, mailoutbox):
    stands_make(fair)
    company = company_make(fair)
    booking = capture(services.stand_book, fair=fair, company=company, code="a2", tables=2)
    assert (booking.stand.code, booking.status, booking.tables) == ("A2", "confirmed", 2)
    assert [m.subject for m in mailoutbox] == ["Din stand A2 er booket"]
    assert "Firma 0 ApS har booket stand A2" in mailoutbox[0].body
    assert "2 samtaleborde" in mailoutbox[0].body


def test_stand_book_waits_for_approval_when_the_fair_says_so(fair, capture, mailoutbox):
    fair.stand_booking_requires_approval = True
    fair.save()
    stands_make(fair)
    booking = capture(services.stand_book, fair=fair, company=company_make(fair), code="A1")
    assert booking.status == StandBookingStatus.PENDING
    assert [m.subject for m in mailoutbox] == ["Vi har modtaget jeres ønske om stand A1"]


def test_stand_book_rejects_second_company_with_taken(fair):
    stands_make(fair)
    services.stand_book(fair=fair, company=company_make(fair, 1), code="A1")
    with pytest.raises(FairError) as exc:
        services.stand_book(fair=fair, company=company_make(fair, 2), code="A1")
    assert (exc.value.code, exc.value.status) == ("stand_taken", 409)
    assert str(exc.value.message) == "Beklager, standen er lige blevet taget. Vælg en anden."
    assert booking_rows() == [("A1", "Firma 1 ApS", "confirmed", 1)]


def test_stand_book_refuses_a_second_stand_unless_an_organizer_allows_more(fair):
    stands_make(fair)
    company = company_make(fair)
    organizer = User.objects.create_user(email="org@example.org", name="Org", is_staff=True)
    services.stand_book(fair=fair, company=company, code="A1")
    with pytest.raises(FairError) as exc:
        services.stand_book(fair=fair, company=company, code="A2")
    assert (exc.value.code, exc.value.status) == ("company_has_stand", 409)
    services.stand_allowance_set(company=company, stands=2, by=organizer)
    services.stand_book(fair=fair, company=company, code="A2")
    assert sorted(r[0] for r in booking_rows()) == ["A1", "A2"]


@pytest.mark.parametrize(
    ("code", "tables", "error", "status"),
    [
        ("Z9", 1, "unknown_stand", 404),
        ("A1", 5, "invalid_input", 422),
        ("A1", 0, "invalid_input", 422),
    ],
)
def test_stand_book_refuses_bad_input_and_saves_nothing(fair, code, tables, error, status):
    stands_make(fair)
    with pytest.raises(FairError) as exc:
        services.stand_book(fair=fair, company=company_make(fair), code=code, tables=tables)
    assert (exc.value.code, exc.value.status) == (error, status)
    assert booking_rows() == []


def test_stand_book_refuses_a_too_long_note_instead_of_cutting_it(fair, mailoutbox):
    stands_make(fair)
    with pytest.raises(FairError) as exc:
        services.stand_book(
            fair=fair, company=company_make(fair), code="A1", needs_note="  " + "x" * 301 + " "
        )
    assert (exc.value.code, exc.value.status, exc.value.errors) == (
        "invalid_input",
        422,
        {"needs_note": ["Andre behov må højst fylde 300 tegn; du skrev 301."]},
    )
    assert (booking_rows(), mailoutbox) == ([], [])
    booking = services.stand_book(
        fair=fair, company=company_make(fair, 1), code="A1", needs_note=" " + "y" * 300 + " "
    )
    assert booking.needs_note == "y" * 300


def test_reject_refuses_a_too_long_reason_instead_of_cutting_it(fair, mailoutbox):
    fair.stand_booking_requires_approval = True
    fair.save()
    stands_make(fair)
    booking = services.stand_book(fair=fair, company=company_make(fair), code="A1")
    organizer = User.objects.create_user(email="org@example.org", name="Org", is_staff=True)
    with pytest.raises(FairError) as exc:
        services.stand_booking_reject(booking=booking, by=organizer, reason="z" * 301)
    assert (exc.value.code, exc.value.status, exc.value.errors) == (
        "invalid_input",
        422,
        {"reason": ["Begrundelsen må højst fylde 300 tegn; du skrev 301."]},
    )
    booking.refresh_from_db()
    assert (booking.status, booking.reason, booking.decided_by, mailoutbox) == (
        "pending",
        "",
        None,
        [],
    )


def test_stand_book_after_the_deadline_is_closed(closed_fair):
    stands_make(closed_fair)
    company = company_make(closed_fair)
    with pytest.raises(FairError) as exc:
        services.stand_book(fair=closed_fair, company=company, code="A1")
    assert (exc.value.code, exc.value.status) == ("stand_booking_closed", 403)
    assert str(exc.value.message) == "Standbookingen til denne messe er lukket."
    assert booking_rows() == []


def test_stand_book_refuses_a_stand_of_another_fair_and_a_company_of_another_fair(fair):
    other = fair_make("other2027")
    stands_make(other, prefix="B", zone="B")
    stands_make(fair)
    with pytest.raises(FairError) as exc:
        services.stand_book(fair=fair, company=company_make(fair), code="B1")
    assert exc.value.code == "unknown_stand"
    with pytest.raises(FairError) as exc:
        services.stand_book(fair=fair, company=company_make(other, 5), code="A1")
    assert (exc.value.code, exc.value.status) == ("wrong_fair", 403)
    assert booking_rows() == []


def test_database_refuses_two_active_bookings_of_one_stand(fair):
    (stand, *_rest) = stands_make(fair)
    one, two = company_make(fair, 1), company_make(fair, 2)
    StandBooking.objects.create(fair=fair, stand=stand, company=one, status="confirmed")
    with pytest.raises(IntegrityError):
        StandBooking.objects.create(fair=fair, stand=stand, company=two, status="pending")


def test_tables_change_and_cancel_mail_the_company(fair, capture, mailoutbox):
    stands_make(fair)
    booking = services.stand_book(fair=fair, company=company_make(fair), code="A1")
    capture(services.stand_booking_tables_change, booking=booking, tables=3)
    capture(services.stand_booking_cancel, booking=booking)
    assert [m.subject for m in mailoutbox] == [
        "Antal borde ændret på stand A1",
        "Jeres booking af stand A1 er annulleret",
    ]
    assert "ændret fra 1 til 3" in mailoutbox[0].body
    assert booking_rows() == [("A1", "Firma 0 ApS", "cancelled", 3)]
    # the stand is free again: another company books it
    services.stand_book(fair=fair, company=company_make(fair, 1), code="A1")


def test_tables_change_after_the_deadline_is_closed(fair):
    stands_make(fair)
    booking = services.stand_book(fair=fair, company=company_make(fair), code="A1")
    later = fair.stand_booking_deadline + timedelta(minutes=1)
    with pytest.raises(FairError) as exc:
        services.stand_booking_tables_change(booking=booking, tables=2, now=later)
    assert exc.value.code == "stand_booking_closed"
    booking.refresh_from_db()
    assert booking.tables == 1


def test_cancelled_stand_is_offered_to_the_first_on_the_zone_waiting_list(
    fair, capture, mailoutbox
):
    stands_make(fair, 2)
    first, second, third = company_make(fair, 1), company_make(fair, 2), company_make(fair, 3)
    services.stand_book(fair=fair, company=first, code="A1")
    services.stand_book(fair=fair, company=company_make(fair, 4), code="A2")
    services.stand_waitlist_join(fair=fair, company=second, zone="A")
    services.stand_waitlist_join(fair=fair, company=third, zone="A")
    mailoutbox.clear()
    capture(services.stand_booking_cancel, booking=first.stand_bookings.get())
    offers = [m for m in mailoutbox if "firma2@" in m.to[0]]
    assert [m.subject for m in offers] == ["Stand A1 er ledig: book den nu"]
    entry = StandWaitlistEntry.objects.get(company=second)
    assert (entry.offered_stand.code, entry.offered_at is not None) == ("A1", True)
    assert StandWaitlistEntry.objects.get(company=third).offered_stand is None
    services.stand_book(fair=fair, company=second, code="A1")
    assert list(StandWaitlistEntry.objects.values_list("company__name", flat=True)) == [
        "Firma 3 ApS"
    ]


def test_waitlist_join_refuses_a_zone_with_free_stands_twice_or_with_a_stand(fair):
    stands_make(fair, 2)
    company = company_make(fair)
    with pytest.raises(FairError) as exc:
        services.stand_waitlist_join(fair=fair, company=company, zone="A")
    assert exc.value.code == "zone_has_free_stands"
    holder = company_make(fair, 1)
    services.stand_book(fair=fair, company=holder, code="A1")
    services.stand_book(fair=fair, company=company_make(fair, 2), code="A2")
    services.stand_waitlist_join(fair=fair, company=company, zone="A")
    with pytest.raises(FairError) as exc:
        services.stand_waitlist_join(fair=fair, company=company, zone="A")
    assert (exc.value.code, exc.value.status) == ("already_waiting", 409)
    with pytest.raises(FairError) as exc:
        services.stand_waitlist_join(fair=fair, company=holder, zone="A")
    assert exc.value.code == "company_has_stand"
    assert list(StandWaitlistEntry.objects.values_list("company__name", flat=True)) == [
        "Firma 0 ApS"
    ]


def test_organizer_confirms_rejects_with_reason_and_moves(fair, capture, mailoutbox):
    fair.stand_booking_requires_approval = True
    fair.save()
    stands_make(fair, 3)
    organizer = User.objects.create_user(email="org@example.org", name="Org", is_staff=True)
    one = services.stand_book(fair=fair, company=company_make(fair, 1), code="A1")
    two = services.stand_book(fair=fair, company=company_make(fair, 2), code="A2")
    capture(services.stand_booking_confirm, booking=one, by=organizer)
    with pytest.raises(FairError) as exc:
        services.stand_booking_reject(booking=two, by=organizer, reason="  ")
    assert exc.value.code == "invalid_input"
    capture(services.stand_booking_reject, booking=two, by=organizer, reason="Kun for byggefag")
    capture(services.stand_booking_move, booking=one, code="A3", by=organizer)
    with pytest.raises(FairError) as exc:
        services.stand_booking_confirm(booking=two, by=organizer)
    assert exc.value.code == "not_pending"
    assert sorted(booking_rows()) == [
        ("A2", "Firma 2 ApS", "rejected", 1),
        ("A3", "Firma 1 ApS", "confirmed", 1),
    ]
    assert [m.subject for m in mailoutbox] == [
        "Jeres stand A1 er bekræftet",
        "Jeres ønske om stand A2 blev ikke godkendt",
        "I er flyttet til stand A3",
    ]
    assert "Begrundelse: Kun for byggefag" in mailoutbox[1].body
    assert "fra stand A1 til stand A3" in mailoutbox[2].body


def test_move_to_a_taken_stand_is_refused(fair):
    stands_make(fair, 2)
    organizer = User.objects.create_user(email="org@example.org", name="Org", is_staff=True)
    one = services.stand_book(fair=fair, company=company_make(fair, 1), code="A1")
    services.stand_book(fair=fair, company=company_make(fair, 2), code="A2")
    with pytest.raises(FairError) as exc:
        services.stand_booking_move(booking=one, code="A2", by=organizer)
    assert exc.value.code == "stand_taken"
    assert sorted(booking_rows()) == [
        ("A1", "Firma 1 ApS", "confirmed", 1),
        ("A2", "Firma 2 ApS", "confirmed", 1),
    ]


def test_english_company_gets_english_mail(fair, capture, mailoutbox):
    stands_make(fair)
    company = company_make(fair, language="en")
    capture(services.stand_book, fair=fair, company=company, code="A1")
    assert [m.subject for m in mailoutbox] == ["Your stand A1 is booked"]


def test_stand_email_is_in_the_outbox_with_the_booking_and_survives_a_kill_after_commit(
    fair, django_capture_on_commit_callbacks, mailoutbox
):
    """The booking and its e-mail commit together: if the process dies right after the
    commit (its on-commit hand-off never runs), send_queued_email still sends it, once."""
    import io

    from django.core.management import call_command

    from fair.models import EmailLog

    stands_make(fair)
    company = company_make(fair)
    with django_capture_on_commit_callbacks(execute=False):  # killed after the commit
        services.stand_book(fair=fair, company=company, code="a2", tables=1)
    assert mailoutbox == []
    assert list(EmailLog.objects.values_list("kind", "status")) == [("stand_booking", "queued")]

    call_command("send_queued_email", "--older-than", "0", stdout=io.StringIO())
    call_command("send_queued_email", "--older-than", "0", stdout=io.StringIO())
    assert [m.subject for m in mailoutbox] == ["Din stand A2 er booket"]


def test_a_refused_booking_writes_no_email(fair, mailoutbox):
    from fair.models import EmailLog

    stands_make(fair)
    company = company_make(fair)
    with pytest.raises(FairError):
        services.stand_book(fair=fair, company=company, code="Z9", tables=1)
    assert (EmailLog.objects.count(), mailoutbox) == (0, [])
