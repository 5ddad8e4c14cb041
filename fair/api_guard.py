"""The API takes request bodies only as JSON.

A body sent to /api/ as `text/plain`, as a form (urlencoded or multipart) or as anything else
but `application/json` (or `application/…+json`) is refused with 415 and the API's error
shape before anything parses it: a page elsewhere cannot post JSON across sites with a
"simple" request (no preflight), and ninja never reads a text/plain body as JSON, so a NUL
in it never gets past `fair.middleware.NulCharacterMiddleware` (which checks JSON and form
bodies). HTML forms are not concerned: their fields refuse NUL characters themselves.
"""

import json

from django.http import HttpResponse
from django.utils.translation import gettext as _

BODY_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def is_json(content_type: str) -> bool:
    kind = (content_type or "").split(";")[0].strip().lower()
    return kind == "application/json" or (
        kind.startswith("application/") and kind.endswith("+json")
    )


def _has_body(request) -> bool:
    """Is there content? An empty form (no field, no file) counts as none: it carries no
    JSON, and a client that posts nothing to a bodiless endpoint may still label it a form."""
    length = (request.META.get("CONTENT_LENGTH") or "0").strip()
    chunked = request.META.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked"
    if length in ("", "0") and not chunked:
        return False
    body = request.body  # read once and kept: whatever parses it later reads the copy
    kind, _sep, params = request.META.get("CONTENT_TYPE", "").partition(";")
    if kind.strip().lower() == "multipart/form-data":
        boundary = params.partition("boundary=")[2].split(";")[0].strip().strip('"')
        return body.strip() not in (b"", b"--" + boundary.encode("latin-1", "replace") + b"--")
    return bool(body.strip())


class JsonOnlyApiMiddleware:
    """415 for an API request whose body is not JSON. Runs after the language is chosen."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith("/api/")
            and request.method in BODY_METHODS
            and not is_json(request.META.get("CONTENT_TYPE", ""))
            and _has_body(request)
        ):
            message = _("Send the request body as JSON (Content-Type: application/json).")
            body = {"code": "unsupported_media_type", "detail": message, "message": message}
            return HttpResponse(json.dumps(body), status=415, content_type="application/json")
        return self.get_response(request)
