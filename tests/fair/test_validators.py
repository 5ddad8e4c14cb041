import pytest
from django.core.exceptions import ValidationError

from fair.validators import cvr_normalise, phone_normalise


def test_cvr_normalise_accepts_valid_number_with_spaces():
    assert cvr_normalise("1358 5628") == "13585628"


@pytest.mark.parametrize(
    ("value", "code"),
    [("1234567", "cvr_length"), ("13585629", "cvr_checksum"), ("0358562A", "cvr_format")],
)
def test_cvr_normalise_rejects_with_reason(value, code):
    with pytest.raises(ValidationError) as info:
        cvr_normalise(value)
    assert info.value.code == code


def test_phone_normalise_adds_danish_prefix():
    assert phone_normalise("21 34 56 78") == "+4521345678"


def test_phone_normalise_blank_is_allowed():
    assert phone_normalise("") == ""


@pytest.mark.parametrize("value", ["123", "+45 00 00 00 00", "telefon"])
def test_phone_normalise_rejects_invalid(value):
    with pytest.raises(ValidationError) as info:
        phone_normalise(value)
    assert info.value.code == "phone_invalid"
