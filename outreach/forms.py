"""HTML forms of outreach: they check shape; the services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fair.enums import ApprovalStatus
from fair.models import Fair, Municipality, Programme
from outreach.enums import ActivityKind, ProspectStatus
from outreach.models import Campaign

DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]


def _date_field(label, required=False):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class ProspectFilterForm(forms.Form):
    fair = forms.ModelChoiceField(
        label=_("Not yet taking part in"),
        queryset=Fair.objects.order_by("-date"),
        required=False,
        empty_label=_("All organisations"),
        to_field_name="slug",
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status"))] + ProspectStatus.choices, required=False
    )
    q = forms.CharField(label=_("Name, CVR or city"), required=False, max_length=100)


class ProspectForm(forms.Form):
    cvr = forms.CharField(
        label=_("CVR number"), max_length=20, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    name = forms.CharField(label=_("Company name"), max_length=150)
    address = forms.CharField(label=_("Street address"), max_length=200, required=False)
    postcode = forms.RegexField(
        label=_("Postcode"),
        regex=r"^\d{4}$",
        required=False,
        error_messages={"invalid": _("A Danish postcode has 4 digits.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    municipality = forms.ModelChoiceField(
        label=_("Municipality (optional)"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("Outside the Vestegn / not stated"),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    website = forms.URLField(label=_("Website (optional)"), required=False, assume_scheme="https")
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("No status yet"))] + ProspectStatus.choices,
        required=False,
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: cvr, name, address, postcode, city, municipality, phone, website, status. "
            "At most 1 MB and 5,000 rows. A file with any error is refused as a whole."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ProspectStatus.choices)
    campaign = forms.ModelChoiceField(
        label=_("Campaign (optional)"),
        queryset=Campaign.objects.select_related("fair").order_by("-created_at"),
        required=False,
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Activity"), choices=ActivityKind.choices)
    happened_on = _date_field(_("Date"), required=True)
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_action = forms.CharField(label=_("Next action (optional)"), max_length=200, required=False)
    next_action_on = _date_field(_("Next action by (optional)"))


class ApprovalForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.filter(active=True).order_by("name_da")
    )
    approval = forms.ChoiceField(label=_("Approval"), choices=ApprovalStatus.choices)
    approval_note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)


class InvitationForm(forms.Form):
    invite_campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=Campaign.objects.select_related("fair").order_by("-created_at"),
    )
    email = forms.EmailField(label=_("Contact e-mail"))
    contact_name = forms.CharField(
        label=_("Contact person (optional)"), max_length=150, required=False
    )


class CampaignForm(forms.Form):
    fair = forms.ModelChoiceField(
        label=_("Fair"), queryset=Fair.objects.order_by("-date"), to_field_name="slug"
    )
    name = forms.CharField(label=_("Campaign name"), max_length=150)
