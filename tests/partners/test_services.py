from datetime import date

import pytest

from fair.exceptions import InvalidInput, NotAllowed
from fair.models import Programme
from partners.enums import RegisterStatus
from partners.models import Contribution, MappedStudent, StatusChange
from partners.selectors import possible_duplicates
from partners.services import (
    EntryIn,
    register_entry_add,
    register_merge,
    register_not_duplicate,
    register_status_change,
)
from tests.partners.conftest import add


def test_same_email_in_any_case_is_one_person_with_each_partners_contribution(jobcenter, guidance):
    first = add(jobcenter, "Sara Hansen", email="Sara@Example.org", programmes=["elektriker"])
    second = add(guidance, "Sara H.", email=" sara@example.ORG ", programmes=["smed"])
    assert first.pk == second.pk
    assert MappedStudent.objects.count() == 1
    person = MappedStudent.objects.get()
    assert person.email == "sara@example.org"
    assert sorted(p.code for p in person.programmes.all()) == ["elektriker", "smed"]
    details = {c.partner.name: c.details["name"] for c in person.contributions.all()}
    assert details == {
        "Jobcenter Ballerup": "Sara Hansen",
        "Ungdommens Uddannelsesvejledning": "Sara H.",
    }


def test_cpr_number_is_refused_in_the_name_and_nothing_is_stored(jobcenter):
    with pytest.raises(InvalidInput) as caught:
        add(jobcenter, "Ali Khan 010203-1234")
    assert list(caught.value.errors) == ["name"]
    with pytest.raises(InvalidInput):
        add(jobcenter, "Ali", email="0102031234@example.org")
    assert MappedStudent.objects.count() == 0


def test_same_name_and_birth_date_is_a_possible_duplicate_that_merges_into_one(jobcenter, guidance):
    born = date(2008, 5, 3)
    a = add(jobcenter, "Noah  Jensen", birth_date=born, programmes=["elektriker"])
    b = add(
        guidance,
        "noah jensen",
        birth_date=born,
        email="noah@example.org",
        programmes=["smed"],
        since=date(2026, 6, 1),
    )
    add(guidance, "Noah Jensen", birth_date=date(2008, 5, 4))  # another birthday: not shown
    assert [(x.pk, y.pk) for x, y in possible_duplicates()] == [(a.pk, b.pk)]
    kept = register_merge(keep=a, other=b)
    assert MappedStudent.objects.filter(pk=b.pk).exists() is False
    assert kept.email == "noah@example.org"
    assert kept.seeking_since == date(2026, 6, 1)
    assert sorted(p.code for p in kept.programmes.all()) == ["elektriker", "smed"]
    assert set(
        Contribution.objects.filter(person=kept).values_list("partner__name", flat=True)
    ) == {"Jobcenter Ballerup", "Ungdommens Uddannelsesvejledning"}
    assert StatusChange.objects.filter(person=kept).count() == 2
    assert possible_duplicates() == []


def test_kept_apart_pairs_are_not_shown_again_and_different_emails_never_merge(jobcenter, guidance):
    born = date(2008, 5, 3)
    a = add(jobcenter, "Emma Holm", birth_date=born, email="emma1@example.org")
    b = add(guidance, "Emma Holm", birth_date=born, email="emma2@example.org")
    with pytest.raises(NotAllowed):
        register_merge(keep=a, other=b)
    register_not_duplicate(first=b, second=a)
    assert possible_duplicates() == []


def test_status_history_keeps_every_change_and_the_latest_date_is_current(jobcenter):
    person = add(jobcenter, "Freja Lund", since=date(2026, 1, 10))
    register_status_change(
        person=person,
        status=RegisterStatus.TRAINING_AGREEMENT,
        effective=date(2026, 5, 1),
        user=None,
        partner=jobcenter,
    )
    register_status_change(
        person=person,
        status=RegisterStatus.SCHOOL_TRAINING,
        effective=date(2026, 3, 1),
        user=None,
        partner=jobcenter,
    )
    person.refresh_from_db()
    assert (person.status, person.status_since) == ("training_agreement", date(2026, 5, 1))
    assert list(person.status_changes.values_list("status", "effective")) == [
        ("seeking", date(2026, 1, 10)),
        ("school_training", date(2026, 3, 1)),
        ("training_agreement", date(2026, 5, 1)),
    ]
    with pytest.raises(InvalidInput):
        register_status_change(
            person=person, status="seeking", effective=date(2025, 1, 1), user=None, partner=None
        )


def test_fair_sign_up_feeds_the_register_once_linked(
    fair, jobcenter, django_capture_on_commit_callbacks
):
    from fair import services

    add(jobcenter, "Omar Ali", email="omar@example.org", programmes=["smed"])
    with django_capture_on_commit_callbacks(execute=True):
        student = services.student_register(
            fair=fair,
            name="Omar Ali",
            email="omar@example.org",
            programmes=[Programme.objects.get(code="elektriker")],
            consent_profile=True,
        )
    with django_capture_on_commit_callbacks(execute=True):
        other = services.student_register(
            fair=fair,
            name="Ida Dahl",
            email="ida@example.org",
            programmes=[Programme.objects.get(code="murer")],
            consent_profile=True,
            placement_status="school_training",
        )
        services.student_register(
            fair=fair,
            name="Placed",
            email="placed@example.org",
            programmes=[Programme.objects.get(code="murer")],
            consent_profile=True,
            placement_status="has_placement",
        )
    assert MappedStudent.objects.count() == 2
    omar = MappedStudent.objects.get(email="omar@example.org")
    assert omar.student == student
    assert sorted(p.code for p in omar.programmes.all()) == ["elektriker", "smed"]
    assert sorted(str(c) for c in omar.contributions.all()) == [
        "Omar Ali: Jobcenter Ballerup",
        f"Omar Ali: {fair.name}",
    ]
    ida = MappedStudent.objects.get(student=other)
    assert ida.status == RegisterStatus.SCHOOL_TRAINING


def test_entry_in_the_future_is_refused(jobcenter):
    entry = EntryIn(
        name="X", seeking_since=date(2099, 1, 1), programmes=[Programme.objects.get(code="smed")]
    )
    with pytest.raises(InvalidInput) as caught:
        register_entry_add(entry=entry, partner=jobcenter)
    assert list(caught.value.errors) == ["seeking_since"]


def test_a_persons_export_holds_their_register_entry_and_erasure_removes_it(jobcenter):
    from fair.account_services import person_delete
    from fair.models import User
    from fair.selectors import person_export

    user = User.objects.create_user("sara@example.org", name="Sara Hansen")
    add(jobcenter, "Sara Hansen", email="SARA@example.org")
    add(jobcenter, "Someone Else", email="else@example.org")
    exported = person_export(user=user)["mapping_register"]
    assert [(e["name"], e["reported_by"]) for e in exported] == [
        ("Sara Hansen", ["Jobcenter Ballerup"])
    ]
    person_delete(user=user)
    assert list(MappedStudent.objects.values_list("email", flat=True)) == ["else@example.org"]
