"""HTML forms of the core domain: they check shape; the services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fair.enums import MainArea, PlacementStatus, ReferredBy
from fair.models import Municipality, Programme, School

LANGUAGE_CHOICES = [("da", "Dansk"), ("en", "English")]


def programme_choices(*, blank: bool = False) -> list:
    """Programmes grouped by main area, for a <select> with <optgroup>s."""
    groups: dict[str, list] = {area: [] for area in MainArea.values}
    for programme in Programme.objects.filter(active=True).order_by("name_da"):
        groups[programme.main_area].append((programme.code, programme.name))
    choices = [(MainArea(area).label, items) for area, items in groups.items() if items]
    return ([("", _("Choose a programme"))] if blank else []) + choices


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in one folding group per main area: short on a phone, plain HTML, no JS."""

    template_name = "includes/grouped_checkboxes.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["groups"] = [
            {"label": group, "options": options, "open": any(o["selected"] for o in options)}
            for group, options, _index in context["widget"]["optgroups"]
        ]
        return context


class ProgrammesField(forms.MultipleChoiceField):
    """Programmes chosen by code; returns Programme objects in the order given."""

    def clean(self, value):
        codes = super().clean(value)
        found = {p.code: p for p in Programme.objects.filter(code__in=codes)}
        return [found[code] for code in codes if code in found]


class StudentProfileForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    phone = forms.CharField(
        label=_("Mobile phone (optional)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    school = forms.ModelChoiceField(
        label=_("School"),
        queryset=School.objects.order_by("name"),
        required=False,
        empty_label=_("Choose your school"),
    )
    school_class = forms.CharField(label=_("Class (optional)"), max_length=50, required=False)
    municipality = forms.ModelChoiceField(
        label=_("Municipality where you live (optional)"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("Outside the Vestegn / not stated"),
    )
    programmes = ProgrammesField(
        label=_("Programmes you are taking or want to take"),
        help_text=_("Choose one to three. Open a main area to see its programmes."),
        widget=GroupedCheckboxes,
    )
    placement_status = forms.ChoiceField(
        label=_("Your situation"), choices=PlacementStatus.choices, widget=forms.RadioSelect
    )
    referred_by = forms.ChoiceField(label=_("How did you hear of the fair?"), choices=ReferredBy)
    consent_profile = forms.BooleanField(
        label=_(
            "Yes, the companies I choose to meet may see my name, school, class and programmes."
        ),
        help_text=_(
            "Without this, companies cannot see you before the fair. "
            "You can change your mind at any time on your page."
        ),
        required=False,
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programmes"].choices = programme_choices()
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["school"].label_from_instance = lambda school: school.name


class StudentSignupForm(StudentProfileForm):
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("We send your log-in link and your interview times here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    field_order = ["name", "email", "phone", "school", "school_class", "programmes"]


class CompanyProfileForm(forms.Form):
    name = forms.CharField(label=_("Company name"), max_length=150)
    address = forms.CharField(
        label=_("Street address"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postcode = forms.RegexField(
        label=_("Postcode"),
        regex=r"^\d{4}$",
        error_messages={"invalid": _("A Danish postcode has 4 digits.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    city = forms.CharField(label=_("City"), max_length=100)
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
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    website = forms.URLField(label=_("Website (optional)"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("About the company (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CompanySignupForm(CompanyProfileForm):
    cvr = forms.CharField(
        label=_("CVR number"),
        max_length=20,
        help_text=_("8 digits, as in the Central Business Register."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=150)
    contact_email = forms.EmailField(
        label=_("Contact e-mail"),
        help_text=_("We send the log-in link here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    field_order = ["name", "cvr", "contact_name", "contact_email"]


class OfferForm(forms.Form):
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    approved = forms.BooleanField(
        label=_("We are an approved training company for this programme"), required=False
    )
    placements = forms.IntegerField(
        label=_("Training placements offered"), min_value=0, max_value=500, initial=1
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = programme_choices(blank=True)


class BaseOfferFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        codes = [f.cleaned_data.get("programme") for f in self.forms if f.cleaned_data]
        codes = [c for c in codes if c]
        if not codes:
            raise forms.ValidationError(_("Choose at least one programme."))
        if len(set(codes)) != len(codes):
            raise forms.ValidationError(_("Each programme may appear only once."))

    def offers(self):
        """(programme code, approved, placements) for each filled-in row."""
        return [
            (f.cleaned_data["programme"], f.cleaned_data["approved"], f.cleaned_data["placements"])
            for f in self.forms
            if f.cleaned_data.get("programme")
        ]


OfferFormSet = forms.formset_factory(
    OfferForm, formset=BaseOfferFormSet, extra=3, max_num=30, validate_max=True
)


class LoginForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
