"""HTML forms of wishes, availability and scheduling: they check shape; services check rules."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ExhibitorFilterForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Show"),
        choices=[
            ("mine", _("Only companies in my programmes")),
            ("all", _("All companies")),
        ],
        initial="mine",
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Companies that have not said which programmes they train in are shown too."),
    )
    q = forms.CharField(label=_("Search by name"), max_length=100, required=False)
    programme = forms.ChoiceField(label=_("Programme"), required=False)

    def __init__(self, data=None, *args, programmes=(), **kwargs):
        if data is not None and not data.get("scope"):
            data = data.copy()
            data["scope"] = "mine"  # a search keeps the default filter
        super().__init__(data, *args, **kwargs)
        self.fields["programme"].choices = [("", _("All programmes"))] + [
            (p.code, p.name) for p in programmes
        ]


class CompanyChoiceForm(forms.Form):
    company = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class WishMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])


class WishOrderForm(forms.Form):
    order = forms.CharField(max_length=500)

    def clean_order(self) -> list[int]:
        try:
            return [int(part) for part in self.cleaned_data["order"].split(",") if part.strip()]
        except ValueError:
            raise forms.ValidationError(_("The new order is not valid.")) from None


class InterestForm(forms.Form):
    wanted = forms.TypedChoiceField(
        choices=[("1", _("Yes")), ("0", _("No"))], coerce=lambda v: v == "1"
    )


class AvailabilityForm(forms.Form):
    available_from = forms.TimeField(
        label=_("Available from"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    available_until = forms.TimeField(
        label=_("Available until"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Leave both empty if you can come during all the interview times."),
    )


class SchedulingSettingsForm(forms.Form):
    rank_weights = forms.CharField(
        label=_("Weight per rank"),
        max_length=100,
        help_text=_("Comma-separated, rank 1 first, e.g. 10,8,6,5,4."),
    )
    mutual_bonus = forms.IntegerField(
        label=_("Bonus for mutual interest"),
        min_value=0,
        max_value=1000,
        help_text=_("Added to a wish when the company also wants to meet the student."),
    )
    coverage_bonus = forms.CharField(
        label=_("Coverage bonus"),
        max_length=100,
        required=False,
        help_text=_(
            "Extra value of a student's 1st, 2nd, … interview, comma-separated and not "
            "increasing, e.g. 10,4."
        ),
    )
    fairness = forms.BooleanField(
        label=_("Fairness first"),
        required=False,
        help_text=_(
            "A student gets another interview only if no student with at least two fewer "
            "could have had it instead."
        ),
    )
    breaks = forms.CharField(
        label=_("Breaks"),
        max_length=200,
        required=False,
        help_text=_("Times without interviews, e.g. 12:00-12:30 (several separated by commas)."),
    )
