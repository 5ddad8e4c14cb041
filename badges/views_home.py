"""Where door staff land after logging in: the door page of the fair they work."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from badges import door_selectors
from fair.rules import may_use_door


@login_required
def door_home(request: HttpRequest) -> HttpResponse:
    """The door page of the user's current fair (the next assigned fair that is not over;
    organizers: the next public one), or a page that says whom to ask."""
    fair = door_selectors.door_fair_for(user=request.user)
    if fair is not None and may_use_door(request.user, fair):
        return redirect("badges:door", slug=fair.slug)
    return render(request, "badges/door_none.html", status=404)
