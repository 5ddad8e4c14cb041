"""HTML forms of outcomes: shape only; `record_outcome` checks the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from outcomes.enums import OutcomeKind

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date(label, help_text=""):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        help_text=help_text,
    )


class AnswerForm(forms.Form):
    """The confirm page of a one-click link: the answer is in the link, dates are asked."""

    start_date = _date(
        _("Start date"), _("For trial days or a training agreement: when it starts.")
    )
    end_date = _date(_("End date (optional)"))


class OutcomeForm(forms.Form):
    """An organizer or partner records an outcome for a meeting."""

    kind = forms.ChoiceField(
        label=_("What came of the meeting"), choices=OutcomeKind.choices, widget=forms.RadioSelect
    )
    start_date = _date(
        _("Start date"), _("For trial days or a training agreement: when it starts.")
    )
    end_date = _date(_("End date (optional)"))
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
