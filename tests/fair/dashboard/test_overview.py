import re

import pytest

from booking.enums import InterviewStatus, Outcome
from booking.models import Interview
from fair import services
from fair.models import Programme, User
from tests.booking.test_interviews import company_make, slots_make


@pytest.fixture
def organizer(db):
    return User.objects.create_superuser(email="org@example.org", name="Org", password="x")


def student(fair, n, programme, status="seeking"):
    return services.student_register(
        fair=fair,
        name=f"Elev {n}",
        email=f"elev{n}@example.org",
        programmes=[programme],
        consent_profile=True,
        placement_status=status,
    )


def cell(page: str, element_id: str) -> str:
    return re.search(rf'id="{element_id}">([^<]*)<', page).group(1)


def trades(page: str) -> list[list[str]]:
    table = page.split('id="trades"')[1].split("</table>")[0]
    body = "".join(re.findall(r"<tbody>(.*?)</tbody>", table, re.S))
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def test_overview_counts_students_trades_and_results(client, organizer, fair):
    electrician = Programme.objects.get(code="elektriker")
    painter = Programme.objects.get(code="bygningsmaler")
    a = student(fair, 1, electrician)
    student(fair, 2, electrician)
    student(fair, 3, electrician, status="has_placement")
    student(fair, 4, painter)
    company = company_make(fair, "Ballerup El ApS", tables=1, programme=electrician)
    slot = slots_make(fair)[0]
    Interview.objects.create(
        fair=fair,
        slot=slot,
        student=a,
        company=company,
        table=1,
        status=InterviewStatus.HELD,
        outcome=Outcome.TRIAL,
    )
    client.force_login(organizer)
    page = client.get(f"/organizer/fairs/{fair.slug}/").content.decode()
    assert (cell(page, "students-total"), cell(page, "students-seeking")) == ("4", "3")
    assert cell(page, "students-with-interview") == "1"
    assert (cell(page, "interviews-held"), cell(page, "outcome-trial")) == ("1", "1")
    offer = company.offers.get()
    placements = offer.placements if offer.approved else 0
    unapproved = 0 if offer.approved else offer.placements
    short = str(max(2 - placements, 0))
    assert trades(page) == [
        [
            "Teknologi, byggeri og transport",
            "4",
            "3",
            "0",
            str(int(offer.approved)),
            str(placements),
            str(max(3 - placements, 0)),
            str(unapproved),
        ],
        [
            "Elektriker",
            "3",
            "2",
            "0",
            str(int(offer.approved)),
            str(placements),
            short,
            str(unapproved),
        ],
        ["Bygningsmaler", "1", "1", "0", "0", "0", "1", "0"],
    ]


def test_overview_runs_a_fixed_number_of_queries(
    client, organizer, fair, django_assert_max_num_queries
):
    electrician = Programme.objects.get(code="elektriker")
    student(fair, 1, electrician)
    client.force_login(organizer)
    with django_assert_max_num_queries(20) as small:
        client.get(f"/organizer/fairs/{fair.slug}/")
    for n in range(2, 12):
        student(fair, n, Programme.objects.order_by("code")[n])
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(f"/organizer/fairs/{fair.slug}/")


def test_overview_and_organizer_home_are_for_staff_only(client, fair):
    electrician = Programme.objects.get(code="elektriker")
    client.force_login(student(fair, 1, electrician).user)
    assert client.get("/organizer/").status_code == 302
    assert client.get(f"/organizer/fairs/{fair.slug}/").status_code == 302


def test_organizer_home_links_every_page_of_a_fair(client, organizer, fair):
    client.force_login(organizer)
    page = client.get("/organizer/").content.decode()
    for path in ("", "stands/", "schedule/", "badges/", "messages/"):
        assert f'href="/organizer/fairs/{fair.slug}/{path}"' in page
    assert f'href="/fairs/{fair.slug}/door/"' in page


def test_overview_trades_table_scrolls_in_its_own_named_region(client, organizer, fair):
    client.force_login(organizer)
    page = client.get(f"/organizer/fairs/{fair.slug}/").content.decode()
    assert (
        '<div class="table-scroll" tabindex="0" role="region" aria-label="Tabel over fag">' in page
    )
    assert page.count('aria-labelledby="trades-heading"') == 1  # only the section
