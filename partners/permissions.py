"""Who may use the mapping register: organizers (everything) and partner staff (their own)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from fair.enums import Role
from fair.permissions import is_organizer
from partners.models import Partner


def partner_of(user) -> Partner | None:
    """The active partner a partner-staff user works for, or None."""
    if not (user.is_authenticated and user.is_active and user.role == Role.PARTNER):
        return None
    staff = getattr(user, "partner_staff", None)
    if staff is None or not staff.partner.is_active:
        return None
    return staff.partner


def is_partner_staff(user) -> bool:
    """An active account with the partner role that works for an active partner."""
    return partner_of(user) is not None


def can_read_register(user) -> bool:
    """Organizers and partner staff read the register (partners: personal data of their own)."""
    return is_organizer(user) or is_partner_staff(user)


def sees_exact_counts(user) -> bool:
    """Only organizers see counts below five; everyone else sees them suppressed."""
    return is_organizer(user)


def register_required(view):
    """Log-in page for anonymous visitors; 403 for accounts that are not partners or organizers."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("fair:login-staff"))
        if not can_read_register(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def organizer_only(view):
    """Log-in page for anonymous visitors; 403 for everyone but organizers."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("fair:login-staff"))
        if not is_organizer(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
