"""Outreach pages on a phone (320 px): prospects, a prospect, campaigns, import, invitation."""

import pytest

from fair.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_outreach_pages_on_a_phone(phone):
    from outreach import services
    from tests.conftest import fair_make

    fair = fair_make()
    organizer = User.objects.create_user(
        "olga@example.org", "pw-123456", name="Olga", role="organizer", is_staff=True
    )
    org = services.prospect_add(
        cvr="13585628", name="Ballerup El ApS", user=organizer, status="contacted"
    )
    services.activity_add(organisation=org, kind="call", consultant=organizer, note="Ring igen")
    campaign = services.campaign_create(fair=fair, name="Efterår", user=organizer)
    services.invitation_create(
        campaign=campaign, organisation=org, email="mette@example.org", user=organizer
    )
    phone.log_in(organizer)
    for path in [
        "/outreach/",
        f"/outreach/prospects/{org.pk}/",
        "/outreach/campaigns/",
        f"/outreach/campaigns/{campaign.pk}/",
        "/outreach/prospects/add/",
        "/outreach/prospects/import/",
    ]:
        page = phone.goto(path)
        phone.check()
    page = phone.goto(f"/outreach/prospects/{org.pk}/")
    assert "Ring igen" in page.inner_text("main")
    page.select_option("#id_status-status", "visited")
    page.click("form:has(input[value=status]) button[type=submit]")
    page.wait_for_url(f"**/outreach/prospects/{org.pk}/")
    phone.check()
    assert "Besøgt" in page.inner_text("#status-history")
    page = phone.goto("/invitation/not-a-token/")
    phone.check()
