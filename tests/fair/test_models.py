import csv
from datetime import time

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from fair.data.load import DATA
from fair.models import Company, Municipality, Programme, School, Student, User
from tests.conftest import fair_make


def test_reference_data_loads_every_programme_from_the_shipped_csv(db):
    with open(DATA / "eud_programmes.csv", encoding="utf-8") as handle:
        expected = {row["code"]: row for row in csv.DictReader(handle)}
    assert set(Programme.objects.values_list("code", flat=True)) == set(expected)
    electrician = Programme.objects.get(code="elektriker")
    assert (electrician.name_da, electrician.main_area) == ("Elektriker", "tech")


def test_programme_name_follows_the_active_language(db):
    programme = Programme.objects.get(code="tjener")
    with translation.override("da"):
        assert programme.name == "Tjener"
    with translation.override("en"):
        assert programme.name == "Waiter"


def test_reference_data_has_the_five_municipalities_and_schools(db):
    assert list(Municipality.objects.values_list("name", flat=True)) == [
        "Albertslund",
        "Ballerup",
        "Glostrup",
        "Høje-Taastrup",
        "Rødovre",
    ]
    assert set(School.objects.values_list("short_name", flat=True)) == {"TEC", "NEXT"}
    assert School.objects.get(short_name="NEXT").programmes.filter(code="eventkoordinator").exists()


def test_fair_refuses_interviews_outside_opening_hours(db):
    fair = fair_make()
    fair.interviews_end = time(16)
    with pytest.raises(IntegrityError), transaction.atomic():
        fair.save()


def test_fair_refuses_doors_closing_before_they_open(db):
    fair = fair_make()
    fair.closes_at = time(8)
    with pytest.raises(IntegrityError), transaction.atomic():
        fair.save()


def test_company_cvr_is_unique_per_fair_in_the_database(fair):
    Company.objects.create(fair=fair, name="A", cvr="13585628", address="x", postcode="2750")
    with pytest.raises(IntegrityError), transaction.atomic():
        Company.objects.create(fair=fair, name="B", cvr="13585628", address="y", postcode="2750")
    other = fair_make("other2027")
    Company.objects.create(fair=other, name="A", cvr="13585628", address="x", postcode="2750")
    assert Company.objects.filter(cvr="13585628").count() == 2


def test_student_is_unique_per_fair_in_the_database(fair):
    user = User.objects.create_user(email="a@example.org", name="A")
    Student.objects.create(fair=fair, user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Student.objects.create(fair=fair, user=user)


def test_user_email_is_unique(db):
    User.objects.create_user(email="a@example.org", name="A")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(email="a@example.org", name="B")


def test_student_has_no_cpr_field():
    names = {field.name for field in Student._meta.get_fields()}
    names |= {field.name for field in User._meta.get_fields()}
    assert not {n for n in names if "cpr" in n or "birth" in n}
