"""The one NinjaAPI at /api/v1/: authentication and error shapes for every app."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from badges.api import router as badges_router
from booking.api import router as booking_router
from fair.api import router as fair_router
from fair.api_auth import BearerTokenAuth, SessionCookieAuth
from fair.api_errors import problem_text
from fair.exceptions import FairError, InvalidInput
from outcomes.api import router as outcomes_router
from outreach.api import router as outreach_router
from partners.api import router as partners_router

api = NinjaAPI(
    title="praktikmesse",
    version="1",
    description="The API of the apprenticeship matchmaking fair.",
    urls_namespace="api",
    auth=[BearerTokenAuth(), SessionCookieAuth()],
)
api.add_router("/", fair_router)
api.add_router("/", booking_router)
api.add_router("/", badges_router)
api.add_router("/", partners_router)
api.add_router("/", outreach_router)
api.add_router("/", outcomes_router)


def _error(request, code: str, message, status: int, **extra):
    body = {"code": code, "detail": str(message), "message": str(message), **extra}
    return api.create_response(request, body, status=status)


@api.exception_handler(FairError)
def fair_error(request, exc: FairError):
    extra = {}
    if isinstance(exc, InvalidInput):
        extra["errors"] = [
            {"field": field, "problem": str(problem)}
            for field, problems in exc.errors.items()
            for problem in problems
        ]
    if exc.field and not extra:
        extra["field"] = exc.field
    return _error(request, exc.code, exc.message, exc.status, **extra)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    problems = []
    for error in exc.errors:
        parts = [str(p) for p in error.get("loc", ()) if p not in ("body", "payload")]
        location = ".".join(parts) or "body"
        problems.append({"field": location, "problem": problem_text(error)})
    first = problems[0] if problems else {"field": "body", "problem": ""}
    message = _("Invalid input in “%(field)s”: %(problem)s") % first
    return _error(request, "invalid_input", message, 422, errors=problems)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, "not_found", _("Not found."), 404)


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    return _error(request, "unauthorized", _("Log in or send a valid API token."), 401)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    if exc.status_code == 400 and str(exc.message).startswith("Cannot parse request body"):
        return _error(request, "invalid_json", _("The request body is not valid JSON."), 400)
    if exc.status_code == 403 and str(exc.message) == "CSRF check Failed":
        message = _("The form has expired (CSRF check failed). Reload the page and try again.")
        return _error(request, "csrf_failed", message, 403)
    return _error(request, "http_error", exc.message, exc.status_code)
