"""The error summary in a real Chromium: it takes the focus, and its links lead to the fields."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_invalid_sign_up_focuses_the_summary_and_its_link_focuses_the_field(phone):
    from tests.conftest import fair_make

    fair = fair_make()
    page = phone.goto(f"/fairs/{fair.slug}/students/signup/")
    page.click("form.form button[type=submit]")  # empty: the form has novalidate
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    assert summary.get_attribute("role") == "alert"
    phone.check()
    summary.get_by_role("link", name="Dit navn: Dette felt er påkrævet.").click()
    expect(page.locator("#id_name")).to_be_focused()
