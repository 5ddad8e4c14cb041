"""The domain error base: a stable code, a translatable message and an HTTP status."""

from django.utils.translation import gettext_lazy as _


class FairError(Exception):
    """A domain rule said no. `code` is stable snake_case; `message` is for people."""

    status = 400
    code = "error"
    default_message = _("The request could not be carried out.")

    def __init__(self, message=None, *, code: str | None = None, field: str | None = None):
        self.message = message or self.default_message
        if code:
            self.code = code
        self.field = field
        super().__init__(str(self.message))


class InvalidInput(FairError):
    status = 422
    code = "invalid_input"
    default_message = _("Some of the information is not valid.")

    def __init__(self, errors: dict[str, list[str]], message=None):
        self.errors = errors
        first = next(iter(errors.values()), [None])[0]
        super().__init__(message or first or self.default_message)


class AlreadyExists(FairError):
    status = 409
    code = "already_exists"
    default_message = _("This already exists.")


class NotAvailable(FairError):
    status = 409
    code = "not_available"
    default_message = _("This is not available.")


class AlreadyBooked(FairError):
    status = 409
    code = "already_booked"
    default_message = _("This is already booked.")


class NotAllowed(FairError):
    status = 403
    code = "not_allowed"
    default_message = _("You are not allowed to do this.")


class Closed(NotAllowed):
    code = "closed"
    default_message = _("This is closed.")


class NotFound(FairError):
    status = 404
    code = "not_found"
    default_message = _("Not found.")


class InvalidToken(FairError):
    status = 422
    code = "invalid_token"
    default_message = _("The token is not valid.")
