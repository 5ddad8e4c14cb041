"""Forms of the organizers' pages (shape only)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fair.dashboard.messages import GROUPS
from fair.models import Programme


class MessageForm(forms.Form):
    group = forms.ChoiceField(label=_("To"), choices=list(GROUPS.items()))
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.filter(active=True).order_by("name_da"),
        required=False,
        to_field_name="code",
        help_text=_("Only for “All students of a programme”."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )
    nonce = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def clean(self):
        data = super().clean()
        if data.get("group") == "programme" and not data.get("programme"):
            self.add_error("programme", _("Choose the programme."))
        return data


class ChancesFilterForm(forms.Form):
    """The good-chances page narrowed to one programme (the Danish parameter name is public)."""

    uddannelse = forms.ChoiceField(label=_("Programme"), required=False)

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uddannelse"].choices = [("", _("All programmes"))] + [
            (p.code, p.name) for p in programmes
        ]
