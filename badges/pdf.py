"""Printable badges: plain data in, PDF bytes out (reportlab + qrcode).

Layouts: ``single`` puts one badge on an A6 portrait page; ``a4-8`` puts eight
90 × 55 mm badges (the common badge-holder insert size) on A4, with cut marks.
The QR code is drawn as vector rectangles, so it stays sharp at any printer
resolution, and the text uses the embedded Bitstream Vera TrueType fonts that
ship with reportlab, so æ ø å print on every printer.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from io import BytesIO
from typing import BinaryIO

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import MODE_ALPHA_NUM, MODE_NUMBER, QRData
from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from badges.pdf_layout import (
    _WITH_SCHEDULE,
    FONT,
    FONT_BOLD,
    LAYOUTS,
    QUIET_ZONE,
    ROLE_COLOURS,
    BadgeData,
    Labels,
    LayoutName,
    _Design,
    _Sheet,
    default_labels,
)

# Token data is an Ed25519 signature, i.e. uniformly random bits, so all eight
# masks score alike; scoring them would cost qrcode ~4 ms per badge (40 s per
# 10,000). Any fixed mask is valid for every decoder.
_QR_MASK = 0


_ELLIPSIS = "…"


# reportlab keeps registered fonts for the life of the process; parse them once.
@functools.cache
def _register_fonts() -> frozenset[int]:
    regular, bold = TTFont(FONT, "Vera.ttf"), TTFont(FONT_BOLD, "VeraBd.ttf")
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(bold)
    return frozenset(regular.face.charToGlyph) & frozenset(bold.face.charToGlyph)


class _GlyphFallback(dict[int, str]):
    """str.translate table that keeps characters Vera has and simplifies the rest."""

    def __missing__(self, codepoint: int) -> str:
        covered = _register_fonts()
        # e.g. Polish "ą" is not in Vera: print "a" rather than a blank box.
        base = unicodedata.normalize("NFKD", chr(codepoint))[:1]
        self[codepoint] = (
            chr(codepoint)
            if codepoint in covered
            else (base if base and ord(base) in covered else "?")
        )
        return self[codepoint]


_FALLBACK = _GlyphFallback()


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(str(text).split())).translate(_FALLBACK)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Return text, cut with an ellipsis if it is wider than width."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # longest prefix that fits together with the ellipsis
        mid = (lo + hi + 1) // 2
        if pdfmetrics.stringWidth(text[:mid].rstrip() + _ELLIPSIS, font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + _ELLIPSIS


_DARK_RUN = re.compile(b"\x01+")


def draw_qr(canvas: Canvas, text: str, *, x: float, y: float, size: float) -> float:
    """Draw text as a QR code filling the square (x, y, size) and return the symbol width."""
    data = QRData(text)
    version = _qr_version(len(data), data.mode)
    qr = qrcode.QRCode(version, ERROR_CORRECT_M, border=0, mask_pattern=_QR_MASK)
    qr.add_data(data)
    qr.make(fit=False)
    modules = qr.modules
    count = len(modules)
    unit = size / (count + 2 * QUIET_ZONE)
    # One filled path of horizontal runs, in module units with y pointing down:
    # integer coordinates keep the stream short, and a single fill leaves no
    # anti-aliasing seams between neighbouring modules.
    ops = [
        f"q 0 g {unit:.5f} 0 0 {-unit:.5f} {x + QUIET_ZONE * unit:.3f} "
        f"{y + size - QUIET_ZONE * unit:.3f} cm"
    ]
    for row_index, row in enumerate(modules):
        for run in _DARK_RUN.finditer(bytes(row)):
            ops.append(f"{run.start()} {row_index} {run.end() - run.start()} 1 re")
    ops.append("f Q")
    canvas.addLiteral("\n".join(ops))
    return unit * count


# The smallest version depends only on the data's length and mode, and finding it
# costs qrcode as much as encoding; every token has the same length and mode.
@functools.lru_cache(maxsize=64)
def _qr_version(length: int, mode: int) -> int:
    sample = {MODE_NUMBER: b"0", MODE_ALPHA_NUM: b"A"}.get(mode, b"a") * length
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M)
    qr.add_data(QRData(sample, mode=mode))
    return qr.best_fit()


# Height of two lines of bold text per point of size: cap height, leading, descent.
_CAP, _LEADING, _DESCENT = 0.73, 1.1, 0.24


_TWO_LINES = _CAP + _LEADING + _DESCENT


def _name_lines(name: str, d: _Design, height: float) -> tuple[float, list[str]]:
    """Return the font size and lines (one or two) that show name largest."""
    width = d.width - 2 * d.pad
    natural = pdfmetrics.stringWidth(name, FONT_BOLD, d.name_max) or width  # "" has no width
    one = min(d.name_max, d.name_max * width / natural)
    best = (one, [name])
    if one < 0.8 * d.name_max and " " in name:
        # Break at the space nearest the middle; two lines must fit the height too.
        middle = len(name) / 2
        cut = min((i for i, ch in enumerate(name) if ch == " "), key=lambda i: abs(i - middle))
        lines = [name[:cut], name[cut + 1 :]]
        widest = max(pdfmetrics.stringWidth(line, FONT_BOLD, d.name_max) for line in lines)
        two = min(d.name_max * width / widest, height / _TWO_LINES, d.name_max)
        if two > one:
            best = (two, lines)
    size, lines = best
    size = max(size, d.name_min)
    return size, [_fit(line, FONT_BOLD, size, width) for line in lines]


def _draw_badge(
    c: Canvas, badge: BadgeData, d: _Design, labels: Labels, columns: Sequence[float]
) -> None:
    """Draw one badge with its lower-left corner at the canvas origin."""
    try:
        band_colour, text_colour = ROLE_COLOURS[badge.role]
    except KeyError:
        raise ValueError(f"unknown role {badge.role!r}") from None
    inner = d.width - 2 * d.pad

    c.setFillColorRGB(*band_colour)
    c.rect(0, d.height - d.band, d.width, d.band, stroke=0, fill=1)
    c.setFillColorRGB(*text_colour)
    c.setFont(FONT_BOLD, d.role_size)
    role = _fit(_clean(labels.roles[badge.role]).upper(), FONT_BOLD, d.role_size, inner)
    c.drawString(d.pad, d.height - d.band + (d.band - _CAP * d.role_size) / 2, role)

    c.setFillColorRGB(0, 0, 0)
    top = d.height - d.band - 0.25 * d.name_max
    bottom = d.org_baseline + _CAP * d.org_size + 0.1 * d.name_max
    size, lines = _name_lines(_clean(badge.name), d, top - bottom)
    leading = _LEADING * size
    block = (_CAP + _DESCENT) * size + leading * (len(lines) - 1)
    baseline = top - (top - bottom - block) / 2 - _CAP * size
    c.setFont(FONT_BOLD, size)
    for line in lines:
        c.drawString(d.pad, baseline, line)
        baseline -= leading

    c.setFont(FONT, d.org_size)
    c.drawString(d.pad, d.org_baseline, _fit(_clean(badge.organisation), FONT, d.org_size, inner))

    when, fair = f"{badge.fair_date:%d.%m.%Y}", _clean(badge.fair_name)
    c.setFont(FONT, d.footer_size)
    if fair:  # the date always shows in full; the fair's name gives way
        when = " · " + when
        room = d.footer_width - pdfmetrics.stringWidth(when, FONT, d.footer_size)
        when = _fit(fair, FONT, d.footer_size, room) + when
    c.drawString(d.pad, d.pad, when)

    draw_qr(c, badge.token, x=d.qr_x, y=d.qr_y, size=d.qr_box)

    if badge.role in _WITH_SCHEDULE and badge.schedule:
        _draw_schedule(c, badge.schedule, d, labels, columns)


def _columns(d: _Design, labels: Labels) -> tuple[float, float, float]:
    """Return the widths of the time, stand and table columns; "who" gets the rest."""

    def width(header: str, sample: str) -> float:
        bold = pdfmetrics.stringWidth(_clean(header), FONT_BOLD, d.sched_size)
        return 1.5 * mm + max(bold, pdfmetrics.stringWidth(sample, FONT, d.sched_size))

    return width(labels.time, "00:00–00:00"), width(labels.stand, "A00"), width(labels.table, "00")


def _draw_schedule(
    c: Canvas, rows: Sequence[Sequence[str]], d: _Design, labels: Labels, columns: Sequence[float]
) -> None:
    """Draw the interview table, cutting it with a "+N more" line when it overflows."""
    size, leading = d.sched_size, 1.3 * d.sched_size
    bottom = d.pad + 1.5 * d.footer_size  # clear of the footer line
    capacity = int((d.sched_top - bottom) / leading) - 1  # minus the header row
    shown = list(rows) if len(rows) <= capacity else list(rows[: capacity - 1])
    xs = [d.pad, d.pad + columns[0], d.pad + columns[0] + columns[1], d.pad + sum(columns)]
    widths = [*(w - 1 * mm for w in columns), d.pad + d.footer_width - xs[3]]

    y = d.sched_top - size
    c.setFont(FONT_BOLD, size)
    header = (labels.time, labels.stand, labels.table, labels.who)
    for x, width, word in zip(xs, widths, header, strict=True):
        c.drawString(x, y, _fit(_clean(word), FONT_BOLD, size, width))
    c.setFont(FONT, size)
    for start, end, stand, table, who in shown:
        y -= leading
        cells = (f"{start}–{end}", stand, table, who)
        for x, width, cell in zip(xs, widths, cells, strict=True):
            c.drawString(x, y, _fit(_clean(cell), FONT, size, width))
    if len(shown) < len(rows):
        y -= leading
        c.setFont(FONT_BOLD, d.sched_size)
        c.drawString(xs[0], y, _clean(labels.more(len(rows) - len(shown))))


def _draw_cut_marks(c: Canvas, sheet: _Sheet) -> None:
    """Draw marks in the margin on every cut line, clear of the badges."""
    d = sheet.design
    xs = sorted({x for x, _ in sheet.slots} | {x + d.width for x, _ in sheet.slots})
    ys = sorted({y for _, y in sheet.slots} | {y + d.height for _, y in sheet.slots})
    gap, length = 2 * mm, 5 * mm
    c.setLineWidth(0.5)
    c.setStrokeColorRGB(0, 0, 0)
    lines = [(x, ys[0] - gap, x, ys[0] - gap - length) for x in xs]
    lines += [(x, ys[-1] + gap, x, ys[-1] + gap + length) for x in xs]
    lines += [(xs[0] - gap, y, xs[0] - gap - length, y) for y in ys]
    lines += [(xs[-1] + gap, y, xs[-1] + gap + length, y) for y in ys]
    c.lines(lines)
    # A faint outline guides scissors where no guillotine is at hand.
    c.setLineWidth(0.25)
    c.setStrokeColorRGB(0.8, 0.8, 0.8)
    for x, y in sheet.slots:
        c.rect(x, y, d.width, d.height, stroke=1, fill=0)


def render_badges(
    badges: Iterable[BadgeData],
    *,
    layout: LayoutName = "a4-8",
    out: BinaryIO,
    labels: Labels | None = None,
) -> int:
    """Write a PDF of the badges to out, page by page, and return how many were drawn."""
    try:
        sheet = LAYOUTS[layout]
    except KeyError:
        raise ValueError(f"unknown layout {layout!r}; choose from {sorted(LAYOUTS)}") from None
    labels = labels or default_labels()
    _register_fonts()
    columns = _columns(sheet.design, labels)
    # invariant=1: identical input gives identical bytes (no timestamp or random id).
    # initialFontName: otherwise reportlab lists an unembedded Helvetica on every page.
    c = Canvas(out, pagesize=sheet.page, pageCompression=1, invariant=1, initialFontName=FONT)
    c.setTitle(labels.title or default_labels().title)  # "Navneskilte" in Danish
    per_page = len(sheet.slots)
    count = 0
    for badge in badges:  # consumed lazily: callers may pass a generator over a query
        slot = count % per_page
        if slot == 0:
            if count:
                c.showPage()
            if sheet.cut_marks:
                _draw_cut_marks(c, sheet)
        x, y = sheet.slots[slot]
        c.saveState()
        c.translate(x, y)
        _draw_badge(c, badge, sheet.design, labels, columns)
        c.restoreState()
        count += 1
    c.showPage()
    # reportlab's default wraps each zlib stream in ASCII85, which only 7-bit mail
    # transports need: a quarter more bytes, encoded in pure Python (~1 s per 10,000).
    a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        c.save()
    finally:
        rl_config.useA85 = a85
    return count


def render_badge_bytes(
    badge: BadgeData, layout: LayoutName = "single", *, labels: Labels | None = None
) -> bytes:
    """Return one badge as PDF bytes (A6 page by default)."""
    buffer = BytesIO()
    render_badges([badge], layout=layout, out=buffer, labels=labels)
    return buffer.getvalue()
