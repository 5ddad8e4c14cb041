"""Self-booking after publication: the contract's API, the page, cancelling, freed slots."""

import json
from datetime import time, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from booking.enums import InterviewStatus
from booking.interviews import services as interview_services
from booking.interviews import wishes
from booking.models import Interview
from fair.exceptions import Closed
from fair.phases import fair_ends_at
from tests.booking.test_interviews import (
    book,
    company_make,
    organizer_make,
    publish_mark,
    slot_begin,
    slots_make,
    student_make,
)
from tests.conftest import bearer


@pytest.fixture
def open_fair(fair):
    slots = slots_make(fair)
    publish_mark(fair)
    return {
        "slots": slots,
        "el": company_make(fair, "Ballerup El", tables=2),
        "vvs": company_make(fair, "Rødovre VVS", tables=1),
        "aya": student_make(fair, "Aya Hussein"),
        "ben": student_make(fair, "Ben Larsen"),
    }


def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_free_slots_lists_free_tables_per_slot(client, fair, open_fair):
    s, el = open_fair["slots"], open_fair["el"]
    book(fair, s[0], open_fair["aya"], el, table=1)
    book(fair, s[1], open_fair["ben"], el, table=1)
    book(fair, s[1], student_make(fair, "Cem"), el, table=2)
    data = client.get(f"/api/v1/fairs/{fair.slug}/companies/{el.pk}/free-slots").json()
    assert data[0] == {
        "slot": s[0].pk,
        "start": s[0].start.isoformat().replace("+00:00", "Z"),
        "end": s[0].end.isoformat().replace("+00:00", "Z"),
        "free_tables": 1,
    }
    assert [row["slot"] for row in data] == [s[0].pk] + [x.pk for x in s[2:]]
    assert {row["free_tables"] for row in data[1:]} == {2}


def test_book_returns_201_with_the_table_and_times(fair, open_fair):
    s, el, aya = open_fair["slots"], open_fair["el"], open_fair["aya"]
    book(fair, s[2], open_fair["ben"], el, table=1)
    response = post(
        bearer(aya.user),
        f"/api/v1/fairs/{fair.slug}/interviews",
        {"company": el.pk, "slot": s[2].pk},
    )
    assert response.status_code == 201
    interview = Interview.objects.get(student=aya)
    assert response.json() == {
        "id": interview.pk,
        "company": el.pk,
        "slot": s[2].pk,
        "table": 2,
        "start": s[2].start.isoformat().replace("+00:00", "Z"),
        "end": s[2].end.isoformat().replace("+00:00", "Z"),
    }
    assert interview.source == "self"


@pytest.mark.parametrize(
    ("case", "code", "message"),
    [
        ("full", "no_free_table", "Alle borde er optaget på det tidspunkt."),
        ("busy", "student_busy", "Du har allerede en samtale på det tidspunkt."),
        ("again", "already_meets", "Du har allerede en samtale med denne virksomhed."),
    ],
)
def test_book_conflicts_are_409_with_a_danish_message(fair, open_fair, case, code, message):
    s, el, vvs, aya, ben = (open_fair[k] for k in ("slots", "el", "vvs", "aya", "ben"))
    book(fair, s[0], ben, vvs)
    if case == "busy":
        book(fair, s[0], aya, el)
    if case == "again":
        book(fair, s[5], aya, vvs)
    before = Interview.objects.count()
    response = post(
        bearer(aya.user),
        f"/api/v1/fairs/{fair.slug}/interviews",
        {"company": vvs.pk, "slot": s[0].pk},
    )
    assert (response.status_code, response.json()["code"], response.json()["detail"]) == (
        409,
        code,
        message,
    )
    assert Interview.objects.count() == before


def test_book_is_403_before_publication_and_422_for_an_unknown_slot(fair):
    slots = slots_make(fair)
    el = company_make(fair, "Ballerup El")
    aya = student_make(fair, "Aya")
    client = bearer(aya.user)
    response = post(
        client, f"/api/v1/fairs/{fair.slug}/interviews", {"company": el.pk, "slot": slots[0].pk}
    )
    assert (response.status_code, response.json()["code"]) == (403, "self_booking_closed")
    publish_mark(fair)
    response = post(
        client, f"/api/v1/fairs/{fair.slug}/interviews", {"company": el.pk, "slot": 999999}
    )
    assert (response.status_code, response.json()["detail"]) == (422, "Ukendt tidspunkt: 999999.")
    assert Interview.objects.count() == 0


