"""Outreach pages for organizers and partner staff, and the public invitation link."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from fair import selectors as fair_selectors
from fair.exceptions import FairError
from fair.form_errors import form_error_show, form_status
from fair.models import Fair, Organisation
from fair.organisation_services import approval_record
from fair.rules import may_manage_outreach, may_record_approval, staff_page
from outreach import selectors, services
from outreach.csv_import import prospects_import
from outreach.enums import ProspectStatus
from outreach.forms import (
    ActivityForm,
    ApprovalForm,
    CampaignForm,
    ImportForm,
    InvitationForm,
    ProspectFilterForm,
    ProspectForm,
    StatusForm,
)
from outreach.models import Campaign

PREFILL_KEY = "company_signup_prefill"


@staff_page(may_manage_outreach)
def prospect_list(request: HttpRequest) -> HttpResponse:
    """Organisations to reach, with their status and next action; filter by fair and status."""
    form = ProspectFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    prospects = selectors.prospect_list(
        fair=data.get("fair"), status=data.get("status", ""), query=data.get("q", "")
    )
    page = Paginator(prospects, 50).get_page(request.GET.get("page"))
    for org in page:
        org.status_label = ProspectStatus(org.status).label if org.status else ""
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "outreach/prospects.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@staff_page(may_manage_outreach)
@require_http_methods(["GET", "POST"])
def prospect_add(request: HttpRequest) -> HttpResponse:
    form = ProspectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.prospect_add(user=request.user, **form.cleaned_data)
        except FairError as exc:
            form_error_show(form, exc)
        else:
            messages.success(request, _("The company is saved."))
            return redirect("outreach:prospect-detail", pk=organisation.pk)
    return render(request, "outreach/prospect_add.html", {"form": form}, status=form_status(form))


@staff_page(may_manage_outreach)
@require_http_methods(["GET", "POST"])
def prospect_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            created, updated = prospects_import(data=upload.read(1_000_001), user=request.user)
        except FairError as exc:
            form_error_show(form, exc)
            form.add_error(None, _("Nothing was imported."))
        else:
            messages.success(
                request,
                _("Imported: %(created)d new companies, %(updated)d already known.")
                % {"created": created, "updated": updated},
            )
            return redirect("outreach:prospects")
    return render(
        request, "outreach/prospect_import.html", {"form": form}, status=form_status(form)
    )


def _detail_forms(request, organisation):
    post = request.POST if request.method == "POST" else None
    action = request.POST.get("action") if post else None
    return {
        "status_form": StatusForm(post if action == "status" else None, prefix="status"),
        "activity_form": ActivityForm(post if action == "activity" else None, prefix="activity"),
        "approval_form": ApprovalForm(post if action == "approval" else None, prefix="approval"),
        "invitation_form": InvitationForm(post if action == "invite" else None, prefix="invite"),
    }


def _detail_post(request, organisation, forms) -> str | None:
    """Run the posted form's service; a success message, or None when the form has errors."""
    action = request.POST.get("action")
    names = {"status": "status", "activity": "activity", "approval": "approval"}
    form = forms.get(f"{names.get(action, 'invitation')}_form") if action else None
    if form is None or not form.is_valid():
        return None
    data = form.cleaned_data
    user = request.user
    try:
        if action == "status":
            services.status_set(organisation=organisation, user=user, **data)
            return _("The status is saved.")
        if action == "activity":
            services.activity_add(organisation=organisation, consultant=user, **data)
            return _("The activity is saved.")
        if action == "approval":
            if not may_record_approval(user):
                raise PermissionDenied
            approval_record(
                organisation=organisation,
                programme=data["programme"],
                status=data["approval"],
                recorded_by=user,
                note=data["approval_note"],
            )
            return _("The approval is saved.")
        services.invitation_create(
            campaign=data["invite_campaign"],
            organisation=organisation,
            email=data["email"],
            contact_name=data["contact_name"],
            user=user,
            base_url=request.build_absolute_uri("/"),
        )
        return _("The invitation is sent.")
    except FairError as exc:
        form_error_show(form, exc)
        return None


