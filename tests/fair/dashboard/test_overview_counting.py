"""The overview's trade counts: once per trade group, school-based training, approved supply."""

import pytest

from fair.models import Organisation, OrganisationApproval, Programme, User
from tests.booking.test_interviews import company_make
from tests.fair.dashboard.test_overview import student, trades


@pytest.fixture
def organizer(db):
    return User.objects.create_superuser(email="org@example.org", name="Org", password="x")


def page_of(client, organizer, fair) -> str:
    client.force_login(organizer)
    return client.get(f"/organizer/fairs/{fair.slug}/").content.decode()


def test_two_programmes_of_one_trade_group_count_once_in_the_group(client, organizer, fair):
    electrician, smith = Programme.objects.filter(code__in=["elektriker", "smed"]).order_by("code")
    office = Programme.objects.get(code="kontoruddannelsen")
    both = student(fair, 1, electrician)
    both.programmes.add(smith)
    student(fair, 2, smith, status="school_training")
    student(fair, 3, office)
    rows = trades(page_of(client, organizer, fair))
    # group: students, seeking, school training; programme rows may add up to more
    assert [r[:4] for r in rows] == [
        ["Teknologi, byggeri og transport", "2", "1", "1"],
        ["Smed", "2", "1", "1"],
        ["Elektriker", "1", "1", "0"],
        ["Kontor, handel og forretningsservice", "1", "1", "0"],
        ["Kontoruddannelsen", "1", "1", "0"],
    ]


def test_placements_count_only_from_approved_companies(client, organizer, fair):
    electrician = Programme.objects.get(code="elektriker")
    for n in range(1, 4):
        student(fair, n, electrician)
    approved = company_make(fair, "Godkendt El ApS", stand=None, programme=electrician)
    approved.offers.update(approved=True, placements=2)
    declared = company_make(fair, "Erklæret El ApS", stand=None, programme=electrician)
    declared.offers.update(approved=True, placements=5)
    # The organisation's latest approval says "not approved": its declaration does not count.
    organisation = Organisation.objects.create(cvr=declared.cvr, name=declared.name)
    declared.organisation = organisation
    declared.save()
    OrganisationApproval.objects.create(
        organisation=organisation, programme=electrician, status="approved"
    )
    OrganisationApproval.objects.create(
        organisation=organisation, programme=electrician, status="not_approved"
    )
    company_make(fair, "Ikke godkendt ApS", stand=None, programme=electrician)  # 1 placement
    rows = trades(page_of(client, organizer, fair))
    assert rows[1] == ["Elektriker", "3", "3", "0", "1", "2", "1", "6"]


@pytest.mark.parametrize("size", [1, 12])
def test_overview_runs_the_same_number_of_queries_at_any_size(
    client, organizer, fair, size, django_assert_num_queries
):
    codes = list(Programme.objects.order_by("code").values_list("pk", flat=True))
    for n in range(size):
        s = student(fair, n, Programme.objects.get(pk=codes[n]))
        s.programmes.add(codes[n + 20])
        company_make(fair, f"Firma {n}", programme=Programme.objects.get(pk=codes[n]))
    client.force_login(organizer)
    with django_assert_num_queries(14):
        assert client.get(f"/organizer/fairs/{fair.slug}/").status_code == 200
