"""The mapping register: students seeking a training placement, as the partners know them.

One row per person (deduplicated across partners); each partner's contribution and every
change of status are kept as their own rows, so the history can be counted month by month.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.enums import RegisterStatus, Source
from partners.validators import validate_no_cpr


class MappedStudent(models.Model):
    """A person seeking a training placement, known to one or more partners or a fair."""

    name = models.CharField(_("name"), max_length=150, validators=[validate_no_cpr])
    # Lower-cased, stripped e-mail (or ""): the same address is the same person.
    email = models.CharField(_("e-mail"), max_length=254, blank=True)
    # Casefolded name with single spaces: same name + birth date is a possible duplicate.
    name_key = models.CharField(
        _("name for matching"), max_length=150, db_index=True, editable=False
    )
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    programmes = models.ManyToManyField(
        "fair.Programme", related_name="register_entries", verbose_name=_("programmes")
    )
    municipality = models.ForeignKey(
        "fair.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="register_entries",
        verbose_name=_("municipality"),
    )
    school = models.ForeignKey(
        "fair.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="register_entries",
        verbose_name=_("school"),
    )
    seeking_since = models.DateField(_("seeking since"))
    status = models.CharField(
        _("status"), max_length=20, choices=RegisterStatus.choices, default=RegisterStatus.SEEKING
    )
    status_since = models.DateField(_("status since"))
    student = models.ForeignKey(
        "fair.Student",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="register_entries",
        verbose_name=_("fair sign-up"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("student in the mapping register")
        verbose_name_plural = _("mapping register")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["email"], condition=~Q(email=""), name="mappedstudent_unique_email"
            ),
            models.CheckConstraint(
                condition=Q(email=models.functions.Lower("email")),
                name="mappedstudent_email_lower",
            ),
        ]
        indexes = [models.Index(fields=["name_key", "birth_date"], name="mapped_name_birth")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        self.name_key = name_key(self.name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "email", "name_key"}
        super().save(*args, **kwargs)


def name_key(name: str) -> str:
    """The form of a name that possible duplicates are found by."""
    return " ".join((name or "").casefold().split())[:150]


class Contribution(models.Model):
    """What one partner (or a fair sign-up) told the register about a person, and when."""

    person = models.ForeignKey(
        MappedStudent,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("student"),
    )
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("partner"),
    )
    fair = models.ForeignKey(
        "fair.Fair",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="register_contributions",
        verbose_name=_("fair"),
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)
    # What was given (name, e-mail, programmes, municipality, school, status, dates), as given.
    details = models.JSONField(_("details as given"), default=dict, blank=True)

    class Meta:
        verbose_name = _("contribution to the register")
        verbose_name_plural = _("contributions to the register")
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "partner"],
                condition=Q(partner__isnull=False),
                name="contribution_once_per_partner",
            ),
            models.UniqueConstraint(
                fields=["person", "fair"],
                condition=Q(fair__isnull=False),
                name="contribution_once_per_fair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.partner or self.fair}"


class StatusChange(models.Model):
    """One change of a person's status, effective from a date (append-only history)."""

    person = models.ForeignKey(
        MappedStudent,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("student"),
    )
    status = models.CharField(_("status"), max_length=20, choices=RegisterStatus.choices)
    effective = models.DateField(_("from"))
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("change of status")
        verbose_name_plural = _("changes of status")
        ordering = ["effective", "recorded_at", "pk"]
        indexes = [models.Index(fields=["effective"], name="statuschange_effective")]

    def __str__(self) -> str:
        return f"{self.person}: {self.status} ({self.effective:%d.%m.%Y})"


class NotDuplicate(models.Model):
    """Organizers said two people with the same name and birth date are not the same."""

    first = models.ForeignKey(MappedStudent, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(MappedStudent, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("not a duplicate")
        verbose_name_plural = _("not duplicates")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="notduplicate_unique"),
            models.CheckConstraint(
                condition=Q(first__lt=models.F("second")), name="notduplicate_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} ≠ {self.second_id}"
