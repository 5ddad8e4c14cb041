"""Badge PDFs: real rendering, rasterised with pdftoppm and scanned with zbarimg."""

from __future__ import annotations

import datetime
import gc
import io
import re
import subprocess
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import polib
import pytest
from django.test import override_settings
from django.utils import translation
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from badges.pdf import draw_qr, render_badge_bytes, render_badges
from badges.pdf_layout import (
    LAYOUTS,
    MIN_QR_MM,
    ROLE_COLOURS,
    BadgeData,
    Labels,
    ScheduleRow,
    default_labels,
    qr_symbol_width_mm,
)
from badges.tokens import token_sign, token_verify

from .conftest import DANISH, DANISH_MO

Decode = Callable[..., list[str]]
FAIR_DATE = datetime.date(2026, 3, 12)
ROLES = ["student", "company", "organizer", "volunteer"]
NAMES = [
    "Søren Ærø Åberg",
    "Mohammed Abdirahman Hassan Ali-Jørgensen",
    "Li",
    "Åse Bæk",
    "Anne-Sofie Østergaard Kristensen Lund",
    "Ib",
    "Vestas Wind Systems A/S",
    "Jens Nielsen",
    "Mette Frederiksen",
    "Ærling Øby",
]


def schedule(rows: int) -> list[tuple[str, str, str, str, str]]:
    return [
        (f"{9 + i:02d}:00", f"{9 + i:02d}:15", f"A{i + 1}", str(i + 1), f"Virksomhed nr. {i}")
        for i in range(rows)
    ]


def badge(keys: tuple[str, str], person_id: int, **overrides: object) -> BadgeData:
    fields: dict[str, object] = {
        "name": NAMES[person_id % len(NAMES)],
        "role": ROLES[person_id % len(ROLES)],
        "organisation": "Ballerup Gymnasium, 9.B",
        "fair_name": "Praktikmesse Ballerup",
        "fair_date": FAIR_DATE,
        "token": token_sign(private_key=keys[0], fair_id=1, person_id=person_id, version=1),
        "schedule": schedule(person_id % 6),
    }
    fields.update(overrides)
    return BadgeData(**fields)  # type: ignore[arg-type]


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a4_sheet_every_qr_code_decodes_and_verifies(
    keys: tuple[str, str], labels: Labels, decode_qr: Decode, tmp_path: Path
) -> None:
    badges = [badge(keys, i) for i in range(10)]
    out = io.BytesIO()
    assert render_badges(iter(badges), layout="a4-8", out=out, labels=labels) == 10
    pdf = out.getvalue()
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2

    decoded = decode_qr(pdf, tmp_path)
    assert sorted(decoded) == sorted(b.token for b in badges)
    assert {token_verify(public_key=keys[1], token=t, fair_id=1).person_id for t in decoded} == set(
        range(10)
    )


def test_single_badge_decodes(
    keys: tuple[str, str], labels: Labels, decode_qr: Decode, tmp_path: Path
) -> None:
    one = badge(keys, 0, schedule=schedule(3))
    pdf = render_badge_bytes(one, labels=labels)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert [round(float(v) / mm) for v in page.mediabox[2:]] == [105, 148]  # A6 portrait
    assert decode_qr(pdf, tmp_path) == [one.token]


def test_text_has_danish_letters_role_word_date_and_schedule(
    keys: tuple[str, str], labels: Labels
) -> None:
    badges = [
        badge(keys, 0, role="student", schedule=schedule(2)),
        badge(keys, 1, name="Katrine Ørsted", role="company"),
        badge(keys, 2, name="Ida Holm", role="organizer"),
        badge(keys, 3, name="Ole Bæk", role="volunteer"),
    ]
    out = io.BytesIO()
    render_badges(badges, out=out, labels=labels)
    text = text_of(out.getvalue())
    assert "Søren Ærø Åberg" in text
    assert "Katrine Ørsted" in text
    for word in ("ELEV", "VIRKSOMHED", "ARRANGØR", "FRIVILLIG"):
        assert word in text
    assert "12.03.2026" in text
    assert "Ballerup Gymnasium, 9.B" in text
    assert "09:00–09:15" in text and "Virksomhed nr. 1" in text
    for header in ("Tid", "Stand", "Bord", "Med"):
        assert header in text


def test_only_students_and_companies_get_a_schedule(keys: tuple[str, str]) -> None:
    for role, expected in [("student", True), ("company", True), ("volunteer", False)]:
        pdf = render_badge_bytes(badge(keys, 0, role=role, schedule=schedule(2)), labels=DANISH)
        assert ("Virksomhed nr. 0" in text_of(pdf)) is expected, role


