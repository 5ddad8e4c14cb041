"""On phones (320 and 390 px) every action of a table row is in view: the tables with
Cancel, Did not come and Save stack their rows as cards instead of scrolling sideways."""

import pytest
from playwright.sync_api import expect

from badges import services
from tests.badges.conftest import company_make, interview_make, student_make
from tests.e2e.conftest import PHONE, Pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=[320, 390])
def narrow(request, browser, live_server):
    context = browser.new_context(**{**PHONE, "viewport": {"width": request.param, "height": 740}})
    yield Pages(context.new_page(), live_server.url)
    context.close()


def in_view(page, locator) -> None:
    """The element lies inside the viewport's width: no sideways scroll needed to reach it."""
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    width = page.viewport_size["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, (box, width)


def test_cancel_is_in_view_on_a_phone(narrow):
    from tests.conftest import fair_make

    fair = fair_make()
    company = company_make(fair, name="Glostrup Elektro og Automatik ApS")
    aya = student_make(fair, name="Aya Hussein-Østergaard Nielsen", email="aya@example.org")
    interview_make(fair, student=aya, company=company, hour=10, table=2)
    narrow.log_in(company.users.get())
    page = narrow.goto(f"/fairs/{fair.slug}/schedule/")
    cancel = page.get_by_role("link", name="Annuller samtalen med Aya Hussein-Østergaard Nielsen")
    in_view(page, cancel)


def test_save_of_an_outcome_is_in_view_on_a_phone(narrow):
    from tests.conftest import fair_day_make

    fair = fair_day_make()
    company = company_make(fair)
    aya = student_make(fair, name="Aya Hussein", email="aya@example.org")
    interview_make(fair, student=aya, company=company, hour=10, table=2)
    badge = services.badge_issue(fair=fair, user=aya.user)
    services.stand_scan(company=company, token=badge.token, by=company.users.get())
    narrow.log_in(company.users.get())
    page = narrow.goto(f"/fairs/{fair.slug}/stand/")
    row = page.locator(".stand-table tbody tr", has_text="Aya Hussein")
    in_view(page, row.get_by_role("button", name="Gem"))
    in_view(page, row.get_by_label("Resultat for Aya Hussein"))
