"""Abuse limits: log-in e-mails per address and per client address, sign-ups per client
address, and the answer to a locked-out staff log-in (django-axes counts the failures).

Counters are fixed windows in the cache (the database cache in every environment, so all
gunicorn workers share them). Two requests at the same instant may both pass the last free
place of a window: the limits are meant against floods, not to the exact request.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fair.exceptions import FairError


class RateLimited(FairError):
    """Too many requests of one kind from one client or for one address (HTTP 429)."""

    status = 429
    code = "rate_limited"


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or the address the trusted proxies saw.

    With FAIR_PROXY_COUNT proxies in front, each appends the address it got the request
    from to X-Forwarded-For, so the client is that many entries from the right; anything
    further left was written by the client and is not trusted.
    """
    count = settings.FAIR_PROXY_COUNT
    if count > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= count:
            return hops[-count]
    # None without an address (a request made in code): django-axes stores it as NULL.
    return request.META.get("REMOTE_ADDR") or None


def _key(kind: str, value: str, window: int) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"throttle:{kind}:{digest}:{int(time.time()) // window}"


def hit(kind: str, value: str, *, limit: int, window: int) -> bool:
    """Count one request of `kind` for `value`; False once more than `limit` in the window."""
    key = _key(kind, value, window)
    if cache.add(key, 1, timeout=window + 5):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return count <= limit


def login_mail_allowed(*, email: str, ip: str | None) -> bool:
    """Whether another log-in e-mail may go to `email` (per hour) requested from `ip`
    (per minute). Every request counts, for known and unknown addresses alike."""
    per_ip = ip is None or hit(
        "login-ip", ip, limit=settings.FAIR_LOGIN_MAILS_PER_IP_MINUTE, window=60
    )
    per_address = hit(
        "login-address",
        email,
        limit=settings.FAIR_LOGIN_MAILS_PER_ADDRESS_HOUR,
        window=3600,
    )
    return per_ip and per_address


def too_many() -> RateLimited:
    """The error the API answers with (429) when a limit is reached."""
    return RateLimited(
        _("Too many requests. Wait a few minutes and try again."), code="rate_limited"
    )


def signup_check(*, request: HttpRequest) -> None:
    """Count a sign-up from the client's address; RateLimited past the limit per minute."""
    ip = client_ip(request) or ""
    if not hit("signup-ip", ip, limit=settings.FAIR_SIGNUPS_PER_IP_MINUTE, window=60):
        raise too_many()


def staff_lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer to a locked-out staff log-in: the form again, with the reason."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    form = AuthenticationForm(request, data=request.POST or None)
    form.errors.clear()
    form.add_error(
        None,
        ngettext(
            "Too many failed log-ins for this account from your network. Wait %(minutes)s"
            " minute and try again.",
            "Too many failed log-ins for this account from your network. Wait %(minutes)s"
            " minutes and try again.",
            minutes,
        )
        % {"minutes": minutes},
    )
    context = {"form": form, "next": request.POST.get("next", "")}
    return render(request, "fair/login_staff.html", context, status=429)
