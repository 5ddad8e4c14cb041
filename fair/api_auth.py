"""Authentication of the API: bearer tokens, or the browser session with its CSRF check."""

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone, translation
from ninja.security import HttpBearer, SessionAuth

from fair.models import ApiToken


class BearerTokenAuth(HttpBearer):
    """`Authorization: Bearer TOKEN` with a token an organizer created (stored hashed)."""

    def authenticate(self, request: HttpRequest, token: str):
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash_key(token), revoked_at__isnull=True)
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            translation.activate(found.user.language)  # the token's person reads their language
            request.LANGUAGE_CODE = found.user.language
        return found.user


class SessionCookieAuth(SessionAuth):
    """The browser session. CSRF is checked only when a session cookie comes with the request,
    so that a request with no credentials at all gets 401, not a CSRF 403."""

    def _get_key(self, request: HttpRequest):
        if self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)
