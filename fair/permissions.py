"""Who may use the organizers' pages: organizers, not every account with staff status."""

from django.contrib.auth.decorators import user_passes_test

from fair.enums import Role


def is_organizer(user) -> bool:
    """An active staff account that is an organizer (or a superuser)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and (user.is_superuser or user.role == Role.ORGANIZER)
    )


organizer_required = user_passes_test(is_organizer, login_url="fair:login-staff")
