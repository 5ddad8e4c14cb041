"""HTML forms of stand scanning, the badge desk and the door staff (shape only; the services
decide)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from booking.enums import Outcome


class StandScanForm(forms.Form):
    token = forms.CharField(
        label=_("Badge code"),
        max_length=200,
        help_text=_("Scan the student's badge, or type the code under the QR code."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)


class _ReasonForm(forms.Form):
    """A reason from a short list, with a note that is required for "other"."""

    note = forms.CharField(label=_("Note"), max_length=150, required=False)
    other_needs_note = _("Write why.")

    def clean(self):
        data = super().clean()
        if data.get("reason") == "other" and not data.get("note", "").strip():
            self.add_error("note", self.other_needs_note)
        return data

    def reason_text(self) -> str:
        """What the badge log keeps as "why": the chosen reason, then the note if any."""
        label = str(dict(self.fields["reason"].choices)[self.cleaned_data["reason"]])
        note = " ".join(self.cleaned_data["note"].split())
        return f"{label}: {note}" if note else label


class ReissueForm(_ReasonForm):
    reason = forms.ChoiceField(
        label=_("Why is the badge re-issued?"),
        widget=forms.RadioSelect,
        choices=[
            ("lost", _("Lost badge")),
            ("name_corrected", _("Name corrected")),
            ("other", _("Other")),
        ],
    )
    field_order = ["reason", "note"]


class PrintForm(_ReasonForm):
    reason = forms.ChoiceField(
        label=_("Why is the badge printed?"),
        widget=forms.RadioSelect,
        choices=[
            ("new", _("New or re-issued badge")),
            ("damaged", _("Badge damaged or unreadable")),
            ("other", _("Other")),
        ],
    )
    field_order = ["reason", "note"]


class BulkPrintForm(forms.Form):
    """Organizers print everyone's badges, or one group's, as one PDF."""

    group = forms.ChoiceField(
        label=_("Whose badges"),
        choices=[
            ("all", _("Everyone")),
            ("student", _("Students (by school and class)")),
            ("company", _("Companies")),
            ("staff", _("Organizers and volunteers")),
        ],
    )
    layout = forms.ChoiceField(
        label=_("Layout"),
        choices=[("a4-8", _("8 per A4 sheet, with cut marks")), ("single", _("One per page (A6)"))],
    )


class DoorStaffAssignForm(forms.Form):
    """Put an existing door-staff account on the fair's door, by its e-mail address."""

    email = forms.EmailField(
        label=_("E-mail address of the door-staff account"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class DoorStaffCreateForm(forms.Form):
    """A new door-staff account with an initial password (the project has no reset flow)."""

    name = forms.CharField(
        label=_("Name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    password1 = forms.CharField(
        label=_("Initial password"),
        strip=False,
        help_text=_(
            "At least 8 characters, not only digits, not a common password and not like the"
            " e-mail address."
        ),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Initial password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        return data
