"""HTML forms of the mapping register: shape only; the services check the rules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fair.forms import GroupedCheckboxes, ProgrammesField, programme_choices
from fair.models import Municipality, School
from partners.counting import month_shift
from partners.enums import RegisterStatus
from partners.models import Partner
from partners.validators import validate_no_cpr, validate_no_formula

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        help_text=help_text,
    )


class EntryForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=150, validators=[validate_no_cpr, validate_no_formula]
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        max_length=254,
        validators=[validate_no_cpr],
        help_text=_("The same e-mail is the same student, whichever partner adds them."),
    )
    birth_date = _date(
        _("Birth date (optional)"),
        required=False,
        help_text=_("Only the date: never a CPR number."),
    )
    programmes = ProgrammesField(label=_("Programmes"), widget=GroupedCheckboxes)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("Not known"),
    )
    school = forms.ModelChoiceField(
        label=_("School"),
        queryset=School.objects.order_by("name"),
        required=False,
        empty_label=_("Not known"),
    )
    seeking_since = _date(_("Seeking a placement since"))
    status = forms.ChoiceField(
        label=_("Status"), choices=RegisterStatus.choices, initial=RegisterStatus.SEEKING
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programmes"].choices = programme_choices()


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=RegisterStatus.choices)
    effective = _date(_("From"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"effective": timezone.localdate()})
        super().__init__(*args, **kwargs)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, separated by semicolons or commas, at most 2 MB."),
    )

    def __init__(self, *args, choose_partner: bool = False, **kwargs):
        """``choose_partner``: organizers import on behalf of a partner they choose (partner
        staff always import as their own partner)."""
        super().__init__(*args, **kwargs)
        if choose_partner:
            self.fields["partner"] = forms.ModelChoiceField(
                label=_("On behalf of partner"),
                queryset=Partner.objects.filter(is_active=True).order_by("name"),
                help_text=_("The students are recorded as reported by this partner."),
            )
            self.order_fields(["partner", "file"])


GROUPINGS = [
    ("trade", _("Trade group")),
    ("trade,municipality", _("Trade group and municipality")),
    ("programme", _("Programme")),
    ("programme,municipality", _("Programme and municipality")),
    ("municipality", _("Municipality")),
    ("partner", _("Partner")),
    ("school", _("School")),
]


def month_choices() -> list[tuple[str, str]]:
    """The last 36 months, newest first, as (yyyy-mm, mm.yyyy)."""
    this = timezone.localdate().replace(day=1)
    months = [month_shift(this, -n) for n in range(36)]
    return [(f"{m:%Y-%m}", f"{m:%m.%Y}") for m in months]


class CountsForm(forms.Form):
    group_by = forms.ChoiceField(label=_("Count by"), choices=GROUPINGS, required=False)
    month = forms.ChoiceField(label=_("Month"), choices=month_choices, required=False)
    partner = forms.ModelChoiceField(
        label=_("Reported by"),
        queryset=Partner.objects.order_by("name"),
        required=False,
        empty_label=_("All partners"),
    )
