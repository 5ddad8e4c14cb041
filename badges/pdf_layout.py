"""What a badge shows and the page layouts it is printed in (no drawing here)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, NamedTuple

from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.units import mm

Role = Literal["student", "company", "organizer", "volunteer"]


LayoutName = Literal["single", "a4-8"]


MIN_QR_MM = 20.0


QUIET_ZONE = 4  # modules of white around the symbol, as ISO/IEC 18004 requires


FONT = "PraktikVera"


FONT_BOLD = "PraktikVera-Bold"


# (band, text) colours as RGB 0..1. Every pair has a WCAG contrast of at least 7:1,
# and the band always carries the role word, so colour is never the only signal.
ROLE_COLOURS: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]] = {
    "student": ((0x1D / 255, 0x4E / 255, 0x89 / 255), (1.0, 1.0, 1.0)),
    "company": ((0x17 / 255, 0x59 / 255, 0x2F / 255), (1.0, 1.0, 1.0)),
    "organizer": ((0x8B / 255, 0x1E / 255, 0x3F / 255), (1.0, 1.0, 1.0)),
    "volunteer": ((0xF2 / 255, 0xC1 / 255, 0x2E / 255), (0.0, 0.0, 0.0)),
}


_WITH_SCHEDULE = frozenset({"student", "company"})


class ScheduleRow(NamedTuple):
    """One interview: times as "HH:MM", the stand, the table and who it is with."""

    start: str
    end: str
    stand: str
    table: str
    who: str


@dataclass(frozen=True, slots=True)
class BadgeData:
    """Everything printed on one badge."""

    name: str
    role: Role
    organisation: str  # company, or school and class
    fair_name: str
    fair_date: date
    token: str
    schedule: Sequence[ScheduleRow | tuple[str, str, str, str, str]] = ()


@dataclass(frozen=True, slots=True)
class Labels:
    """The few words printed besides the data; role words keyed by role."""

    roles: Mapping[str, str]
    time: str
    stand: str
    table: str
    who: str
    more: Callable[[int], str]  # "+N more" line for a cut schedule
    title: str = ""  # the PDF's document title (metadata); empty: the default labels' title


def default_labels(language: str = "da") -> Labels:
    """Return the labels translated into ``language`` (Danish unless told otherwise)."""
    with translation.override(language):
        return Labels(
            roles={
                "student": gettext("Student"),
                "company": gettext("Company"),
                "organizer": gettext("Organizer"),
                "volunteer": gettext("Volunteer"),
            },
            time=pgettext("badge schedule", "Time"),
            stand=pgettext("badge schedule", "Stand"),
            table=pgettext("badge schedule", "Table"),
            who=pgettext("badge schedule", "With"),
            more=functools.partial(_more, language=language),
            title=gettext("Badges"),
        )


def _more(count: int, *, language: str) -> str:
    with translation.override(language):
        text = ngettext("+%(count)d more interview", "+%(count)d more interviews", count)
    return text % {"count": count}


@dataclass(frozen=True, slots=True)
class _Design:
    """Where things go on one badge; all lengths in points from its lower left."""

    width: float
    height: float
    pad: float
    band: float
    role_size: float
    name_max: float
    name_min: float
    org_size: float
    org_baseline: float
    qr_x: float
    qr_y: float
    qr_box: float  # side of the square holding symbol and quiet zone
    sched_top: float
    sched_size: float
    footer_size: float
    footer_width: float  # also the schedule's width; both start at pad


@dataclass(frozen=True, slots=True)
class _Sheet:
    page: tuple[float, float]
    design: _Design
    slots: tuple[tuple[float, float], ...]  # lower-left corner of each badge, in fill order
    cut_marks: bool


# fmt: off
_CARD = _Design(  # 90 × 55 mm landscape: QR bottom right, schedule bottom left
    width=90 * mm, height=55 * mm, pad=3 * mm, band=9 * mm, role_size=13,
    name_max=17, name_min=8, org_size=8, org_baseline=30.5 * mm,
    qr_x=60.5 * mm, qr_y=1.5 * mm, qr_box=28 * mm,
    sched_top=28.5 * mm, sched_size=7, footer_size=6.5, footer_width=56 * mm,
)


_A6 = _Design(  # A6 portrait: QR centred, schedule below it
    width=A6[0], height=A6[1], pad=5 * mm, band=16 * mm, role_size=22,
    name_max=28, name_min=12, org_size=12, org_baseline=102 * mm,
    qr_x=(A6[0] - 46 * mm) / 2, qr_y=51 * mm, qr_box=46 * mm,
    sched_top=49 * mm, sched_size=9.5, footer_size=9, footer_width=95 * mm,
)


# fmt: on


def _grid(page: tuple[float, float], design: _Design, cols: int, rows: int) -> _Sheet:
    # Badges touch, so one cut separates two neighbours.
    x0 = (page[0] - cols * design.width) / 2
    y0 = (page[1] - rows * design.height) / 2
    slots = tuple(
        (x0 + c * design.width, y0 + (rows - 1 - r) * design.height)
        for r in range(rows)
        for c in range(cols)
    )
    return _Sheet(page, design, slots, cut_marks=True)


LAYOUTS: dict[str, _Sheet] = {
    "single": _Sheet(A6, _A6, ((0.0, 0.0),), cut_marks=False),
    "a4-8": _grid(A4, _CARD, cols=2, rows=4),
}


def qr_symbol_width_mm(layout: LayoutName = "a4-8", modules: int = 37) -> float:
    """Return the printed width of a QR symbol of ``modules`` modules, quiet zone excluded."""
    design = LAYOUTS[layout].design
    return design.qr_box * modules / (modules + 2 * QUIET_ZONE) / mm
