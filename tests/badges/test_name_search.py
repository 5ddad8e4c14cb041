"""Name search folds Danish letters on SQLite as on PostgreSQL: "ærø" finds "Ærø"."""

import pytest

from badges import selectors
from tests.badges.conftest import company_make, device_client, student_make


@pytest.fixture
def people(fair):
    student_make(fair, name="Søren Ærø", email="s@example.org")
    student_make(fair, name="Åse Østergaard", email="a@example.org")
    student_make(fair, name="Aya Hussein", email="h@example.org")
    return fair


@pytest.mark.parametrize(
    ("q", "names"),
    [
        ("ærø", ["Søren Ærø"]),
        ("ÆRØ", ["Søren Ærø"]),
        ("åse øst", ["Åse Østergaard"]),
        ("a\u030ase", ["Åse Østergaard"]),  # "å" typed as a + combining ring
        ("søren   ærø", ["Søren Ærø"]),
        ("hussein", ["Aya Hussein"]),
    ],
)
def test_door_search_folds_danish_letters(people, q, names):
    assert [p["name"] for p in selectors.people_search(fair=people, q=q)] == names


def test_door_api_finds_lower_case_danish_letters(people):
    _device, door = device_client(people)
    found = door.get(f"/api/v1/fairs/{people.slug}/door/people", {"q": "østergaard"}).json()
    assert [p["name"] for p in found] == ["Åse Østergaard"]


def test_badge_desk_finds_lower_case_danish_letters(people):
    rows, more = selectors.badge_desk_list(fair=people, q="ærø")
    assert ([r.person.user.name for r in rows], more) == (["Søren Ærø"], False)


def test_search_stays_within_the_fair(people):
    from tests.conftest import fair_make

    other = fair_make("andet-aar")
    student_make(other, name="Ærø Anden", email="x@example.org")
    company_make(people)
    assert [p["name"] for p in selectors.people_search(fair=people, q="ærø")] == ["Søren Ærø"]
