"""Organizers: who works a fair's door (assign, remove, create door staff); the fair's door
devices are listed read-only, by name (never their token)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from badges import door_selectors, door_staff
from badges.forms import DoorStaffAssignForm, DoorStaffCreateForm
from fair.exceptions import FairError
from fair.form_errors import form_error_show, form_status
from fair.models import User
from fair.resolve import fair_view
from fair.rules import organizer_required


def _page(request: HttpRequest, *, assign=None, create=None) -> HttpResponse:
    fair = request.fair
    assign = assign or DoorStaffAssignForm(prefix="assign")
    create = create or DoorStaffCreateForm(prefix="create")
    context = {
        "fair": fair,
        "staff": door_selectors.door_staff_list(fair=fair),
        "devices": door_selectors.door_devices_list(fair=fair),
        "assign": assign,
        "create": create,
    }
    return render(request, "badges/door_staff.html", context, status=form_status(assign, create))


def _back(request: HttpRequest) -> HttpResponse:
    return redirect("badges:organizer-door-staff", slug=request.fair.slug)


@organizer_required
@fair_view(public=False)
def door_staff_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The fair's door staff, with forms to assign and to create door staff."""
    return _page(request)


@organizer_required
@require_POST
@fair_view(public=False)
def door_staff_assign(request: HttpRequest, slug: str) -> HttpResponse:
    """Put an existing door-staff account (by e-mail address) on the fair's door."""
    form = DoorStaffAssignForm(request.POST, prefix="assign")
    if not form.is_valid():
        return _page(request, assign=form)
    try:
        assignment = door_staff.door_staff_assign(
            fair=request.fair, email=form.cleaned_data["email"], by=request.user
        )
    except FairError as exc:
        form_error_show(form, exc)
        return _page(request, assign=form)
    messages.success(request, _("%(name)s is now on the door.") % {"name": assignment.user.name})
    return _back(request)


@organizer_required
@require_POST
@fair_view(public=False)
def door_staff_create(request: HttpRequest, slug: str) -> HttpResponse:
    """Create a door-staff account with an initial password and put it on the fair's door."""
    form = DoorStaffCreateForm(request.POST, prefix="create")
    if not form.is_valid():
        return _page(request, create=form)
    data = form.cleaned_data
    try:
        assignment = door_staff.door_staff_create(
            fair=request.fair,
            name=data["name"],
            email=data["email"],
            password=data["password1"],
            by=request.user,
        )
    except FairError as exc:
        form_error_show(form, exc)
        return _page(request, create=form)
    messages.success(
        request,
        _(
            "%(name)s can now log in at the staff log-in with %(email)s and the initial"
            " password, and is on the door."
        )
        % {"name": assignment.user.name, "email": assignment.user.email},
    )
    return _back(request)


@organizer_required
@require_POST
@fair_view(public=False)
def door_staff_remove(request: HttpRequest, slug: str, user: int) -> HttpResponse:
    """Take a person off the fair's door; their account stays."""
    person = get_object_or_404(User, pk=user)
    if door_staff.door_staff_unassign(fair=request.fair, user=person):
        text = _("%(name)s is no longer on the door.")
        messages.success(request, text % {"name": person.name or person.email})
    else:
        text = _("%(name)s was not on the door.")
        messages.info(request, text % {"name": person.name or person.email})
    return _back(request)
