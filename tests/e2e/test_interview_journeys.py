"""The remaining interview journeys of issue 4 in a real Chromium, in Danish: a company flags
the students who wished it, students and companies state when they can come, a student books
and cancels on a phone, and a no-show offers the freed time to the students who wished it."""

import re
from datetime import time

import pytest

from booking.enums import InterviewStatus
from booking.interviews import wishes
from booking.models import Availability, Interest, Interview
from fair.models import Programme, School
from tests.booking.test_interviews import (
    book,
    company_make,
    publish_mark,
    slot_begin,
    slots_make,
    student_make,
)
from tests.conftest import fair_make


def cells(page, rows: str) -> list[list[str]]:
    """The cells' texts of each row (on a phone the rows are cards, one line per cell)."""
    return [row.locator("td").all_inner_texts() for row in page.locator(rows).all()]


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_company_sees_consenting_wishers_and_flags_one(desktop):
    fair = fair_make()
    electrician = Programme.objects.get(code="elektriker")
    tec = School.objects.get(short_name="TEC")
    nxt = School.objects.get(short_name="NEXT")
    el = company_make(fair, "Ballerup El ApS")
    other = company_make(fair, "Rødovre VVS ApS")
    aya = student_make(fair, "Aya Hussein", programme=electrician, school=tec)
    bo = student_make(fair, "Bo Jensen", school=tec)
    hidden = student_make(fair, "Jonas Skjult", consent=False, programme=electrician, school=nxt)
    stranger = student_make(fair, "Noah Andersen", programme=electrician, school=nxt)
    for student in (aya, bo, hidden):
        wishes.wish_add(student=student, company=el)
    wishes.wish_add(student=stranger, company=other)

    desktop.log_in(el.users.get())
    page = desktop.goto("/me/")
    page.click(f"a[href='/fairs/{fair.slug}/company/students/']")
    page.wait_for_url(f"**/fairs/{fair.slug}/company/students/")
    desktop.check()
    rows = [r[:3] for r in cells(page, "table tbody tr")]
    assert rows == [
        ["Aya Hussein", "Elektriker", tec.name],
        ["Bo Jensen", "", tec.name],
    ]
    text = page.inner_text("main")
    for absent in ("Jonas Skjult", "Noah Andersen", nxt.name):
        assert absent not in text

    page.click("button[aria-label='Markér Aya Hussein']")
    page.wait_for_selector(".message-success")
    desktop.check()
    assert page.inner_text(".message-success") == "I vil gerne møde Aya Hussein."
    page.reload()
    desktop.check()
    first = page.locator("table tbody tr").nth(0)
    assert first.locator("td").nth(3).inner_text().strip() == "Ja Fjern markering"
    assert page.locator("button[aria-label='Fjern markeringen af Aya Hussein']").count() == 1
    assert page.locator("button[aria-label='Markér Bo Jensen']").count() == 1
    assert list(Interest.objects.values_list("company__name", "student__user__name")) == [
        ("Ballerup El ApS", "Aya Hussein")
    ]
    # The student who wished another company appears on none of this company's pages.
    for path in ("/me/", f"/fairs/{fair.slug}/schedule/", f"/fairs/{fair.slug}/availability/"):
        desktop.goto(path)
        text = page.content()
        assert "Noah Andersen" not in text and stranger.user.email not in text


def _availability_save(pages, fair, start: str, end: str):
    page = pages.page
    page.fill("#id_available_from", start)
    page.fill("#id_available_until", end)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("load")
    pages.check()
    return page


def test_student_and_company_state_availability_and_a_bad_range_is_refused(phone, desktop):
    fair = fair_make()
    company = company_make(fair, "Glostrup Smedie ApS")
    student = student_make(fair, "Clara Østergaard")
    url = f"/fairs/{fair.slug}/availability/"

    phone.log_in(student.user)
    page = phone.goto("/me/")
    page.click(f"main a[href='{url}']")
    page.wait_for_url(f"**{url}")
    phone.check()
    assert page.inner_text("h1") == "Hvornår du kan holde samtaler"
    _availability_save(phone, fair, "11:00", "")
    assert page.inner_text(".message-success") == "Dine tider er gemt."
    page = phone.goto(url)
    assert (page.input_value("#id_available_from"), page.input_value("#id_available_until")) == (
        "11:00",
        "14:00",
    )

    _availability_save(phone, fair, "13:00", "12:00")
    assert page.url.endswith(url)
    assert "Sluttidspunktet skal ligge efter starttidspunktet." in page.inner_text("main form")
    assert page.locator(".message-success").count() == 0

    desktop.log_in(company.users.get())
    page2 = desktop.goto(url)
    _availability_save(desktop, fair, "", "13:00")
    assert page2.inner_text(".message-success") == "Dine tider er gemt."
    page2 = desktop.goto(url)
    assert (
        page2.input_value("#id_available_from"),
        page2.input_value("#id_available_until"),
    ) == ("10:00", "13:00")

    saved = {
        (a.student_id, a.company_id): (a.available_from, a.available_until)
        for a in Availability.objects.all()
    }
    assert saved == {
        (student.pk, None): (time(11), time(14)),
        (None, company.pk): (time(10), time(13)),
    }


