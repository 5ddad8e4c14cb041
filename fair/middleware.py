"""Request guards and the language: Danish unless the person chose English."""

import json
import re

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

# A NUL character can reach no field of ours: PostgreSQL refuses it in text, so it is refused
# at the door, in the path, the query or a JSON or form body (escaped or raw).
NUL_IN = {
    "url": re.compile(rb"\x00|%00"),
    "application/x-www-form-urlencoded": re.compile(rb"\x00|%00"),
    "application/json": re.compile(rb"\x00|\\u0000", re.IGNORECASE),
}


class NulCharacterMiddleware:
    """Answer 400 to a request that carries a NUL character, before anything reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        url = request.get_full_path_info().encode("utf-8", "surrogateescape")
        if "\x00" in request.path or NUL_IN["url"].search(url):
            return self.refuse(request)
        body_pattern = NUL_IN.get(request.content_type)
        if body_pattern is not None and body_pattern.search(request.body):
            return self.refuse(request)
        return self.get_response(request)

    @staticmethod
    def refuse(request) -> HttpResponse:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, settings.LANGUAGE_CODE)
        with translation.override(language if language in ("da", "en") else "da"):
            message = _("The request contains a NUL character, which no field accepts.")
        if request.path.startswith("/api/"):
            body = {"code": "invalid_input", "detail": message, "message": message}
            return HttpResponse(json.dumps(body), status=400, content_type="application/json")
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


class LanguageMiddleware:
    """Activate the language from the cookie or the logged-in user's profile, else Danish.

    It runs after authentication, so that a logged-in person's own language counts; API
    clients with a bearer token get their user's language from the token authentication.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        user = getattr(request, "user", None)
        if language not in self.supported and user is not None and user.is_authenticated:
            language = user.language
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


# Personal answers whoever asks: a badge, a calendar file or feed (opened by its secret link).
PERSONAL_TYPES = ("application/pdf", "text/calendar")


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every answer to a logged-in person or an API token, and
    on every PDF and calendar file: no shared or browser cache keeps personal data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        personal = (
            (user is not None and user.is_authenticated)
            or "HTTP_AUTHORIZATION" in request.META
            or response.get("Content-Type", "").split(";")[0].strip() in PERSONAL_TYPES
            or request.path.startswith("/login/link/")
        )
        if personal and "no-store" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)
        return response
