"""Who may use outreach: organizers (everything) and partner staff (with limits on notes)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from fair.enums import Role
from fair.permissions import is_organizer


def partner_of(user):
    """The active partner a partner-staff user works for, or None."""
    if not (user.is_authenticated and user.is_active and user.role == Role.PARTNER):
        return None
    staff = getattr(user, "partner_staff", None)
    if staff is None or not staff.partner.is_active:
        return None
    return staff.partner


def can_use_outreach(user) -> bool:
    """Organizers and staff of an active partner."""
    return is_organizer(user) or partner_of(user) is not None


def outreach_required(view):
    """Log-in page for anonymous visitors; 403 for everyone but organizers and partner staff."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("fair:login-staff"))
        if not can_use_outreach(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
