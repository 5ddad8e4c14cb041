"""Calendar pages: the person's subscription (webcal) and the fair as an .ics file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from booking.calendar import selectors, services
from fair.resolve import fair_view


def ics_response(
    data: bytes, *, filename: str, cache: str = "private, max-age=300"
) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = cache
    return response


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A subscribed calendar reads this; the token is the only key (unknown or reset: 404)."""
    feed = selectors.calendar_feed_by_token(token=token)
    if feed is None:
        raise Http404(_("This calendar address is no longer valid."))
    services.calendar_feed_touch(feed=feed)
    data = selectors.person_calendar(user=feed.user, fair=feed.fair)
    response = ics_response(data, filename=f"{feed.fair.slug}.ics")
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
@fair_view
def fair_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """The public fair itself as a calendar event."""
    fair = request.fair
    return ics_response(
        selectors.fair_calendar(fair=fair),
        filename=f"{fair.slug}.ics",
        cache="public, max-age=3600",
    )


def _feed_urls(request: HttpRequest, token: str) -> dict[str, str]:
    https = request.build_absolute_uri(reverse("booking:calendar-feed", kwargs={"token": token}))
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


@login_required
@require_GET
def calendar_me(request: HttpRequest) -> HttpResponse:
    """The person's calendar page: subscription address, download and reset."""
    fair = selectors.calendar_participant_fair(user=request.user)
    context = {"fair": fair}
    if fair is not None:
        feed = services.calendar_feed_ensure(user=request.user, fair=fair)
        context["urls"] = _feed_urls(request, feed.token)
    return render(request, "booking/calendar_me.html", context)


@login_required
@require_POST
def calendar_reset(request: HttpRequest) -> HttpResponse:
    fair = selectors.calendar_participant_fair(user=request.user)
    if fair is None:
        raise Http404
    services.calendar_feed_reset(user=request.user, fair=fair)
    messages.success(
        request,
        _("Your calendar has a new address. Subscribe again; the old address no longer works."),
    )
    return redirect("booking:calendar-me")