@staff_page(may_manage_outreach)
@require_http_methods(["GET", "POST"])
def prospect_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One organisation: details, status history, activities, approvals and participations."""
    organisation = get_object_or_404(Organisation.objects.select_related("municipality"), pk=pk)
    forms = _detail_forms(request, organisation)
    if request.method == "POST":
        done = _detail_post(request, organisation, forms)
        if done:
            messages.success(request, done)
            return redirect("outreach:prospect-detail", pk=organisation.pk)
    context = {
        "organisation": organisation,
        "statuses": selectors.status_history_for(organisation=organisation),
        "activities": selectors.activity_list_for(organisation=organisation, user=request.user),
        "approvals": fair_selectors.approval_history_for(organisation=organisation),
        "participations": fair_selectors.participations_for(organisation=organisation),
        "can_record_approval": may_record_approval(request.user),
        **forms,
    }
    return render(
        request, "outreach/prospect_detail.html", context, status=form_status(*forms.values())
    )


@staff_page(may_manage_outreach)
@require_http_methods(["GET", "POST"])
def campaign_list(request: HttpRequest) -> HttpResponse:
    """Campaigns per fair with their funnel (invited → registered → booked a stand)."""
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(user=request.user, **form.cleaned_data)
        except FairError as exc:
            form_error_show(form, exc)
        else:
            messages.success(request, _("The campaign is created."))
            return redirect("outreach:campaign-detail", pk=campaign.pk)
    fairs = []
    for fair in Fair.objects.filter(campaigns__isnull=False).distinct():
        fairs.append({"fair": fair, "rows": selectors.funnel_for(fair=fair)})
    fairs.sort(key=lambda item: item["fair"].date, reverse=True)
    return render(
        request,
        "outreach/campaigns.html",
        {"form": form, "fairs": fairs, "rule": selectors.funnel_rule()},
        status=form_status(form),
    )


@staff_page(may_manage_outreach)
@require_http_methods(["GET", "POST"])
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A campaign's invitations, its funnel and the button to remind those who did not answer."""
    campaign = get_object_or_404(Campaign.objects.select_related("fair"), pk=pk)
    if request.method == "POST":
        count = services.reminders_send(campaign=campaign, base_url=request.build_absolute_uri("/"))
        text = ngettext(
            "%(count)d reminder is on its way.", "%(count)d reminders are on their way.", count
        )
        messages.success(request, text % {"count": count})
        return redirect("outreach:campaign-detail", pk=campaign.pk)
    funnel = next(
        row for row in selectors.funnel_for(fair=campaign.fair) if row["campaign"] == campaign
    )
    context = {
        "campaign": campaign,
        "funnel_rows": [funnel],
        "invitations": selectors.invitations_for(campaign=campaign),
        "unanswered": selectors.invitations_unanswered(campaign=campaign).count(),
        "rule": selectors.funnel_rule(),
    }
    return render(request, "outreach/campaign_detail.html", context)


def invitation_open(request: HttpRequest, token: str) -> HttpResponse:
    """A personal invitation link: fill in the fair's company sign-up with what we know."""
    invitation = services.invitation_from_token(token=token)
    if invitation is None:
        return render(request, "outreach/invitation_invalid.html", status=400)
    services.invitation_opened(invitation=invitation)
    org = invitation.organisation
    fields = {
        "name": org.name,
        "cvr": org.cvr,
        "address": org.address,
        "postcode": org.postcode,
        "city": org.city,
        "municipality": org.municipality_id,
        "phone": org.phone,
        "website": org.website,
        "contact_name": invitation.contact_name,
        "contact_email": invitation.email,
    }
    fair = invitation.campaign.fair
    request.session[PREFILL_KEY] = {
        "fair": fair.slug,
        "fields": {k: v for k, v in fields.items() if v not in ("", None)},
    }
    return redirect("fair:company-signup", slug=fair.slug)