def test_delete_by_student_company_or_organizer_but_not_others(fair, open_fair, mailoutbox):
    s, el, aya, ben = open_fair["slots"], open_fair["el"], open_fair["aya"], open_fair["ben"]
    first, second, third = (
        book(fair, s[i], aya, c)
        for i, c in ((0, el), (1, open_fair["vvs"]), (2, company_make(fair, "Tredje")))
    )
    url = f"/api/v1/fairs/{fair.slug}/interviews/"
    response = bearer(ben.user).delete(url + str(first.pk))
    assert (response.status_code, response.json()["code"]) == (403, "not_your_interview")
    assert bearer(aya.user).delete(url + str(first.pk)).status_code == 204
    assert bearer(open_fair["vvs"].users.get()).delete(url + str(second.pk)).status_code == 204
    assert bearer(organizer_make()).delete(url + str(third.pk)).status_code == 204
    statuses = list(Interview.objects.order_by("pk").values_list("status", "sequence"))
    assert statuses == [("cancelled", 1)] * 3


def test_my_interviews_are_in_time_order(fair, open_fair):
    s, aya = open_fair["slots"], open_fair["aya"]
    later = book(fair, s[4], aya, open_fair["el"])
    sooner = book(fair, s[1], aya, open_fair["vvs"])
    data = bearer(aya.user).get("/api/v1/me/interviews").json()
    assert [(d["id"], d["company_name"], d["stand"], d["table"]) for d in data] == [
        (sooner.pk, "Rødovre VVS", "A2", 1),
        (later.pk, "Ballerup El", "A1", 1),
    ]
    company_view = bearer(open_fair["el"].users.get()).get("/api/v1/me/interviews").json()
    assert [d["student_name"] for d in company_view] == ["Aya Hussein"]


def test_cancel_offers_the_freed_slot_to_wishers_without_an_interview(
    fair, open_fair, mailoutbox, django_capture_on_commit_callbacks
):
    s, vvs, aya, ben = open_fair["slots"], open_fair["vvs"], open_fair["aya"], open_fair["ben"]
    cem = student_make(fair, "Cem Yilmaz")
    for student in (aya, ben, cem):
        wishes.wish_add(student=student, company=vvs)
    interview = book(fair, s[0], aya, vvs)
    book(fair, s[1], cem, vvs)
    client = bearer(vvs.users.get())
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(f"/api/v1/fairs/{fair.slug}/interviews/{interview.pk}")
    assert response.status_code == 204
    offers = [m for m in mailoutbox if m.subject == "Der er et ledigt tidspunkt hos Rødovre VVS"]
    # Not Aya: the company called her interview off (remembered, like a declined wish).
    assert [m.to[0] for m in offers] == [f"{ben.user.name} <{ben.user.email}>"]
    assert f"/fairs/{fair.slug}/companies/{vvs.pk}/slots/" in offers[0].body


def test_after_an_organizers_cancel_its_student_is_offered_the_time_too(
    fair, open_fair, mailoutbox, django_capture_on_commit_callbacks
):
    s, vvs, aya, ben = open_fair["slots"], open_fair["vvs"], open_fair["aya"], open_fair["ben"]
    for student in (aya, ben):
        wishes.wish_add(student=student, company=vvs)
    interview = book(fair, s[0], aya, vvs)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = bearer(organizer_make()).delete(
            f"/api/v1/fairs/{fair.slug}/interviews/{interview.pk}"
        )
    assert response.status_code == 204
    offers = [m for m in mailoutbox if m.subject == "Der er et ledigt tidspunkt hos Rødovre VVS"]
    assert sorted(m.to[0] for m in offers) == sorted(
        f"{s.user.name} <{s.user.email}>" for s in (aya, ben)
    )


def test_no_show_by_the_company_frees_the_table(client, fair, open_fair):
    s, vvs = open_fair["slots"], open_fair["vvs"]
    interview = book(fair, slot_begin(s[0]), open_fair["aya"], vvs)
    client.force_login(vvs.users.get())
    response = client.post(f"/fairs/{fair.slug}/interviews/{interview.pk}/no-show/", follow=True)
    assert "Aya Hussein er markeret som udeblevet." in response.content.decode()
    assert Interview.objects.get().status == InterviewStatus.NO_SHOW
    assert '<td data-label="Elev">Aya Hussein</td>' not in response.content.decode()


