"""Bulk printing of badges, for the print_badges command and the organizers' badge page."""

from badges import selectors, services
from badges.pdf import render_badges
from fair.models import Fair, User


def badges_print(
    *,
    fair: Fair,
    out,
    roles: tuple[str, ...] | None = None,
    layout: str = "a4-8",
    by: User | None = None,
    reason: str = "",
) -> tuple[int, int]:
    """Issue missing badges and write everyone's (or some roles') badges as one PDF to `out`.

    Streams: badges are read and drawn one by one. Each print is logged; nobody is checked in.
    Returns (badges printed, badges newly issued).
    """
    issued = services.badges_issue_missing(fair=fair, roles=roles, by=by)
    badges = selectors.badge_print_queryset(fair=fair, roles=roles)
    printed: list[int] = []

    def rows():
        for badge, data in selectors.badge_print_rows(badges, fair=fair):
            printed.append(badge.pk)
            yield data

    count = render_badges(rows(), layout=layout, out=out)
    services.badge_print_log_ids(badge_ids=printed, by=by, reason=reason)
    return count, issued