def test_student_books_and_cancels_on_a_phone_and_a_busy_time_is_refused(phone, mailoutbox):
    fair = fair_make()
    slots = slots_make(fair)
    publish_mark(fair)
    el = company_make(fair, "Ballerup El ApS", tables=2)
    vvs = company_make(fair, "Rødovre VVS ApS")
    clara = student_make(fair, "Clara Østergaard")
    wishes.wish_add(student=clara, company=el)
    book(fair, slots[0], clara, vvs)
    mailoutbox.clear()

    phone.log_in(clara.user)
    page = phone.goto(f"/fairs/{fair.slug}/schedule/")
    page.click(f"a[href='/fairs/{fair.slug}/book/']")
    page.wait_for_url(f"**/fairs/{fair.slug}/book/")
    phone.check()
    assert page.locator(".card h2").all_inner_texts() == ["Ballerup El ApS", "Rødovre VVS ApS"]
    page.click("a[aria-label='Se ledige tidspunkter hos Ballerup El ApS']")
    page.wait_for_url(f"**/companies/{el.pk}/slots/")
    phone.check()
    assert page.inner_text("h1") == "Ledige tidspunkter hos Ballerup El ApS"
    page.click("button[aria-label='Book kl. 10:15']")
    page.wait_for_url(f"**/fairs/{fair.slug}/schedule/")
    phone.check()
    assert page.inner_text(".message-success") == "Samtalen er booket."
    rows = [r[:4] for r in cells(page, "table.schedule tbody tr")]
    assert rows == [
        ["10:00–10:12", "Rødovre VVS ApS", "A2", "1"],
        ["10:15–10:27", "Ballerup El ApS", "A1", "1"],
    ]

    booked = Interview.objects.get(company=el)
    page.click(f"a[href$='/interviews/{booked.pk}/cancel/']")
    page.wait_for_selector("#cancel-confirm")
    phone.check()
    page.click("#cancel-confirm")
    page.wait_for_selector(".message-success")
    phone.check()
    assert page.inner_text(".message-success") == "Samtalen er aflyst."
    rows = [r[:2] for r in cells(page, "table.schedule tbody tr")]
    assert rows == [["10:00–10:12", "Rødovre VVS ApS"]]
    # She cancelled it herself: she is not offered her own time back.
    assert [m.subject for m in mailoutbox if "ledigt tidspunkt" in m.subject] == []

    page = phone.goto(f"/fairs/{fair.slug}/companies/{el.pk}/slots/")
    page.click("button[aria-label='Book kl. 10:00']")
    page.wait_for_selector(".message-error")
    phone.check()
    # The refusal is shown on the same list of free times.
    assert page.inner_text("h1") == "Ledige tidspunkter hos Ballerup El ApS"
    assert page.inner_text(".message-error") == "Du har allerede en samtale på det tidspunkt."
    active = Interview.objects.filter(student=clara, status=InterviewStatus.BOOKED)
    assert list(active.values_list("company__name", "slot")) == [("Rødovre VVS ApS", slots[0].pk)]


def test_no_show_offers_the_freed_time_to_wishers_and_the_link_opens_booking(
    desktop, phone, mailoutbox
):
    fair = fair_make()
    slots = slots_make(fair)
    publish_mark(fair)
    vvs = company_make(fair, "Rødovre VVS ApS")
    aya, ben, cem = (student_make(fair, n) for n in ("Aya Hussein", "Ben Larsen", "Cem Yilmaz"))
    dan = student_make(fair, "Dan Holm")
    for student in (aya, ben, cem):
        wishes.wish_add(student=student, company=vvs)
    missed = book(fair, slots[0], aya, vvs)
    later = book(fair, slots[1], cem, vvs)
    mailoutbox.clear()

    desktop.log_in(vvs.users.get())
    page = desktop.goto(f"/fairs/{fair.slug}/schedule/")
    # No "did not come" before an interview has begun.
    assert page.locator("form[action$='/no-show/']").count() == 0
    cancel = "a[aria-label='Annuller samtalen med Cem Yilmaz kl. 10:15']"
    assert page.locator(cancel).count() == 1
    slot_begin(slots[0])  # Aya's interview began five minutes ago
    page = desktop.goto(f"/fairs/{fair.slug}/schedule/")
    assert page.locator(f"form[action$='/interviews/{later.pk}/no-show/']").count() == 0
    page.click(f"form[action$='/interviews/{missed.pk}/no-show/'] button")
    page.wait_for_selector(".message-success")
    desktop.check()
    assert page.inner_text(".message-success") == "Aya Hussein er markeret som udeblevet."
    rows = [r[:2] for r in cells(page, "table.schedule tbody tr")]
    assert rows == [["10:15–10:27", "Cem Yilmaz"]]
    assert Interview.objects.get(pk=missed.pk).status == InterviewStatus.NO_SHOW

    offers = [
        m for m in mailoutbox if m.subject == "Der er et ledigt tidspunkt hos Rødovre VVS ApS"
    ]
    assert [m.to for m in offers] == [[f"Ben Larsen <{ben.user.email}>"]]
    assert dan.user.email not in str([m.to for m in mailoutbox])
    link = re.search(r"https?://\S+/companies/\d+/slots/", offers[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    phone.log_in(ben.user)
    page = phone.goto("/" + path)
    assert page.inner_text("h1") == "Ledige tidspunkter hos Rødovre VVS ApS"
    # The time Aya missed has passed; Ben takes the next free one.
    page.click("button[aria-label='Book kl. 10:30']")
    page.wait_for_url(f"**/fairs/{fair.slug}/schedule/")
    phone.check()
    rows = [r[:2] for r in cells(page, "table.schedule tbody tr")]
    assert rows == [["10:30–10:42", "Rødovre VVS ApS"]]
