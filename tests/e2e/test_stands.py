"""User journeys of stand booking, in a real Chromium, in Danish."""

import pytest

from booking.models import StandBooking
from booking.stands import services
from tests.booking.stands_helpers import company_make, stands_make, user_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_company_books_a_free_stand_with_two_tables_and_an_organizer_approves_it(
    phone, desktop, django_user_model
):
    from tests.conftest import fair_make

    fair = fair_make()
    fair.stand_booking_requires_approval = True
    fair.save()
    stands_make(fair, 4)
    services.stand_book(fair=fair, company=company_make(fair, 1), code="A1")
    company = company_make(fair, 2)
    phone.log_in(user_of(company))

    page = phone.goto(f"/fairs/{fair.slug}/stands/")
    plan = page.locator("svg.floorplan")
    assert plan.get_attribute("viewBox") == "-20 -20 340 80"
    a1 = plan.locator(f"a[href='/fairs/{fair.slug}/stands/A1/']")
    assert a1.get_attribute("aria-label") == (
        "Stand A1, zone A, 6 m², reserveret, venter på godkendelse"
    )
    page.click("a[aria-label='Zoom ind']")
    phone.check()
    assert "zoom-2" in page.locator("svg.floorplan").get_attribute("class")

    a2 = page.locator(f"svg.floorplan a[href='/fairs/{fair.slug}/stands/A2/']")
    a2.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/fairs/{fair.slug}/stands/A2/")
    phone.check()
    page.check("input[name=tables][value='2']")
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"**/fairs/{fair.slug}/stands/")
    phone.check()
    assert "Tak! Jeres ønske om stand A2 venter på arrangørernes godkendelse." in page.inner_text(
        "main"
    )
    own = page.locator(f"svg.floorplan a[href='/fairs/{fair.slug}/stands/A2/']")
    assert own.get_attribute("class") == "stand stand-held stand-own"
    assert own.get_attribute("aria-label") == (
        "Stand A2, zone A, 6 m², reserveret, venter på godkendelse (jeres stand)"
    )
    assert "Jeres" in own.text_content()
    booking = StandBooking.objects.get(company=company)
    assert (booking.stand.code, booking.tables, booking.status) == ("A2", 2, "pending")

    organizer = django_user_model.objects.create_user(
        email="org@example.org", name="Arrangør", is_staff=True, role="organizer"
    )
    desktop.log_in(organizer)
    org = desktop.goto(f"/organizer/fairs/{fair.slug}/stands/")
    card = org.locator(f"#pending-{booking.pk}")
    assert "Stand A2 · CVR" in card.inner_text()
    card.get_by_role("button", name="Bekræft Firma 2 ApS").click()
    org.wait_for_url(f"**/organizer/fairs/{fair.slug}/stands/")
    desktop.check()
    assert "Firma 2 ApS er bekræftet på stand A2." in org.inner_text("main")
    booking.refresh_from_db()
    assert booking.status == "confirmed"

    page = phone.goto(f"/fairs/{fair.slug}/stands/")
    own = page.locator(f"svg.floorplan a[href='/fairs/{fair.slug}/stands/A2/']")
    assert own.get_attribute("class") == "stand stand-booked stand-own"
    assert own.get_attribute("aria-label") == (
        "Stand A2, zone A, 6 m², booket af Firma 2 ApS (jeres stand)"
    )
    phone.goto("/me/")
    assert "Stand A2 (Bekræftet), 2 borde" in page.inner_text("main")


def test_organizer_imports_the_plan_rejects_with_a_reason_and_moves_a_company(
    desktop, django_user_model, tmp_path
):
    from tests.conftest import fair_make

    fair = fair_make()
    fair.stand_booking_requires_approval = True
    fair.save()
    organizer = django_user_model.objects.create_user(
        email="org@example.org", name="Arrangør", is_staff=True, role="organizer"
    )
    desktop.log_in(organizer)
    header = "code,zone,x,y,width,height,size_m2,power,price_dkk,note\n"
    bad = tmp_path / "bad.csv"
    bad.write_text(header + "A1,A,0,0,3,2,6,ja,0,\nA1,A,4,0,3,2,6,ja,0,\n", encoding="utf-8")
    page = desktop.goto(f"/organizer/fairs/{fair.slug}/stands/import/")
    page.set_input_files("#id_file", str(bad))
    page.click("form.form button[type=submit]")
    desktop.check()
    assert page.locator("#id_file_error").inner_text() == (
        "Fejl: Linje 3: Standkoden A1 står der to gange (også på linje 2). Intet blev importeret."
    )
    good = tmp_path / "good.csv"
    rows = "".join(f"A{n},A,{(n - 1) * 4},0,3,2,6,ja,2400,\n" for n in range(1, 5))
    good.write_text(header + rows, encoding="utf-8")
    page.set_input_files("#id_file", str(good))
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"**/organizer/fairs/{fair.slug}/stands/")
    desktop.check()
    assert "4 stande importeret." in page.inner_text("main")

    services.stand_book(fair=fair, company=company_make(fair, 1), code="A1")
    two = services.stand_book(fair=fair, company=company_make(fair, 2), code="A2")
    page = desktop.goto(f"/organizer/fairs/{fair.slug}/stands/")
    page.locator(f"#pending-{two.pk}").get_by_role("link", name="Afvis …").click()
    desktop.check()
    page.fill("#id_reason", "Zone A er forbeholdt byggefagene")
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"**/organizer/fairs/{fair.slug}/stands/")
    desktop.check()
    assert "Ønsket fra Firma 2 ApS er afvist." in page.inner_text("main")

    page.get_by_role("link", name="Flyt Firma 1 ApS").click()
    desktop.check()
    page.select_option("#id_stand", "A4")
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"**/organizer/fairs/{fair.slug}/stands/")
    desktop.check()
    assert "Firma 1 ApS er flyttet til stand A4." in page.inner_text("main")
    moved = page.locator("svg.floorplan a[href='#stand-A4']")
    assert moved.get_attribute("aria-label") == (
        "Stand A4, zone A, 6 m², reserveret, venter på godkendelse af Firma 1 ApS"
    )
    assert sorted(
        StandBooking.objects.values_list("stand__code", "company__name", "status", "reason")
    ) == [
        ("A2", "Firma 2 ApS", "rejected", "Zone A er forbeholdt byggefagene"),
        ("A4", "Firma 1 ApS", "pending", ""),
    ]