def test_no_show_before_the_slot_has_begun_is_refused(client, fair, open_fair, mailoutbox):
    s, vvs = open_fair["slots"], open_fair["vvs"]
    interview = book(fair, s[0], open_fair["aya"], vvs)
    client.force_login(vvs.users.get())
    response = client.post(f"/fairs/{fair.slug}/interviews/{interview.pk}/no-show/")
    assert response.status_code == 409
    assert "Du kan først markere, at eleven udeblev, når samtalen er begyndt." in (
        response.content.decode()
    )
    assert Interview.objects.get().status == InterviewStatus.BOOKED
    assert mailoutbox == []


def test_self_booking_page_books_with_a_form_post(client, fair, open_fair):
    s, el, aya = open_fair["slots"], open_fair["el"], open_fair["aya"]
    client.force_login(aya.user)
    page = client.get(f"/fairs/{fair.slug}/book/").content.decode()
    assert "<h2>Ballerup El</h2>" in page  # the cards sit directly under the <h1>
    assert 'aria-label="Se ledige tidspunkter hos Ballerup El">Se ledige tidspunkter</a>' in page
    page = client.get(f"/fairs/{fair.slug}/companies/{el.pk}/slots/").content.decode()
    assert "Ledige tidspunkter hos Ballerup El" in page and 'aria-label="Book kl. 10:00"' in page
    response = client.post(
        f"/fairs/{fair.slug}/companies/{el.pk}/slots/{s[0].pk}/book/", follow=True
    )
    assert "Samtalen er booket." in response.content.decode()
    response = client.post(
        f"/fairs/{fair.slug}/companies/{el.pk}/slots/{s[1].pk}/book/", follow=True
    )
    assert "Du har allerede en samtale med denne virksomhed." in response.content.decode()
    assert list(Interview.objects.values_list("slot", "table")) == [(s[0].pk, 1)]


@pytest.mark.parametrize("count", [1, 3])
def test_my_interviews_and_free_slots_run_constant_queries(
    client, fair, open_fair, count, django_assert_num_queries
):
    s, aya = open_fair["slots"], open_fair["aya"]
    for i in range(count):
        book(fair, s[i], aya, company_make(fair, f"Firma {i}"))
        book(fair, s[i], student_make(fair, f"Elev {i}"), open_fair["el"])
    client.force_login(aya.user)
    with django_assert_num_queries(3):
        data = client.get("/api/v1/me/interviews").json()
    assert len(data) == count
    with django_assert_num_queries(8):  # 6, plus the session and user for the language
        free = client.get(f"/api/v1/fairs/{fair.slug}/companies/{open_fair['el'].pk}/free-slots")
    assert [row["free_tables"] for row in free.json()][:count] == [1] * count


@pytest.mark.parametrize("who", ["student", "company", "no_show"])
def test_freed_slot_is_not_offered_back_to_the_student_who_gave_it_up(
    fair, open_fair, mailoutbox, django_capture_on_commit_callbacks, who
):
    s, vvs, aya, ben = open_fair["slots"], open_fair["vvs"], open_fair["aya"], open_fair["ben"]
    for student in (aya, ben):
        wishes.wish_add(student=student, company=vvs)
    interview = book(fair, slot_begin(s[0]) if who == "no_show" else s[0], aya, vvs)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        if who == "student":
            response = bearer(aya.user).delete(
                f"/api/v1/fairs/{fair.slug}/interviews/{interview.pk}"
            )
            assert response.status_code == 204
        elif who == "company":  # the company called the pair off: not offered to Aya again
            response = bearer(vvs.users.get()).delete(
                f"/api/v1/fairs/{fair.slug}/interviews/{interview.pk}"
            )
            assert response.status_code == 204
        else:
            client = Client()
            client.force_login(vvs.users.get())
            client.post(f"/fairs/{fair.slug}/interviews/{interview.pk}/no-show/")
    offers = [m for m in mailoutbox if m.subject == "Der er et ledigt tidspunkt hos Rødovre VVS"]
    assert [m.to[0] for m in offers] == [f"{ben.user.name} <{ben.user.email}>"]


def test_a_time_that_has_begun_is_neither_listed_nor_bookable(client, fair, open_fair):
    s, el, aya = open_fair["slots"], open_fair["el"], open_fair["aya"]
    begun = slot_begin(s[0])
    data = client.get(f"/api/v1/fairs/{fair.slug}/companies/{el.pk}/free-slots").json()
    assert [row["slot"] for row in data] == [x.pk for x in s[1:]]
    response = post(
        bearer(aya.user),
        f"/api/v1/fairs/{fair.slug}/interviews",
        {"company": el.pk, "slot": begun.pk},
    )
    assert (response.status_code, response.json()["code"], response.json()["detail"]) == (
        409,
        "slot_started",
        "Det tidspunkt er allerede begyndt.",
    )
    client.force_login(aya.user)
    page = client.get(f"/fairs/{fair.slug}/companies/{el.pk}/slots/").content.decode()
    at = timezone.localtime(begun.start).strftime("%H:%M")
    assert f'aria-label="Book kl. {at}"' not in page and 'aria-label="Book kl. 10:15"' in page
    assert Interview.objects.count() == 0


