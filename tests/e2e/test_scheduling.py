"""The interview journey in a real Chromium: wishes on a phone, the organizer's run and
publication, and the student's schedule."""

import pytest

from booking.models import Interview, Wish
from tests.booking.test_interviews import company_make, organizer_make, student_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_student_ranks_three_on_a_phone_organizer_publishes_student_sees_schedule(phone, desktop):
    from tests.conftest import fair_make

    fair = fair_make()
    names = ["Albertslund El ApS", "Ballerup VVS ApS", "Glostrup Smedie ApS"]
    companies = [company_make(fair, name, tables=2) for name in names]
    student = student_make(fair, "Clara Østergaard")

    phone.log_in(student.user)
    page = phone.goto("/me/")
    page.click(f"a[href='/fairs/{fair.slug}/wishes/']")
    phone.check()
    for name in names:
        page.click(f"button[aria-label='Føj til mine ønsker: {name}']")
        page.wait_for_selector(f"text={name} er nu dit ønske nr.")
    phone.check()
    page.click("button[aria-label='Flyt Glostrup Smedie ApS op']")
    page.wait_for_load_state("load")
    phone.check()
    ranking = page.locator("#wish-list .wish-name").all_inner_texts()
    assert [r.split(" (")[0] for r in ranking] == [names[0], names[2], names[1]]
    assert list(Wish.objects.order_by("rank").values_list("company__name", flat=True)) == [
        names[0],
        names[2],
        names[1],
    ]

    desktop.log_in(organizer_make())
    page2 = desktop.goto(f"/organizer/fairs/{fair.slug}/schedule/")
    page2.click("text=Lav tidspunkter")
    page2.wait_for_selector("text=Messen har 16 samtaletidspunkter.")
    desktop.check()
    page2.click("#run-scheduler")
    page2.wait_for_selector("text=Planlæggeren fandt 3 samtaler.")
    desktop.check()
    assert page2.inner_text("#served") == "3 / 3"
    assert page2.inner_text("#score") == page2.inner_text("#bound")
    page2.click("#publish")
    page2.wait_for_selector("text=Offentliggør planen?")
    desktop.check()
    assert page2.inner_text("#preview-booked") == "3"
    page2.click("#publish-confirm")
    page2.wait_for_selector("text=Offentliggjort: 3 nye, 0 flyttede og 0 aflyste samtaler.")
    desktop.check()
    # The publish ran as a task; its progress page shows every invite handled.
    assert page2.get_attribute("#publish-state", "data-state") == "done"
    assert page2.inner_text("#invites-written") == page2.inner_text("#invites-sent") == "4"
    assert Interview.objects.filter(student=student).count() == 3

    page.goto(phone.base_url + "/me/")
    page.click(f"a[href='/fairs/{fair.slug}/schedule/']")
    phone.check()
    rows = page.locator("table.schedule tbody tr").all_inner_texts()
    assert len(rows) == 3
    stands = {c.name: c.stand_bookings.get().stand.code for c in companies}
    for name in names:
        row = next(r for r in rows if name in r)
        assert stands[name] in row
