"""Door staff after log-in and after a check-in by name, in a real Chromium on a phone."""

import pytest
from playwright.sync_api import expect

from badges import services
from badges.models import CheckIn, DoorAssignment
from fair.enums import Role
from fair.models import User
from tests.badges.conftest import student_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _door_staff(fair):
    dorte = User.objects.create_user(
        email="door@example.org", name="Dorte", role=Role.DOOR, password="hemmelig-42"
    )
    DoorAssignment.objects.create(fair=fair, user=dorte)
    return dorte


def test_door_staff_land_on_their_fairs_door_page_after_log_in(phone):
    from tests.conftest import fair_day_make

    fair = fair_day_make()
    _door_staff(fair)
    page = phone.goto("/login/staff/")
    page.fill("#id_username", "door@example.org")
    page.fill("#id_password", "hemmelig-42")
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"**/fairs/{fair.slug}/door/")
    phone.check()
    assert page.inner_text("h1").startswith("Indtjekning ved døren")


def test_after_a_name_check_in_the_answer_shows_and_the_next_scan_goes_in(phone):
    from tests.conftest import fair_day_make

    fair = fair_day_make()
    student_make(fair, name="Aya Hussein", email="aya@example.org")
    ben = student_make(fair, name="Ben Larsen", email="ben@example.org")
    token = services.badge_issue(fair=fair, user=ben.user).token
    phone.log_in(_door_staff(fair))
    page = phone.goto(f"/fairs/{fair.slug}/door/")
    page.fill("#door-q", "hussein")
    page.click("#door-search-form button[type=submit]")
    row = page.locator("#door-people li", has_text="Aya Hussein")
    row.get_by_role("button", name="Tjek ind: Aya Hussein", exact=True).click()
    expect(page.locator("#door-result")).to_have_attribute("data-result", "ok")
    # The answer is in view and announced; the scan field has the focus again.
    expect(page.locator("#door-result")).to_be_in_viewport()
    assert page.get_attribute("#door-result", "aria-live") == "assertive"
    expect(page.locator("#door-token")).to_be_focused()
    phone.check()
    # The hand-held scanner types the next badge's code and Enter, without a tap first.
    page.keyboard.type(token)
    page.keyboard.press("Enter")
    expect(page.locator("#door-name")).to_have_text("Ben Larsen")
    expect(page.locator("#door-result")).to_have_attribute("data-result", "ok")
    assert sorted(CheckIn.objects.values_list("user__name", flat=True)) == [
        "Aya Hussein",
        "Ben Larsen",
    ]
