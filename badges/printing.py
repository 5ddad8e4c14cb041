"""Badge PDFs: the one service that issues, logs and draws them, one badge or the whole fair.

Every badge PDF (the print_badges command, the organizers' pages, the door, a person's own
badge and the reminder e-mail) comes from here, so each print is logged the same way and a
missing badge is issued first.
"""

from badges import door_selectors, selectors, services
from badges.models import Badge
from badges.pdf import render_badge_bytes, render_badges
from fair.models import Fair, User


def badge_pdf(*, fair: Fair, user: User, by: User | None, reason: str) -> tuple[Badge, bytes]:
    """The person's badge as a one-page PDF, issued if missing; the print is logged with
    who (`by`, None for a door device or the system) and why. Raises FairError when the
    person cannot have a badge at this fair."""
    services.badge_issue(fair=fair, user=user, by=by)
    badge = door_selectors.badge_valid_for(fair=fair, user=user)
    ((_badge, data),) = selectors.badge_print_rows([badge], fair=fair)
    services.badge_print_log(badges=[badge], by=by, reason=reason)
    return badge, render_badge_bytes(data)


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
