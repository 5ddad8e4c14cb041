"""Organizers' pages that span the apps (staff only)."""

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from fair.dashboard.forms import MessageForm
from fair.dashboard.messages import message_recipients, message_render
from fair.dashboard.overview import fair_overview
from fair.dashboard.tasks import message_send_task
from fair.models import Fair
from fair.resolve import fair_view
from fair.rules import organizer_required


@organizer_required
@require_http_methods(["GET", "POST"])
@fair_view(public=False)
def messages_compose(request: HttpRequest, slug: str) -> HttpResponse:
    """Write a message to a group, see the count and a preview, then send it."""
    fair = request.fair
    form = MessageForm(request.POST or None, initial={"nonce": uuid.uuid4().hex})
    context = {"fair": fair, "form": form, "count": None, "preview": None}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recipients = message_recipients(fair=fair, group=data["group"], programme=data["programme"])
        count = recipients.count()
        if count == 0:
            form.add_error("group", _("Nobody is in this group."))
        elif request.POST.get("action") == "send":
            message_send_task.enqueue(
                fair_id=fair.pk,
                group=data["group"],
                subject=data["subject"],
                body=data["body"],
                nonce=data["nonce"],
                programme_id=data["programme"].pk if data["programme"] else None,
            )
            text = ngettext(
                "The message is on its way to %(count)d person.",
                "The message is on its way to %(count)d people.",
                count,
            )
            messages.success(request, text % {"count": count})
            return redirect("dashboard:messages", slug=fair.slug)
        else:
            sample = recipients.first()
            context["count"] = count
            context["preview"] = message_render(
                fair=fair, user=sample, subject=data["subject"], body=data["body"]
            )
    return render(request, "booking/organizer_messages_compose.html", context)


@organizer_required
def organizer_home(request: HttpRequest) -> HttpResponse:
    """The organizers' start page: every fair, newest first, with its pages."""
    return render(request, "dashboard/home.html", {"fairs": Fair.objects.order_by("-date")})


@organizer_required
@fair_view(public=False)
def fair_overview_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Who lacks a placement, in which trades, and what the fair achieved."""
    fair = request.fair
    return render(request, "dashboard/overview.html", {"overview": fair_overview(fair=fair)})
