"""The organizers' badge desk in a real Chromium: search, re-issue with a reason, download."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from badges import services
from badges.models import Badge, BadgeEvent
from tests.badges.conftest import student_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_organizer_reissues_a_lost_badge_and_downloads_the_new_one(desktop, django_user_model):
    from tests.conftest import fair_make

    fair = fair_make()
    aya = student_make(fair, name="Aya Hussein", email="aya@example.org")
    student_make(fair, name="Bo Ørsted", email="bo@example.org")
    old = services.badge_issue(fair=fair, user=aya.user)
    organizer = django_user_model.objects.create_user(
        email="org@example.org", name="Olga Arrangør", is_staff=True, role="organizer"
    )
    desktop.log_in(organizer)

    page = desktop.goto(f"/organizer/fairs/{fair.slug}/badges/")
    page.fill("#desk-q", "hussein")
    with page.expect_navigation():
        page.click(".desk-search button[type=submit]")
    desktop.check()
    expect(page.locator("#desk-people-heading")).to_have_text("1 person fundet")
    card = page.locator(f"#person-{aya.user.pk}")
    expect(card.locator(".desk-state")).to_contain_text("Navneskilt version 1, udstedt")

    card.get_by_text("Genudsted navneskiltet til Aya Hussein …").click()
    with page.expect_navigation():
        card.get_by_role("button", name="Genudsted").click()
    desktop.check()  # the error, shown in the opened form
    card = page.locator(f"#person-{aya.user.pk}")
    expect(card.locator(".error")).to_have_text("Fejl: Dette felt er påkrævet.")
    assert Badge.objects.filter(revoked_at__isnull=True).get().pk == old.pk

    card.get_by_label("Mistet navneskilt").check()
    with page.expect_navigation():
        card.get_by_role("button", name="Genudsted").click()
    desktop.check()
    expect(page.locator(".messages")).to_have_text(
        "Aya Hussein har fået et nyt navneskilt (version 2); det gamle åbner ikke længere døren."
    )
    expect(page.locator("#desk-fresh-heading")).to_have_text(
        "Nyt navneskilt til Aya Hussein (version 2)"
    )
    with page.expect_download() as download:
        page.get_by_role("button", name="Hent det nye navneskilt (PDF)").click()
    assert download.value.suggested_filename == f"badge-{fair.slug}-{aya.user.pk}-v2.pdf"
    assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"

    page = desktop.goto(f"/organizer/fairs/{fair.slug}/badges/?q=Aya")

    page.locator(f"#person-{aya.user.pk}").get_by_text(
        "Log over navneskiltet til Aya Hussein"
    ).click()
    desktop.check()
    log = page.locator(f"#person-{aya.user.pk} .desk-log li")
    expect(log).to_have_count(3)
    assert (
        log.nth(0)
        .inner_text()
        .endswith("Udskrevet · version 2 · Olga Arrangør · Nyt eller genudstedt navneskilt")
    )
    assert list(
        BadgeEvent.objects.order_by("pk").values_list(
            "badge__version", "kind", "by__name", "reason"
        )
    ) == [
        (1, "issue", None, ""),
        (2, "reissue", "Olga Arrangør", "Mistet navneskilt"),
        (2, "print", "Olga Arrangør", "Nyt eller genudstedt navneskilt"),
    ]