def test_a_time_outside_the_students_availability_is_hidden_and_refused(client, fair, open_fair):
    s, el, aya = open_fair["slots"], open_fair["el"], open_fair["aya"]
    wishes.availability_set(fair=fair, student=aya, available_from=time(11), available_until=None)
    response = post(
        bearer(aya.user),
        f"/api/v1/fairs/{fair.slug}/interviews",
        {"company": el.pk, "slot": s[0].pk},
    )
    assert (response.status_code, response.json()["code"], response.json()["detail"]) == (
        409,
        "student_unavailable",
        "Du er ikke til stede på det tidspunkt.",
    )
    client.force_login(aya.user)
    page = client.get(f"/fairs/{fair.slug}/companies/{el.pk}/slots/").content.decode()
    assert 'aria-label="Book kl. 10:45"' not in page and 'aria-label="Book kl. 11:00"' in page
    # Another student without a limit still sees 10:00.
    client.force_login(open_fair["ben"].user)
    page = client.get(f"/fairs/{fair.slug}/companies/{el.pk}/slots/").content.decode()
    assert 'aria-label="Book kl. 10:00"' in page
    assert Interview.objects.count() == 0


def test_a_refused_booking_on_the_page_shows_the_reason_with_a_409(client, fair, open_fair):
    s, el, aya = open_fair["slots"], open_fair["el"], open_fair["aya"]
    book(fair, s[0], aya, el)
    client.force_login(aya.user)
    response = client.post(f"/fairs/{fair.slug}/companies/{el.pk}/slots/{s[1].pk}/book/")
    assert response.status_code == 409
    page = response.content.decode()
    assert (
        'role="alert"><p class="message message-error">Du har allerede en samtale med denne' in page
    )
    assert "Ledige tidspunkter hos Ballerup El" in page
    assert Interview.objects.count() == 1


def test_students_and_companies_cannot_cancel_once_the_interview_has_begun(client, fair, open_fair):
    s, el, aya = open_fair["slots"], open_fair["el"], open_fair["aya"]
    interview = book(fair, slot_begin(s[0]), aya, el)
    url = f"/api/v1/fairs/{fair.slug}/interviews/{interview.pk}"
    for user in (aya.user, el.users.get()):
        response = bearer(user).delete(url)
        assert (response.status_code, response.json()["code"], response.json()["detail"]) == (
            403,
            "closed",
            "Samtalen er begyndt, eller messen er slut: den kan ikke længere aflyses.",
        )
    client.force_login(aya.user)
    response = client.post(
        f"/fairs/{fair.slug}/interviews/{interview.pk}/cancel/", {"confirm": "yes"}
    )
    assert response.status_code == 403
    assert "den kan ikke længere aflyses." in response.content.decode()
    assert "Annuller samtalen" not in response.content.decode()
    assert Interview.objects.get().status == InterviewStatus.BOOKED
    assert bearer(organizer_make()).delete(url).status_code == 204
    assert Interview.objects.get().status == InterviewStatus.CANCELLED


def test_no_cancelling_after_the_fair_has_ended(fair, open_fair):
    s, el, aya = open_fair["slots"], open_fair["el"], open_fair["aya"]
    interview = book(fair, s[0], aya, el)
    ended = fair_ends_at(fair) + timedelta(minutes=1)
    with pytest.raises(Closed) as refused:
        interview_services.interview_cancel(interview=interview, user=aya.user, now=ended)
    assert str(refused.value.message) == (
        "Samtalen er begyndt, eller messen er slut: den kan ikke længere aflyses."
    )
    assert Interview.objects.get().status == InterviewStatus.BOOKED


def test_free_slots_api_is_empty_while_self_booking_is_closed(client, fair):
    slots_make(fair)
    el = company_make(fair, "Ballerup El")
    url = f"/api/v1/fairs/{fair.slug}/companies/{el.pk}/free-slots"
    assert client.get(url).json() == []
    publish_mark(fair)
    assert len(client.get(url).json()) == 16
