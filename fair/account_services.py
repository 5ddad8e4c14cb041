"""Writes of accounts: login links and tokens, API tokens, deleting a person."""

from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fair.emails import login_link_email_send
from fair.models import ApiToken, Company, EmailLog, User
from fair.privacy import ERASERS

LOGIN_SALT = "fair.login-link"


def login_token_make(*, user: User) -> str:
    """A signed, expiring log-in token that stops working once the user has logged in."""
    return signing.dumps({"u": user.pk, "l": _login_state(user)}, salt=LOGIN_SALT, compress=True)


def _login_state(user: User) -> str:
    return user.last_login.isoformat() if user.last_login else ""


def login_token_user(*, token: str, max_age: int) -> User | None:
    """The user a log-in token is for, or None when it is expired, used or altered."""
    try:
        data = signing.loads(token, salt=LOGIN_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None or data.get("l") != _login_state(user):
        return None
    return user


def api_token_create(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Create an API token; the plain key is returned once and never stored."""
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user, name=name, prefix=key[3:9], key_hash=ApiToken.hash_key(key)
    )
    return token, key


def api_token_revoke(*, token: ApiToken) -> None:
    """Revoke a token; requests with it are refused from now on."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


@transaction.atomic
def person_delete(*, user: User) -> None:
    """Delete a person and everything that is theirs (their right to erasure).

    Their profiles, wishes, interviews, badges and check-ins go with the user (cascade);
    their e-mails are deleted, and their name is blanked in e-mails sent to others.
    """
    for company in Company.objects.filter(users=user):
        company.users.remove(user)
    EmailLog.objects.filter(user=user).delete()
    if user.name:
        erased = str(_("[deleted person]"))
        for log in EmailLog.objects.filter(
            Q(body_text__contains=user.name) | Q(subject__contains=user.name)
        ):
            log.subject = log.subject.replace(user.name, erased)[:250]
            log.body_text = log.body_text.replace(user.name, erased)
            log.body_html = log.body_html.replace(user.name, erased)
            log.parts = [
                {**part, "content": part["content"].replace(user.name, erased)}
                if not part.get("base64")
                else part
                for part in log.parts
            ]
            log.save(update_fields=["subject", "body_text", "body_html", "parts"])
    for erase in ERASERS.values():  # what apps hold beyond the cascade (e.g. the register)
        erase(user)
    user.delete()


def login_link_send(*, email: str, base_url: str | None = None) -> bool:
    """E-mail a log-in link to a student or company user; says nothing about unknown ones."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None or user.logs_in_with_password:
        return False
    login_link_email_send(user=user, token=login_token_make(user=user), base_url=base_url)
    return True
