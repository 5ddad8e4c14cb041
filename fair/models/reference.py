"""Reference data: programmes, schools, municipalities."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from fair.enums import MainArea


class Programme(models.Model):
    """A Danish vocational education programme (erhvervsuddannelse), i.e. a trade."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name_da = models.CharField(_("Danish name"), max_length=150)
    name_en = models.CharField(_("English name"), max_length=150)
    main_area = models.CharField(_("main area"), max_length=10, choices=MainArea.choices)
    active = models.BooleanField(_("offered"), default=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name_da"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "da").startswith("en") else self.name_da


class School(models.Model):
    """A vocational school or campus; organizers edit these (schools merge and rename)."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    programmes = models.ManyToManyField(
        Programme, blank=True, related_name="schools", verbose_name=_("programmes")
    )

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name


class Municipality(models.Model):
    code = models.CharField(_("municipality code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    postcodes = models.CharField(_("postcodes"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
