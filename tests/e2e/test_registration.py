"""User journeys of registration, in a real Chromium, in Danish."""

import re

import pytest

from fair.models import Company, Student, User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_student_signs_up_on_a_phone_logs_in_by_link_and_edits_profile(phone, mailoutbox):
    from tests.conftest import fair_make

    fair = fair_make()
    page = phone.goto(f"/fairs/{fair.slug}/")
    assert page.locator("html").get_attribute("lang") == "da"
    page.click(f"a[href='/fairs/{fair.slug}/students/signup/']")
    phone.check()
    page.fill("#id_name", "Clara Østergaard")
    page.fill("#id_email", "clara@example.org")
    page.select_option("#id_school", label="TEC – Technical Education Copenhagen")
    page.fill("#id_school_class", "GF2-B")
    page.click("summary:has-text('Teknologi, byggeri og transport')")
    page.check("input[name=programmes][value=elektriker]")
    page.check("#id_placement_status_0")
    page.check("#id_consent_profile")
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"**/fairs/{fair.slug}/signup/done/")
    phone.check()
    assert Student.objects.get().user.email == "clara@example.org"

    link = re.search(r"https?://[^/]+(/login/link/\S+/)", mailoutbox[0].body).group(1)
    phone.goto(link)
    assert "Clara Østergaard" in page.inner_text("main")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/me/")
    phone.check()
    assert "GF2-B" in page.inner_text("main")

    page.click("a[href='/me/edit/']")
    phone.check()
    page.fill("#id_school_class", "GF2-C")
    page.fill("#id_phone", "21 34 56 78")
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/me/")
    phone.check()
    main = page.inner_text("main")
    assert "GF2-C" in main and "+45 21 34 56 78" in main  # shown grouped (danish.phone)
    assert Student.objects.get().school_class == "GF2-C"


def test_company_with_invalid_cvr_is_refused_in_danish_then_signs_up(desktop, mailoutbox):
    from tests.conftest import fair_make

    fair = fair_make()
    page = desktop.goto(f"/fairs/{fair.slug}/companies/signup/")
    page.fill("#id_name", "Rødovre VVS ApS")
    page.fill("#id_cvr", "13585629")
    page.fill("#id_contact_name", "Jonas Dahl")
    page.fill("#id_contact_email", "jonas@vvs.example.org")
    page.fill("#id_address", "Roskildevej 10")
    page.fill("#id_postcode", "2610")
    page.fill("#id_city", "Rødovre")
    page.select_option("#id_offers-0-programme", "vvs-energiuddannelsen")
    page.check("#id_offers-0-approved")
    page.fill("#id_offers-0-placements", "2")
    page.click("form.form button[type=submit]")
    desktop.check()
    error = page.locator("#id_cvr_error")
    assert "Dette er ikke et gyldigt CVR-nummer" in error.inner_text()
    assert page.locator("#id_cvr").get_attribute("aria-invalid") == "true"
    assert Company.objects.count() == 0 and User.objects.count() == 0

    page.fill("#id_cvr", "13585628")
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"**/fairs/{fair.slug}/signup/done/")
    desktop.check()
    company = Company.objects.get()
    assert (company.cvr, company.users.get().email) == ("13585628", "jonas@vvs.example.org")
    assert mailoutbox[0].to == ["Jonas Dahl <jonas@vvs.example.org>"]


def test_staff_logs_in_with_password_and_reaches_the_organizer_pages(desktop):
    from tests.conftest import fair_make

    fair = fair_make()
    User.objects.create_user(
        email="org@example.org", name="Org", role="organizer", password="hemmelig-42", is_staff=True
    )
    page = desktop.goto("/login/staff/")
    page.fill("#id_username", "org@example.org")
    page.fill("#id_password", "hemmelig-42")
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/organizer/")
    desktop.check()
    page.click(f"a[href='/organizer/fairs/{fair.slug}/']")
    page.wait_for_url(f"**/organizer/fairs/{fair.slug}/")
    desktop.check()
    assert page.inner_text("#students-seeking") == "0"
    page.click("a[href='/organizer/']")
    page.click("a[href='/admin/']")
    page.wait_for_url("**/admin/")
    assert page.locator("#site-name").is_visible()


