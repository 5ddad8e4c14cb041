"""The site's own address for links in e-mails: the request's host while a request runs.

`make demo PORT=8080` and a site reached under another name than `FAIR_BASE_URL` then get
links that work. Outside a request (the worker, commands) `FAIR_BASE_URL` is used. The host
comes from `request.get_host()`, which Django checks against `ALLOWED_HOSTS`, so a forged
Host header cannot put a foreign address into a log-in link.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import DisallowedHost

_request_base: ContextVar[str | None] = ContextVar("fair_request_base_url", default=None)


def site_url() -> str:
    """Scheme and host without a trailing slash, e.g. "http://localhost:8080"."""
    return (_request_base.get() or settings.FAIR_BASE_URL).rstrip("/")


class SiteUrlMiddleware:
    """Remembers the request's scheme and host for `site_url` while the request runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            base = f"{request.scheme}://{request.get_host()}"
        except DisallowedHost:
            base = None
        token = _request_base.set(base)
        try:
            return self.get_response(request)
        finally:
            _request_base.reset(token)
