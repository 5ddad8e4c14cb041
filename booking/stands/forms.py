"""HTML forms of stand booking: they check shape; the services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from booking.stands.floorplan import MAX_CSV_BYTES, csv_too_large

TABLE_CHOICES = [(n, str(n)) for n in range(1, 5)]


class StandBookForm(forms.Form):
    tables = forms.TypedChoiceField(
        label=_("Interview tables you will staff"),
        choices=TABLE_CHOICES,
        coerce=int,
        initial=1,
        widget=forms.RadioSelect,
        help_text=_("Each table holds one interview at a time."),
    )
    needs_power = forms.BooleanField(label=_("We need power"), required=False)
    needs_wall = forms.BooleanField(label=_("We need a wall (e.g. for a banner)"), required=False)
    needs_note = forms.CharField(
        label=_("Other needs (optional)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StandTablesForm(forms.Form):
    tables = forms.TypedChoiceField(
        label=_("Interview tables you will staff"),
        choices=TABLE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )


class StandRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the company reads it)"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StandMoveForm(forms.Form):
    stand = forms.ChoiceField(label=_("Move to stand"))

    def __init__(self, *args, codes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stand"].choices = [(code, code) for code in codes]


class StandWaitlistForm(forms.Form):
    zone = forms.ChoiceField(label=_("Zone"))

    def __init__(self, *args, zones: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].choices = [(zone, zone) for zone in zones]


class StandImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file with stands"),
        help_text=_(
            "Columns: code, zone, x, y, width, height, size_m2, power, price_dkk, note "
            "(positions and sizes in metres)."
        ),
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        # Read one byte more than allowed: a larger file is refused whole, never cut short.
        data = upload.read(MAX_CSV_BYTES + 1)
        if len(data) > MAX_CSV_BYTES:
            raise forms.ValidationError(csv_too_large() + " " + _("Nothing was imported."))
        if b"\x00" in data:
            raise forms.ValidationError(_("The file is not a text (CSV) file."))
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise forms.ValidationError(_("The file is not a text (CSV) file."))