@pytest.mark.parametrize(
    ("layout", "rows", "shown", "more"),
    [("a4-8", 5, 5, None), ("a4-8", 6, 4, "+2 samtaler mere"), ("a4-8", 9, 4, "+5 samtaler mere")],
)
def test_long_schedule_is_cut_with_a_more_line(
    keys: tuple[str, str], layout: str, rows: int, shown: int, more: str | None
) -> None:
    pdf = render_badge_bytes(badge(keys, 0, schedule=schedule(rows)), layout, labels=DANISH)
    text = text_of(pdf)
    assert [f"Virksomhed nr. {i}" in text for i in range(rows)] == [i < shown for i in range(rows)]
    if more:
        assert more in text
    else:
        assert "mere" not in text


def test_single_layout_has_room_for_more_rows(keys: tuple[str, str]) -> None:
    text = text_of(render_badge_bytes(badge(keys, 0, schedule=schedule(7)), labels=DANISH))
    assert all(f"Virksomhed nr. {i}" in text for i in range(7))


def test_truetype_font_is_embedded_and_no_other(keys: tuple[str, str]) -> None:
    pdf = render_badge_bytes(badge(keys, 0), "a4-8", labels=DANISH)
    fonts = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    assert fonts
    for font in fonts.values():
        font = font.get_object()
        assert font["/Subtype"] == "/TrueType"
        assert "/FontFile2" in font["/FontDescriptor"].get_object()
    assert b"/FontFile2" in pdf


def test_long_names_shrink_then_break_then_cut(keys: tuple[str, str]) -> None:
    long_name = "Mohammed Abdirahman Hassan Ali-Jørgensen"
    text = text_of(render_badge_bytes(badge(keys, 0, name=long_name), "a4-8", labels=DANISH))
    assert "Mohammed Abdirahman" in text and "Hassan Ali-Jørgensen" in text
    absurd = "Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaft " * 2
    text = text_of(render_badge_bytes(badge(keys, 0, name=absurd), "a4-8", labels=DANISH))
    assert "Wolfeschlegel" in text and "…" in text


def test_letters_missing_from_the_font_fall_back_to_their_base_letter(
    keys: tuple[str, str],
) -> None:
    text = text_of(render_badge_bytes(badge(keys, 0, name="Wąsowska Łukasz"), labels=DANISH))
    assert "Wasowska Łukasz" in text  # Vera has Ł but not ą


def test_qr_symbol_is_at_least_20_mm_by_design() -> None:
    for layout in LAYOUTS:
        assert qr_symbol_width_mm(layout) >= MIN_QR_MM, layout


def test_qr_symbol_measures_at_least_20_mm_on_the_printed_sheet(
    keys: tuple[str, str], decode_qr: Decode, tmp_path: Path
) -> None:
    decode_qr(render_badge_bytes(badge(keys, 0), "a4-8", labels=DANISH), tmp_path, 200)
    page = Image.open(tmp_path / "page-200-1.png").convert("L")
    sheet = LAYOUTS["a4-8"]
    d, (x, y) = sheet.design, sheet.slots[0]
    px = 200 / 72  # pixels per point
    top = sheet.page[1] - (y + d.qr_y + d.qr_box)  # image rows run downwards
    box = (x + d.qr_x) * px, top * px, (x + d.qr_x + d.qr_box) * px, (top + d.qr_box) * px
    dark = page.crop(tuple(round(v) for v in box)).point(lambda v: 255 if v < 128 else 0)
    left, upper, right, lower = dark.getbbox()
    width_mm, height_mm = (right - left) / 200 * 25.4, (lower - upper) / 200 * 25.4
    assert width_mm >= MIN_QR_MM and height_mm >= MIN_QR_MM
    assert abs(width_mm - qr_symbol_width_mm("a4-8")) < 0.5


@pytest.mark.parametrize("dpi", [200, 150])
def test_smallest_allowed_qr_still_decodes(
    keys: tuple[str, str], decode_qr: Decode, tmp_path: Path, dpi: int
) -> None:
    token = token_sign(private_key=keys[0], fair_id=65_535, person_id=4_294_967_295, version=9)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(40 * mm, 40 * mm))
    box = MIN_QR_MM * mm * (37 + 8) / 37  # symbol exactly 20 mm, plus the quiet zone
    symbol = draw_qr(canvas, token, x=5 * mm, y=5 * mm, size=box)
    canvas.save()
    assert symbol / mm == pytest.approx(MIN_QR_MM)  # 37 modules of 0.54 mm
    assert decode_qr(out.getvalue(), tmp_path, dpi) == [token]


