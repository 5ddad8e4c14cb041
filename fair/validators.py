"""Reusable validators for CVR numbers and Danish phone numbers."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.dk import cvr as stdnum_cvr


def cvr_normalise(value: str) -> str:
    """Return the 8-digit CVR number, or raise ValidationError with a clear message."""
    try:
        return stdnum_cvr.validate(value or "")
    except stdnum_exceptions.InvalidLength:
        raise ValidationError(_("A CVR number has 8 digits."), code="cvr_length") from None
    except stdnum_exceptions.InvalidFormat:
        raise ValidationError(
            _("A CVR number has only digits and does not start with 0."), code="cvr_format"
        ) from None
    except stdnum_exceptions.ValidationError:
        raise ValidationError(
            _("This is not a valid CVR number (the check digit does not match)."),
            code="cvr_checksum",
        ) from None


def validate_cvr(value: str) -> None:
    """Model field validator for CVR numbers."""
    cvr_normalise(value)


def phone_normalise(value: str) -> str:
    """Return a phone number in E.164 form (+45 by default), or raise ValidationError."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "DK")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Enter a valid phone number, e.g. +45 12 34 56 78."), code="phone_invalid"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_phone(value: str) -> None:
    """Model field validator for phone numbers."""
    phone_normalise(value)
