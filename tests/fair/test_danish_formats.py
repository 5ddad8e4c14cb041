"""Danish formats in one place (fair/templatetags/danish.py): amounts, phone numbers and the
fair's day with its weekday, on the pages and in the e-mails that show them."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from booking.models import Stand
from fair.models import Fair
from fair.templatetags.danish import fair_day, kr, phone
from tests.booking.test_interviews import company_make, student_make


@pytest.mark.parametrize(
    ("value", "danish", "english"),
    [
        (12500, "12.500 kr.", "DKK 12,500"),
        (Decimal("12500.50"), "12.500,50 kr.", "DKK 12,500.50"),
        (1250000, "1.250.000 kr.", "DKK 1,250,000"),
        (0, "0 kr.", "DKK 0"),
        (None, "", ""),
    ],
)
def test_amounts_in_kroner(value, danish, english):
    with translation.override("da"):
        assert kr(value) == danish
    with translation.override("en"):
        assert kr(value) == english


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("44770000", "+45 44 77 00 00"),
        ("4477 0000", "+45 44 77 00 00"),
        ("+45 44770000", "+45 44 77 00 00"),
        ("+46 812345678", "+46 8 123 456 78"),
        ("ring til receptionen", "ring til receptionen"),
        ("", ""),
    ],
)
def test_phone_numbers_in_international_form(value, shown):
    assert phone(value) == shown


def test_the_fairs_day_has_its_weekday():
    with translation.override("da"):
        assert fair_day(date(2027, 3, 4)) == "torsdag 04.03.2027"
    with translation.override("en"):
        assert fair_day(date(2027, 3, 4)) == "Thursday 04.03.2027"


def test_pages_show_the_weekday_price_and_phone(client, fair):
    Fair.objects.filter(pk=fair.pk).update(date=date(2027, 3, 4))
    company = company_make(fair, "Ballerup El")
    company.phone = "44770000"
    company.save()
    Stand.objects.filter(bookings__company=company).update(price_dkk=12500)
    stand = Stand.objects.get(bookings__company=company)
    assert "torsdag 04.03.2027" in client.get(f"/fairs/{fair.slug}/").content.decode()
    detail = client.get(f"/fairs/{fair.slug}/stands/{stand.code}/").content.decode()
    assert "12.500 kr." in detail
    client.force_login(company.users.get())
    me = client.get("/me/").content.decode()
    assert "+45 44 77 00 00" in me and "torsdag 04.03.2027" in me
    client.force_login(student_make(fair, "Aya").user)
    schedule = client.get(f"/fairs/{fair.slug}/schedule/").content.decode()
    assert "torsdag 04.03.2027" in schedule
