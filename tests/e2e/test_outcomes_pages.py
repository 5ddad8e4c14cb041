"""Outcome pages in Chromium at 320 px: the one-click confirm page and the organizers' pages."""

import pytest
from playwright.sync_api import expect

from fair.enums import Role
from fair.models import User
from outcomes.links import answer_token_make
from outcomes.models import Outcome
from tests.badges.conftest import company_make, interview_make, student_make
from tests.e2e.conftest import Pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def narrow(browser, live_server):
    """Like `phone`, but 320 px wide (WCAG reflow)."""
    context = browser.new_context(**NARROW)
    yield Pages(context.new_page(), live_server.url)
    context.close()


@pytest.fixture
def meeting():
    from tests.conftest import fair_make

    fair = fair_make()
    company = company_make(fair)
    aya = student_make(fair)
    interview_make(fair, student=aya, company=company)
    return aya, company


def test_student_confirms_trial_days_from_the_email_link(narrow, meeting):
    aya, company = meeting
    token = answer_token_make(user=aya.user, student=aya, company=company, kind="trial_days")
    page = narrow.goto(f"/outcomes/answer/{token}/")
    expect(page.locator("#chosen-answer")).to_have_text("Snuse- eller praktikdage")
    assert Outcome.objects.count() == 0  # opening the link records nothing
    page.get_by_label("Startdato").fill("2027-03-01")
    with page.expect_navigation():
        page.get_by_role("button", name="Bekræft svaret").click()
    narrow.check()
    expect(page.locator(".messages")).to_have_text("Tak. Dit svar er gemt.")
    expect(page.locator("#current-answer")).to_contain_text("01.03.2027")
    assert Outcome.objects.get().kind == "trial_days"


def test_broken_link_page_is_accessible(narrow, db):
    page = narrow.goto("/outcomes/answer/not-a-token/")
    expect(page.locator("h1")).to_have_text("Linket virker ikke")


def test_organizer_lists_meetings_and_records_an_agreement(narrow, meeting):
    aya, company = meeting
    organizer = User.objects.create_user(
        "org@example.org", "pw", name="Olga", role=Role.ORGANIZER, is_staff=True
    )
    narrow.log_in(organizer)
    page = narrow.goto(f"/fairs/{aya.fair.slug}/outcomes/")
    with page.expect_navigation():
        page.get_by_role("link", name="Aya Hussein").click()
    narrow.check()
    page.get_by_label("Uddannelsesaftale").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Gem resultatet").click()
    narrow.check()  # the form's error: a start date is needed
    expect(page.locator(".field-error .error")).to_contain_text("Skriv datoen, hvor det begynder.")
    page.get_by_label("Startdato").fill("2027-08-01")
    with page.expect_navigation():
        page.get_by_role("button", name="Gem resultatet").click()
    narrow.check()
    expect(page.locator("#history li")).to_have_count(1)
    expect(page.locator("#history li").first).to_contain_text("Uddannelsesaftale, 01.08.2027")
