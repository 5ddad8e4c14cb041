"""Issue 10.8b and f in a real Chromium: an erased person's badge is refused by an offline
door, and the door page works under the Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

from badges import services
from fair.account_services import person_delete
from tests.badges.conftest import student_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_offline_door_refuses_the_badge_of_an_erased_person(desktop):
    from tests.conftest import fair_make

    fair = fair_make()
    aya = student_make(fair, name="Aya Hussein", email="aya@example.org")
    token = services.badge_issue(fair=fair, user=aya.user).token
    bo = student_make(fair, name="Bo Ørsted", email="bo@example.org")
    services.badge_issue(fair=fair, user=bo.user)
    person_delete(user=aya.user)
    _device, key = services.door_device_create(fair=fair, name="Indgang 3")
    errors: list[str] = []
    desktop.page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page = desktop.goto(f"/fairs/{fair.slug}/door/#device={key}")
    page.wait_for_function("window.doorKeyReady === true")

    page.context.set_offline(True)
    page.fill("#door-token", token)
    page.keyboard.press("Enter")
    expect(page.locator("#door-result")).to_have_attribute("data-result", "revoked")
    assert "Content Security Policy" not in " ".join(errors)


@pytest.mark.parametrize("path", ["/api/v1/docs", "/admin/login/", "/login/staff/"])
def test_pages_outside_our_templates_work_under_the_policy(desktop, db, path):
    errors: list[str] = []
    desktop.page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    desktop.page.goto(desktop.base_url + path)
    desktop.page.wait_for_load_state("networkidle")
    if not path.startswith(("/api/", "/admin/")):  # Django's and ninja's own pages aside
        desktop.check()
    assert [e for e in errors if "Content Security Policy" in e] == []
