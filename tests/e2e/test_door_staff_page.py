"""The organizers' door-staff page in a real Chromium at 320 px, axe on every step: create
door staff (a refused password first), assign an existing one, remove one."""

import re

import pytest
from playwright.sync_api import expect

from badges.models import DoorAssignment
from badges.services import door_device_create
from fair.enums import Role
from fair.models import User
from tests.e2e.conftest import Pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}
PASSWORD = "Dørvagt-ved-indgangen-7"


@pytest.fixture
def narrow(browser, live_server):
    context = browser.new_context(**NARROW)
    yield Pages(context.new_page(), live_server.url)
    context.close()


def test_organizer_creates_assigns_and_removes_door_staff_at_320_px(narrow):
    from tests.conftest import fair_make

    fair = fair_make()
    organizer = User.objects.create_user(
        "org@example.org", name="Olga Arrangør", role=Role.ORGANIZER, is_staff=True
    )
    User.objects.create_user(
        "dorte.doerholm@example.org", name="Dorte Dørholm", role=Role.DOOR, password=PASSWORD
    )
    door_device_create(fair=fair, name="Indgang Nord")
    narrow.log_in(organizer)

    page = narrow.goto("/organizer/")
    with page.expect_navigation():
        page.get_by_role("link", name="Dørpersonale").click()
    narrow.check()
    expect(page.locator("h1")).to_have_text(f"Dørpersonale ved {fair.name}")
    expect(page.locator("#door-devices li")).to_have_text([re.compile("^Indgang Nord · ")])

    # A password that is too short: the summary takes the focus, nothing is created.
    page.fill("#id_create-name", "Karl Kontrol")
    page.fill("#id_create-email", "karl@example.org")
    page.fill("#id_create-password1", "kort7")
    page.fill("#id_create-password2", "kort7")
    with page.expect_navigation():
        page.get_by_role("button", name="Opret og tilknyt som dørvagt").click()
    narrow.check()
    summary = page.locator("#create-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Denne adgangskode er for kort.")
    assert not User.objects.filter(email="karl@example.org").exists()

    page.fill("#id_create-password1", PASSWORD)
    page.fill("#id_create-password2", PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Opret og tilknyt som dørvagt").click()
    narrow.check()
    expect(page.locator(".messages")).to_contain_text("Karl Kontrol kan nu logge ind")

    page.fill("#id_assign-email", "dorte.doerholm@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name="Tilknyt som dørvagt", exact=True).click()
    narrow.check()
    expect(page.locator(".messages")).to_have_text("Dorte Dørholm er nu dørvagt ved messen.")
    expect(page.locator("#door-staff tbody th")).to_have_text(["Dorte Dørholm", "Karl Kontrol"])

    with page.expect_navigation():
        page.get_by_role("button", name="Fjern Karl Kontrol som dørvagt").click()
    narrow.check()
    expect(page.locator(".messages")).to_have_text(
        "Karl Kontrol er ikke længere dørvagt ved messen."
    )
    expect(page.locator("#door-staff tbody th")).to_have_text(["Dorte Dørholm"])
    assert list(DoorAssignment.objects.values_list("user__email", "assigned_by__email")) == [
        ("dorte.doerholm@example.org", "org@example.org")
    ]