def test_keyboard_user_can_reach_signup_with_visible_focus(phone):
    from tests.conftest import fair_make

    fair = fair_make()
    page = phone.goto(f"/fairs/{fair.slug}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == (
            f"/fairs/{fair.slug}/students/signup/"
        ):
            break
    else:
        pytest.fail("the sign-up link cannot be reached with the keyboard")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/fairs/{fair.slug}/students/signup/")


def test_returning_student_asks_for_a_new_link_and_a_used_link_is_refused(phone, mailoutbox):
    from fair import services
    from fair.models import Programme
    from tests.conftest import fair_make

    fair = fair_make()
    services.student_register(
        fair=fair,
        name="Asta Holm",
        email="asta@example.org",
        programmes=[Programme.objects.get(code="murer")],
        consent_profile=False,
    )
    page = phone.goto("/login/")
    page.fill("#id_email", "asta@example.org")
    page.click("form.form button[type=submit]")
    phone.check()
    assert "asta@example.org" in page.inner_text("main")
    link = re.search(r"https?://[^/]+(/login/link/\S+/)", mailoutbox[-1].body).group(1)
    phone.goto(link)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/me/")
    assert "Asta Holm" in page.inner_text("main")
    page.click("header nav form button[type=submit]")  # log out
    page.wait_for_load_state("load")
    phone.goto(link)
    assert page.locator("h1").inner_text() == "Linket virker ikke"


def test_closed_registration_says_so_in_danish(phone):
    from tests.conftest import fair_make

    fair = fair_make("lukket2027", open_=False)
    page = phone.goto(f"/fairs/{fair.slug}/")
    assert page.locator(f"a[href='/fairs/{fair.slug}/students/signup/']").count() == 0
    assert "Tilmeldingen for elever er lukket." in page.inner_text("main")
    phone.goto(f"/fairs/{fair.slug}/students/signup/")
    assert page.locator("h1").inner_text() == "Tilmeldingen er lukket"


def test_visitor_switches_to_english_with_the_keyboard_and_back(phone):
    from tests.conftest import fair_make

    fair = fair_make()
    page = phone.goto(f"/fairs/{fair.slug}/")
    page.select_option("#language-select", "en")
    page.focus("form.language-switch button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    phone.check()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Sign up as a student" in page.inner_text("main")
    page.select_option("#language-select", "da")
    with page.expect_navigation():
        page.click("form.language-switch button")
    assert "Tilmeld dig som elev" in page.inner_text("main")


def test_company_contact_edits_the_company_profile_and_programmes(desktop):
    from fair import services
    from fair.models import Programme
    from tests.conftest import fair_make

    fair = fair_make()
    company = services.company_register(
        fair=fair,
        name="Glostrup Smedie ApS",
        cvr="13585628",
        address="Industrivej 4",
        postcode="2600",
        city="Glostrup",
        contact_name="Per Holm",
        contact_email="per@smedie.example.org",
        offers=[services.Offer(programme=Programme.objects.get(code="smed"), placements=1)],
    )
    desktop.log_in(company.users.get())
    page = desktop.goto("/me/edit/")
    page.fill("#id_city", "Ballerup")
    page.select_option("#id_offers-1-programme", "elektriker")
    page.fill("#id_offers-1-placements", "3")
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/me/")
    desktop.check()
    main = page.inner_text("main")
    assert "Ballerup" in main and "Elektriker" in main
    company.refresh_from_db()
    assert sorted((o.programme.code, o.placements) for o in company.offers.all()) == [
        ("elektriker", 3),
        ("smed", 1),
    ]
