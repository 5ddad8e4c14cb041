"""Danish formats in one place: amounts, phone numbers and the fair's day.

{% load danish %}
{{ stand.price_dkk|kr }}        12.500 kr.      (English: DKK 12,500)
{{ company.phone|phone }}       +45 44 77 00 00
{{ fair.date|fair_day }}        torsdag 04.03.2027  (English: Thursday 04.03.2027)
"""

from datetime import date
from decimal import Decimal, InvalidOperation

import phonenumbers
from django import template
from django.utils import dateformat, translation

register = template.Library()


def _grouped(value: Decimal, thousands: str, decimal: str) -> str:
    whole, _, cents = f"{abs(value):,.2f}".partition(".")
    text = whole.replace(",", thousands) + ("" if cents == "00" else decimal + cents)
    return "-" + text if value < 0 else text


@register.filter
def kr(value) -> str:
    """An amount in Danish kroner: 12.500 kr. (øre only when there are any: 12.500,50 kr.)."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if translation.get_language() == "en":
        return "DKK " + _grouped(amount, ",", ".")
    return _grouped(amount, ".", ",") + " kr."


@register.filter
def phone(value) -> str:
    """A phone number as +45 44 77 00 00 (Danish numbers without +45 are read as Danish);
    anything that is not a valid number is shown as it was written."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(str(value), "DK")
    except phonenumbers.NumberParseException:
        return str(value)
    if not phonenumbers.is_valid_number(number):
        return str(value)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@register.filter
def fair_day(value) -> str:
    """A fair's day with its weekday, in the active language: torsdag 04.03.2027."""
    if not isinstance(value, date):
        return ""
    return dateformat.format(value, "l d.m.Y")