def test_band_colours_have_strong_contrast_and_differ() -> None:
    def luminance(rgb: tuple[float, float, float]) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(c) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    assert set(ROLE_COLOURS) == set(ROLES)
    for role, (band, text) in ROLE_COLOURS.items():
        light, dark = sorted([luminance(band), luminance(text)], reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 7, role  # WCAG AAA
    assert len({band for band, _ in ROLE_COLOURS.values()}) == len(ROLES)


def test_badges_are_consumed_lazily_and_not_kept(keys: tuple[str, str]) -> None:
    class Tracked(BadgeData):  # a subclass without slots can be weakly referenced
        pass

    refs: list[weakref.ref[BadgeData]] = []

    def stream() -> Iterator[BadgeData]:
        for i in range(20):
            gc.collect()
            # The renderer may still hold the badge it is drawing, never older ones.
            assert sum(r() is not None for r in refs[:-1]) == 0
            item = Tracked(**{f: getattr(badge(keys, i), f) for f in BadgeData.__slots__})
            refs.append(weakref.ref(item))
            yield item
            del item

    assert render_badges(stream(), out=io.BytesIO(), labels=DANISH) == 20


def test_output_is_deterministic_and_empty_input_gives_a_valid_pdf(keys: tuple[str, str]) -> None:
    one = badge(keys, 4)
    assert render_badge_bytes(one, labels=DANISH) == render_badge_bytes(one, labels=DANISH)
    out = io.BytesIO()
    assert render_badges([], out=out, labels=DANISH) == 0
    assert len(PdfReader(io.BytesIO(out.getvalue())).pages) == 1


def test_bad_role_and_layout_are_refused(keys: tuple[str, str]) -> None:
    with pytest.raises(ValueError, match="role"):
        render_badge_bytes(badge(keys, 0, role="teacher"), labels=DANISH)
    with pytest.raises(ValueError, match="layout"):
        render_badges([], layout="a4-10", out=io.BytesIO(), labels=DANISH)  # type: ignore[arg-type]


@pytest.mark.skipif(not DANISH_MO.exists(), reason="no compiled Danish catalogue yet")
def test_default_labels_are_danish(keys: tuple[str, str]) -> None:
    with translation.override("en"):  # badges stay Danish whatever the admin's language
        text = text_of(render_badge_bytes(badge(keys, 0, schedule=schedule(1))))
    assert "ELEV" in text and "Bord" in text
    labels = default_labels()
    assert dict(labels.roles) == dict(DANISH.roles)
    assert (labels.time, labels.stand, labels.table, labels.who) == ("Tid", "Stand", "Bord", "Med")
    assert labels.more(1) == "+1 samtale mere" and labels.more(3) == "+3 samtaler mere"


def test_pdftoppm_renders_without_warnings(keys: tuple[str, str], tmp_path: Path) -> None:
    source = tmp_path / "badge.pdf"
    source.write_bytes(render_badge_bytes(badge(keys, 1), "a4-8", labels=DANISH))
    done = subprocess.run(
        ["pdftoppm", "-r", "50", "-png", source, tmp_path / "p"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert not re.search(r"(?i)error|warning", done.stderr), done.stderr


def test_empty_fields_and_schedule_row_objects_are_fine(keys: tuple[str, str]) -> None:
    rows = [ScheduleRow("09:00", "09:15", "A1", "2", "Ærø ApS")]
    empty = badge(keys, 0, name="", organisation="", fair_name="", schedule=rows)
    for layout in LAYOUTS:
        text = text_of(render_badge_bytes(empty, layout, labels=DANISH))  # type: ignore[arg-type]
        assert "Ærø ApS" in text and "12.03.2026" in text and "·" not in text


def test_labels_come_from_the_catalogue_with_context_and_plural(tmp_path: Path) -> None:
    """The msgids in pdf.py, compiled as the Danish catalogue will hold them, give Danish."""
    po = polib.POFile()
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    for role, danish in DANISH.roles.items():
        po.append(polib.POEntry(msgid=role.capitalize(), msgstr=danish))
    for english, danish in [
        ("Time", "Tid"),
        ("Stand", "Stand"),
        ("Table", "Bord"),
        ("With", "Med"),
    ]:
        po.append(polib.POEntry(msgctxt="badge schedule", msgid=english, msgstr=danish))
    po.append(
        polib.POEntry(
            msgid="+%(count)d more interview",
            msgid_plural="+%(count)d more interviews",
            msgstr_plural={0: "+%(count)d samtale mere", 1: "+%(count)d samtaler mere"},
        )
    )
    (tmp_path / "da" / "LC_MESSAGES").mkdir(parents=True)
    po.save_as_mofile(str(tmp_path / "da" / "LC_MESSAGES" / "django.mo"))

    with override_settings(LOCALE_PATHS=[tmp_path]):
        labels, english = default_labels(), default_labels("en")
        # "+N more" is translated when a schedule overflows, for its N.
        assert labels.more(1) == "+1 samtale mere" and labels.more(4) == "+4 samtaler mere"
        assert english.more(2) == "+2 more interviews"
    assert dict(labels.roles) == dict(DANISH.roles)
    assert (labels.time, labels.stand, labels.table, labels.who) == ("Tid", "Stand", "Bord", "Med")
    assert english.roles["organizer"] == "Organizer"
