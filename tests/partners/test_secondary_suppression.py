"""Secondary suppression where partners and the public read counts: a "<5" cannot be worked
out by subtracting the other shown numbers from a total (docs/counting.md)."""

from fair.models import Municipality, Programme
from fair.suppression import HIDDEN, SUPPRESSED, Line
from tests.conftest import bearer
from tests.fair.dashboard.test_trends import students, table
from tests.fair.test_suppression import given_away
from tests.partners.conftest import add

SIZES = {"Ballerup": 3, "Albertslund": 7, "Glostrup": 12}


def _register(partner):
    for name, n in SIZES.items():
        place = Municipality.objects.get(name=name)
        for k in range(n):
            add(partner, f"{name} {k}", email=f"{name}{k}@example.org", municipality=place)


def test_partner_counts_by_municipality_hide_the_next_smallest(
    organizer, jobcenter, jobcenter_staff
):
    _register(jobcenter)
    url = "/api/v1/mapping/counts?group_by=municipality&month=2026-12"
    exact = bearer(organizer).get(url).json()
    by_name = {r["groups"][0]["name"]: r for r in exact["rows"]}
    assert {k: by_name[k]["lacking"] for k in SIZES} == SIZES
    hidden = bearer(jobcenter_staff).get(url).json()
    rows = {r["groups"][0]["name"]: r for r in hidden["rows"]}
    # Without the second rule, Ballerup = 22 - 7 - 12 = 3.
    assert rows["Ballerup"]["lacking"] == SUPPRESSED
    assert rows["Albertslund"]["lacking"] == HIDDEN
    assert rows["Glostrup"]["lacking"] == 12 and hidden["total"]["lacking"] == 22
    assert rows["Albertslund"]["change_month"] is None
    assert "“x”" in hidden["suppression"]
    # the reader, with every column and the total line, pins nothing down
    for column in ("seeking", "school_training", "lacking"):
        values = {k: by_name[k][column] for k in SIZES} | {"total": exact["total"][column]}
        shown = {k: rows[k][column] for k in SIZES} | {"total": hidden["total"][column]}
        assert given_away(values, shown, [Line(list(SIZES), "total")]) == []


def test_partner_mapping_page_shows_x_and_explains_it(client, jobcenter, jobcenter_staff):
    _register(jobcenter)
    client.force_login(jobcenter_staff)
    page = client.get("/partners/?group_by=municipality&month=2026-12").content.decode()
    assert "<td>x</td>" in page and "<td>&lt;5</td>" in page
    assert "“x” skjuler" in page


def test_trends_municipality_table_for_partners(client, fair, electrician, guidance_staff):
    for k, (name, n) in enumerate(SIZES.items()):
        place = Municipality.objects.get(name=name)
        students(fair, n, [electrician], municipality=place, start=100 * k)
    client.force_login(guidance_staff)
    page = client.get("/organizer/trends/").content.decode()
    rows = {r[0]: r[-1] for r in table(page, "municipalities")[1:]}
    # each column adds up to the fair's 22 seeking in the first table
    assert rows == {"Albertslund": "x", "Ballerup": "&lt;5", "Glostrup": "12"}


def test_chances_page_hides_the_next_smallest_seeking_count(client, fair):
    small, middle, large = Programme.objects.filter(main_area="tech").order_by("pk")[:3]
    for k, (programme, n) in enumerate(((small, 2), (middle, 6), (large, 9))):
        students(fair, n, [programme], start=100 * k)
    page = client.get("/gode-muligheder/").content.decode()
    assert "På messen: 0 pladser udbudt, under 5 elever søger." in page
    assert "0 pladser udbudt, ikke vist elever søger." in page
    assert "0 pladser udbudt, 9 elever søger." in page
