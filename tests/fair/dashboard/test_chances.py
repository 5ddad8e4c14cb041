"""The public good-chances page: numbers per programme, the verdict, suppression, the links."""

import re

import pytest

from fair.enums import ApprovalStatus
from fair.organisation_services import approval_record, organisation_upsert
from tests.booking.test_interviews import company_make
from tests.fair.dashboard.test_trends import offer, old_fair, students


def card(page: str, code: str) -> str:
    html = page.split(f'id="chance-{code}">')[1].split("</li>")[0]
    html = re.sub(r"<svg.*</svg>", "", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def market(fair, electrician, carpenter):
    """Electricians: 12 approved placements for 6 seekers; painters: 2 for 7."""
    students(fair, 6, [electrician])
    students(fair, 2, [electrician], status="has_placement", start=50)
    students(fair, 7, [carpenter], start=100)
    offer(fair, "El A/S", electrician, 12, approved=True)
    offer(fair, "Ikke godkendt El", electrician, 40, approved=False)  # not counted
    offer(fair, "Maler ApS", carpenter, 2, approved=True)
    return fair


def test_chances_page_is_public_and_judges_each_programme_by_the_stated_rule(client, market):
    response = client.get("/gode-muligheder/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "mindst 5 pladser og mindst 1,5 gange så mange pladser som søgende elever" in page
    assert card(page, "elektriker").startswith(
        "Elektriker ✓ Gode muligheder På messen: 12 pladser udbudt, 6 elever søger."
    )
    assert card(page, "bygningsmaler").startswith(
        "Bygningsmaler ! Mange om pladserne På messen: under 5 pladser udbudt, 7 elever søger."
    )
    # Good chances first, and each card has a chart that reads its numbers out.
    assert page.index('id="chance-elektriker"') < page.index('id="chance-bygningsmaler"')
    assert "Elektriker: udbudte pladser og søgende elever" in page
    assert "På messen: Udbudte pladser 12, Søgende elever 6." in page


def test_chances_page_suppresses_small_numbers(client, fair, electrician):
    students(fair, 3, [electrician])
    offer(fair, "El A/S", electrician, 4, approved=True)
    page = client.get("/gode-muligheder/").content.decode()
    assert "På messen: under 5 pladser udbudt, under 5 elever søger." in card(page, "elektriker")
    assert "Udbudte pladser under 5, Søgende elever under 5." in page
    assert ">3<" not in page and ">4<" not in page


def test_chances_page_filters_to_one_programme(client, market):
    page = client.get("/gode-muligheder/?uddannelse=bygningsmaler").content.decode()
    assert 'id="chance-bygningsmaler"' in page and 'id="chance-elektriker"' not in page


def test_chances_region_counts_approved_companies_latest_offer(client, db, electrician):
    """A company approved now counts with the placements of its latest fair; one whose
    approval was withdrawn does not count."""
    before, now = old_fair(2025), old_fair(2026)
    approved = organisation_upsert(cvr="10000001", name="El A/S")
    withdrawn = organisation_upsert(cvr="10000002", name="Gammel El")
    for fair_, placements in ((before, 3), (now, 8)):
        c = offer(fair_, "El A/S", electrician, placements, approved=True)
        c.organisation = approved
        c.save()
    old = offer(before, "Gammel El", electrician, 20, approved=True)
    old.organisation = withdrawn
    old.save()
    approval_record(
        organisation=approved,
        programme=electrician,
        status=ApprovalStatus.APPROVED,
        recorded_by=None,
    )
    for status in (ApprovalStatus.APPROVED, ApprovalStatus.NOT_APPROVED):
        approval_record(
            organisation=withdrawn, programme=electrician, status=status, recorded_by=None
        )
    page = client.get("/gode-muligheder/").content.decode()
    assert "I regionen: 8 pladser udbudt" in card(page, "elektriker")


def test_signup_and_wish_pages_link_to_the_chances_page(client, fair, electrician):
    page = client.get(f"/fairs/{fair.slug}/students/signup/").content.decode()
    assert '<a href="/gode-muligheder/" id="chances-link">Hvor er dine chancer gode?' in page
    student = students(fair, 1, [electrician])[0]
    client.force_login(student.user)
    page = client.get(f"/fairs/{fair.slug}/wishes/").content.decode()
    assert '<a href="/gode-muligheder/" id="chances-link">Hvor er dine chancer gode?' in page


def test_wish_list_shows_only_companies_in_my_programmes_by_default(
    client, fair, electrician, carpenter
):
    student = students(fair, 1, [electrician])[0]
    company_make(fair, "Ballerup El", programme=electrician)
    company_make(fair, "Glostrup Maler", programme=carpenter)
    company_make(fair, "Hede Uoplyst")  # no programme given: shown
    client.force_login(student.user)
    url = f"/fairs/{fair.slug}/wishes/"

    def names(page):
        return re.findall(r"<h3>([^<]+)</h3>", page)

    page = client.get(url).content.decode()
    assert names(page) == ["Ballerup El", "Hede Uoplyst"]
    assert re.search(r'<input type="radio" name="scope" value="mine"[^>]*checked>', page)
    assert "Kun virksomheder i mine uddannelser" in page
    assert names(client.get(url + "?q=e").content.decode()) == ["Ballerup El", "Hede Uoplyst"]
    assert names(client.get(url + "?scope=all").content.decode()) == [
        "Ballerup El",
        "Glostrup Maler",
        "Hede Uoplyst",
    ]
