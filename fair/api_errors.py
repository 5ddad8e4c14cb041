"""Pydantic's validation errors in the person's language (its own messages are English)."""

from django.utils.translation import gettext_lazy as _

# Error type → message; the placeholders come from the error's `ctx`.
MESSAGES = {
    "missing": _("This field is required."),
    "bool_type": _("Enter true or false."),
    "bool_parsing": _("Enter true or false."),
    "int_type": _("Enter a whole number."),
    "int_parsing": _("Enter a whole number."),
    "int_from_float": _("Enter a whole number."),
    "float_type": _("Enter a number."),
    "float_parsing": _("Enter a number."),
    "decimal_parsing": _("Enter a number."),
    "string_type": _("Enter text."),
    "list_type": _("Enter a list."),
    "dict_type": _("Enter an object."),
    "model_type": _("Enter an object."),
    "model_attributes_type": _("Enter an object."),
    "string_too_long": _("Enter at most %(max_length)s characters."),
    "string_too_short": _("Enter at least %(min_length)s characters."),
    "too_long": _("Enter at most %(max_length)s items."),
    "too_short": _("Enter at least %(min_length)s items."),
    "greater_than_equal": _("Enter a number of at least %(ge)s."),
    "less_than_equal": _("Enter a number of at most %(le)s."),
    "greater_than": _("Enter a number greater than %(gt)s."),
    "less_than": _("Enter a number less than %(lt)s."),
    "enum": _("Choose one of: %(expected)s."),
    "literal_error": _("Choose one of: %(expected)s."),
    "string_pattern_mismatch": _("The format is not valid."),
    "date_parsing": _("Enter a valid date."),
    "date_from_datetime_parsing": _("Enter a valid date."),
    "datetime_parsing": _("Enter a valid date and time."),
    "datetime_from_date_parsing": _("Enter a valid date and time."),
    "time_parsing": _("Enter a valid time."),
    "timezone_aware": _("Give the time with its time zone, e.g. 2026-12-04T09:30:00+01:00."),
    "json_invalid": _("The request body is not valid JSON."),
    "extra_forbidden": _("This field is not allowed."),
}
FALLBACK = _("The value is not valid.")


def problem_text(error: dict) -> str:
    """One pydantic error as a sentence in the active language."""
    message = MESSAGES.get(error.get("type", ""), FALLBACK)
    try:
        return str(message) % {k: str(v) for k, v in (error.get("ctx") or {}).items()}
    except (KeyError, TypeError, ValueError):
        return str(FALLBACK)
