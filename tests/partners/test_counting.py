from datetime import date

import pytest
from django.utils import timezone

from partners.counting import register_counts, shown
from partners.enums import RegisterStatus
from partners.services import register_status_change
from tests.partners.conftest import add

NOW = date(2026, 12, 1)


def rows(table, *, exact=True):
    return {tuple(r.labels): r.view(exact=exact) for r in table.rows}


def test_two_programmes_of_one_trade_group_count_once_there_and_in_each_programme(jobcenter):
    add(jobcenter, "A", programmes=["elektriker", "smed"])  # both technology
    add(jobcenter, "B", programmes=["elektriker", "kontoruddannelsen"])  # two groups
    trade = register_counts(group_by=["trade"], month=NOW)
    assert {k: v["lacking"] for k, v in rows(trade).items()} == {
        ("Teknologi, byggeri og transport",): 2,
        ("Kontor, handel og forretningsservice",): 1,
    }
    assert trade.total.counts["lacking"] == 2  # each student once in the total
    programme = register_counts(group_by=["programme"], month=NOW)
    assert {k: v["lacking"] for k, v in rows(programme).items()} == {
        ("Elektriker",): 2,
        ("Smed",): 1,
        ("Kontoruddannelsen",): 1,
    }


def test_school_based_training_is_its_own_column_and_placed_students_are_not_counted(jobcenter):
    add(jobcenter, "A")
    add(jobcenter, "B", status=RegisterStatus.SCHOOL_TRAINING)
    add(jobcenter, "C", status=RegisterStatus.TRIAL_DAYS)
    add(jobcenter, "D", status=RegisterStatus.TRAINING_AGREEMENT)
    add(jobcenter, "E", status=RegisterStatus.LEFT)
    total = register_counts(group_by=["trade"], month=NOW).total.counts
    assert total == {"seeking": 2, "school_training": 1, "lacking": 3}


def test_status_at_month_end_and_trend_against_last_month_and_last_year(jobcenter):
    old = add(jobcenter, "Old", since=date(2025, 10, 1))
    register_status_change(
        person=old,
        status=RegisterStatus.TRAINING_AGREEMENT,
        effective=date(2025, 12, 15),
        user=None,
        partner=None,
    )
    add(jobcenter, "New", since=date(2026, 11, 20))
    late = add(jobcenter, "Late", since=date(2026, 10, 1))
    register_status_change(
        person=late,
        status=RegisterStatus.TRAINING_AGREEMENT,
        effective=date(2026, 11, 30),
        user=None,
        partner=None,
    )
    table = register_counts(group_by=["trade"], month=date(2026, 11, 1))
    assert table.total.counts["lacking"] == 1  # "New"; "Late" got a placement on 30.11.
    assert (table.total.previous, table.total.last_year) == (
        1,
        1,
    )  # Late in 10.2026, Old in 11.2025
    dec = register_counts(group_by=["trade"], month=date(2025, 12, 1))
    assert dec.total.counts["lacking"] == 0


def test_counts_from_one_to_four_are_suppressed_outside_organizers(jobcenter, ballerup):
    for n in range(3):
        add(jobcenter, f"S{n}", municipality=ballerup)
    for n in range(6):
        add(jobcenter, f"T{n}", programmes=["kontoruddannelsen"])
    table = register_counts(group_by=["trade", "municipality"], month=NOW)
    exact = rows(table, exact=True)
    hidden = rows(table, exact=False)
    key = ("Teknologi, byggeri og transport", "Ballerup")
    assert exact[key]["lacking"] == 3 and exact[key]["change_month"] == 0
    assert hidden[key]["lacking"] == "<5" and hidden[key]["change_month"] is None
    other = ("Kontor, handel og forretningsservice", "Kommune ikke kendt")
    assert hidden[other]["lacking"] == 6
    assert [shown(n, exact=False) for n in (0, 1, 4, 5)] == [0, "<5", "<5", 5]


def test_partner_filter_counts_only_what_that_partner_reported_once_each(jobcenter, guidance):
    add(jobcenter, "A", email="a@example.org")
    add(guidance, "A", email="a@example.org")
    add(guidance, "B")
    assert (
        register_counts(group_by=["trade"], month=NOW, partner=jobcenter).total.counts["lacking"]
        == 1
    )
    both = register_counts(group_by=["partner"], month=NOW)
    assert {k: v["lacking"] for k, v in rows(both).items()} == {
        ("Ungdommens Uddannelsesvejledning",): 2,
        ("Jobcenter Ballerup",): 1,
    }
    assert both.total.counts["lacking"] == 2


@pytest.mark.parametrize("size", [2, 12])
def test_counting_runs_a_fixed_number_of_queries(
    jobcenter, ballerup, size, django_assert_num_queries
):
    for n in range(size):
        add(
            jobcenter,
            f"P{n}",
            municipality=ballerup if n % 2 else None,
            programmes=["elektriker", "smed"] if n % 3 else ["frisoer"],
        )
    with django_assert_num_queries(7):
        register_counts(
            group_by=["trade", "programme", "municipality", "partner", "school"],
            month=timezone.localdate(),
        )
