"""Sign-up that does not tell who is registered.

A sign-up for an address that already has an account answers exactly like a new one (same
status, same body, an e-mail to the address) and does the same work in the same time: the
registration runs for a placeholder address inside a savepoint that is rolled back, and the
owner of the address gets a log-in link through the same path a new person's link takes.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import TypeVar

from django.db import transaction

from fair import account_services, throttle
from fair.exceptions import AlreadyExists

T = TypeVar("T")


class _Rollback(Exception):
    pass


def signup_run(
    *,
    register: Callable[..., T],
    email_field: str,
    render: Callable[[T], dict] | None = None,
    base_url: str | None = None,
    **kwargs,
) -> dict | None:
    """Register through `register(**kwargs)` and mail a log-in link to the address.

    Returns `render(result)` with `id` blanked (the same for a known address), or None
    without `render`. Domain errors other than a known address pass through unchanged.
    """
    email = str(kwargs[email_field]).strip().lower()
    try:
        with transaction.atomic():
            out = _rendered(register(**kwargs), render)
    except AlreadyExists as exc:
        if exc.code != "email_taken":
            raise
        out = _rehearse(register, email_field, render, kwargs)
    if throttle.login_mail_allowed(email=email, ip=None):
        account_services.login_link_send(email=email, base_url=base_url)
    if out is None:
        return None
    return {**out, "id": None, **({"email": email} if "email" in out else {})}


def _rendered(result, render) -> dict | None:
    return render(result) if render is not None else None


def _rehearse(register, email_field: str, render, kwargs: dict) -> dict | None:
    """The same registration for an address nobody has, undone: its answer, its time."""
    placeholder = f"signup-{secrets.token_hex(8)}@example.invalid"
    answer: dict | None = None
    try:
        with transaction.atomic():
            answer = _rendered(register(**{**kwargs, email_field: placeholder}), render)
            raise _Rollback
    except _Rollback:
        pass
    return answer
