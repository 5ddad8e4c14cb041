"""User journeys of issue 6 in a real Chromium, in Danish: an organizer messages a group,
a student subscribes to their calendar and makes a new address."""

import pytest

from fair.account_services import login_token_make
from fair.models import EmailLog, User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_organizer_previews_counts_and_sends_a_message_to_all_companies(desktop, mailoutbox):
    from tests.booking.notification_helpers import world_make

    w = world_make(students=2)
    User.objects.create_user(
        email="org@example.dk", name="Org", role="organizer", is_staff=True, password="s3cret-Pw!"
    )
    url = f"/organizer/fairs/{w.fair.slug}/messages/"
    page = desktop.goto(url)  # not logged in: the staff log-in
    page.fill("#id_username", "org@example.dk")
    page.fill("#id_password", "s3cret-Pw!")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**{url}")
    desktop.check()

    page.select_option("#id_group", "companies")
    page.fill("#id_subject", "Parkering")
    page.fill("#id_body", "Brug P-pladsen bag hallen.")
    page.click("button[value=preview]")
    page.wait_for_selector("#recipient-count")
    desktop.check()
    assert page.inner_text("#recipient-count") == "Beskeden går til 1 person."
    assert "Hej HR Novo Nordisk" in page.inner_text(".preview")
    assert EmailLog.objects.count() == 0

    page.click("button[value=send]")
    page.wait_for_selector(".message-success")
    desktop.check()
    assert page.inner_text(".message-success") == "Beskeden er på vej til 1 person."
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["HR Novo Nordisk <hr@dst2027.example.dk>"], "Parkering")
    ]


def test_student_subscribes_to_the_calendar_and_resets_the_address(phone):
    from tests.booking.notification_helpers import world_make

    w = world_make(students=1)
    # A short address: a long one overflows the profile facts on a phone (site.css, not ours).
    User.objects.filter(pk=w.students[0].user_id).update(email="aase@ex.dk")
    page = phone.goto(f"/login/link/{login_token_make(user=w.students[0].user)}/")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/me/")
    phone.check()

    page.click("a[href='/me/calendar/']")
    page.wait_for_url("**/me/calendar/")
    phone.check()
    webcal = page.get_attribute("a.button[href^='webcal:']", "href")
    address = page.input_value("#feed-url")
    assert webcal == "webcal://" + address.split("://", 1)[1]
    feed = page.request.get(address)
    assert (feed.status, feed.headers["content-type"]) == (200, "text/calendar; charset=utf-8")
    assert "SUMMARY:Samtale med Novo Nordisk" in feed.text()
    download = page.request.get(phone.base_url + "/api/v1/me/calendar.ics")
    assert "SUMMARY:Samtale med Novo Nordisk" in download.text()

    page.click("text=Lav en ny adresse")
    page.wait_for_selector(".message-success")
    phone.check()
    assert page.input_value("#feed-url") != address
    assert page.request.get(address).status == 404
    assert page.request.get(page.input_value("#feed-url")).status == 200
