"""Who works a fair's door: organizers put door-staff accounts on it, take them off, and
create new door-staff accounts (writes; the page is `badges.views_door_staff`).

Locks: none. The unique constraint `door_assignment_once` and the unique e-mail of a user
are the invariants; two organizers doing the same at once get one row and a form error.
There is no password-reset flow in the project, so a new account gets the initial password
the organizer gives it, checked by Django's password validators (AUTH_PASSWORD_VALIDATORS).
"""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from badges.models import DoorAssignment
from fair.enums import Role
from fair.exceptions import AlreadyExists, InvalidInput
from fair.models import Fair, User
from fair.rules import may_be_put_on_door


def _email_clean(email: str) -> str:
    return User.objects.normalize_email(email.strip()).lower()


def _assign(*, fair: Fair, user: User, by: User | None) -> DoorAssignment:
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction goes on
            return DoorAssignment.objects.create(fair=fair, user=user, assigned_by=by)
    except IntegrityError:
        raise AlreadyExists(
            _("%(name)s is already on this fair's door.") % {"name": user.name or user.email},
            code="already_assigned",
            field="email",
        ) from None


@transaction.atomic
def door_staff_assign(*, fair: Fair, email: str, by: User | None) -> DoorAssignment:
    """Put the active door-staff account with this e-mail address on the fair's door.

    InvalidInput (field `email`) for an unknown address or an account that is not door
    staff; AlreadyExists (`already_assigned`) when it is on this door already.
    """
    user = User.objects.filter(email__iexact=_email_clean(email)).first()
    if user is None:
        raise InvalidInput(
            {"email": [_("No account has this e-mail address. Create the person below.")]}
        )
    if not may_be_put_on_door(user):
        raise InvalidInput(
            {
                "email": [
                    _(
                        "This account is not an active door-staff account, so it cannot be"
                        " put on the door."
                    )
                ]
            }
        )
    return _assign(fair=fair, user=user, by=by)


@transaction.atomic
def door_staff_unassign(*, fair: Fair, user: User) -> bool:
    """Take the person off the fair's door (their account stays); False if they were not on
    it. The door refuses them from their next request (`fair.rules.may_use_door`)."""
    deleted, _rows = DoorAssignment.objects.filter(fair=fair, user=user).delete()
    return deleted > 0


@transaction.atomic
def door_staff_create(
    *, fair: Fair, name: str, email: str, password: str, by: User | None
) -> DoorAssignment:
    """Create a door-staff account with this initial password and put it on the fair's door.

    InvalidInput per field: an empty name, an invalid or already registered e-mail address,
    a password that Django's validators refuse. Nothing is written then.
    """
    name = " ".join(name.split())
    email = _email_clean(email)
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Write the person's name.")]
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Enter a valid e-mail address.")]
    else:
        if User.objects.filter(email__iexact=email).exists():
            errors["email"] = [
                _("An account with this e-mail address exists already: assign it above.")
            ]
    user = User(email=email, name=name, role=Role.DOOR, is_staff=False)
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        errors["password1"] = [str(message) for message in exc.messages]
    if errors:
        raise InvalidInput(errors)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # the same address created a moment ago by someone else
        raise InvalidInput(
            {"email": [_("An account with this e-mail address exists already: assign it above.")]}
        ) from None
    return _assign(fair=fair, user=user, by=by)
