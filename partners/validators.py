"""Checks on text that enters the mapping register: never a CPR number, never a formula."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Six digits that could be a date (ddmmyy), then four digits, with an optional dash or space:
# what a CPR number looks like, wherever it hides in a text.
CPR_RE = re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}[-\s]?\d{4}(?!\d)")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_cpr(value: str) -> bool:
    """True if the text holds something shaped like a Danish CPR number."""
    return bool(CPR_RE.search(value or ""))


def validate_no_cpr(value) -> None:
    """Refuse any text with a CPR number in it: the register never holds one."""
    if isinstance(value, str) and looks_like_cpr(value):
        raise ValidationError(
            _("This looks like a CPR number. The register never stores CPR numbers."),
            code="cpr",
        )


def validate_no_formula(value) -> None:
    """Refuse text that a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        raise ValidationError(
            _("Text may not start with = + - @ or a tab (spreadsheet formula)."), code="formula"
        )
