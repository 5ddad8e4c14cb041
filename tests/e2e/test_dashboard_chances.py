"""The dashboard across years and the good-chances page in a real Chromium at 320 px."""

import io

import pytest
from django.core.management import call_command

from fair.models import User
from partners.models import Partner, PartnerStaff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    call_command(
        "seed_demo", "--fair", "dash", "--students", "15", "--companies", "5", stdout=io.StringIO()
    )
    return User.objects.get(email="organizer@dash.example.org")


def test_good_chances_page_on_a_phone(phone, demo):
    page = phone.goto("/gode-muligheder/")
    phone.check()
    assert page.inner_text("h1") == "Hvor er dine chancer gode?"
    assert page.locator(".chance").count() >= 1
    assert page.locator("svg[role=img] title").count() == page.locator(".chance").count()
    first = page.locator(".chance").first.get_attribute("id").removeprefix("chance-")
    page.select_option("#id_uddannelse", first)
    page.click("button:has-text('Vis')")
    page.wait_for_load_state("load")
    phone.check()
    assert page.locator(".chance").count() == 1


def test_dashboard_on_a_phone_for_an_organizer_and_a_partner(phone, demo):
    phone.log_in(demo)
    page = phone.goto("/organizer/trends/")
    phone.check()
    years = page.locator("#table-fairs tbody th").all_inner_texts()
    assert len(years) == 3
    with page.expect_download() as download:
        page.locator("a[href='/organizer/trends/fairs.xlsx']").click()
    assert download.value.suggested_filename.startswith("praktikmesse-fairs-")

    user = User.objects.create_user(email="uu@dash.example.org", name="UU", role="partner")
    PartnerStaff.objects.create(
        user=user, partner=Partner.objects.get_or_create(name="UU Test", kind="youth_guidance")[0]
    )
    phone.log_in(user)
    page = phone.goto("/organizer/trends/")
    phone.check()
    assert page.locator("#suppression-note").is_visible()
