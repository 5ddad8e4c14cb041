"""Accessible charts rendered on the server as inline SVG (no script, fits a strict CSP).

Every chart is an ``<svg role="img">`` named by its ``<title>`` and described by a ``<desc>``
that reads out every value, so a screen reader gets the numbers. On screen each value is
also written as text next to its bar or point, and series differ by pattern (solid, hatched,
dotted) and marker shape as well as by colour, so nothing is told by colour alone. Colours
have at least 4.5:1 contrast against white. A value of ``None`` is suppressed (a small
number not shown): no bar, and the suppressed label as text; a string value (such as "<5"
or "x") is hidden the same way and written as itself.

Pure functions: plain data in, markup out. Callers pass already translated strings.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

# Ink colours with >= 4.5:1 contrast on white (blue 8.6:1, brown 7.1:1, green 6.9:1, purple 8.3:1).
COLOURS = ("#0b5394", "#8a4b08", "#1e6b2f", "#5b2a86")
PATTERNS = ("solid", "hatch", "dots", "cross")
MARKERS = ("circle", "square", "triangle", "diamond")
INK = "#1a1a1a"
GRID = "#767676"  # 4.5:1 on white

_ids = count(1)


@dataclass(frozen=True)
class Series:
    """One named row of values, one per category (``None`` or a string = hidden)."""

    name: str
    values: Sequence[int | float | str | None]


def _num(value) -> int | float | None:
    """The value to draw, or None for a hidden one."""
    return value if isinstance(value, int | float) else None


def _fmt(value: int | float | str | None, suppressed: str) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return suppressed
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return f"{int(value):,}".replace(",", ".")


def _defs(prefix: str, n: int) -> str:
    parts = []
    for i in range(n):
        colour, pattern = COLOURS[i % len(COLOURS)], PATTERNS[i % len(PATTERNS)]
        pid = f"{prefix}-p{i}"
        if pattern == "solid":
            body = f'<rect width="8" height="8" fill="{colour}"/>'
        elif pattern == "hatch":
            body = (
                f'<rect width="8" height="8" fill="#ffffff"/>'
                f'<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" '
                f'stroke="{colour}" stroke-width="2.5"/>'
            )
        elif pattern == "dots":
            body = (
                f'<rect width="8" height="8" fill="#ffffff"/>'
                f'<circle cx="4" cy="4" r="2.2" fill="{colour}"/>'
            )
        else:
            body = (
                f'<rect width="8" height="8" fill="#ffffff"/>'
                f'<path d="M0,4 h8 M4,0 v8" stroke="{colour}" stroke-width="2"/>'
            )
        parts.append(
            f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f"{body}</pattern>"
        )
    return "<defs>" + "".join(parts) + "</defs>"


def _legend(prefix: str, series: Sequence[Series], y: int, *, lines: bool = False) -> str:
    out = []
    for i, s in enumerate(series):
        ly = y + i * 22
        colour = COLOURS[i % len(COLOURS)]
        if lines:
            swatch = _marker(MARKERS[i % len(MARKERS)], 10, ly + 7, colour) + (
                f'<line x1="0" y1="{ly + 7}" x2="20" y2="{ly + 7}" stroke="{colour}" '
                f'stroke-width="2"{_dash(i)}/>'
            )
        else:
            swatch = (
                f'<rect x="0" y="{ly}" width="20" height="14" fill="url(#{prefix}-p{i})" '
                f'stroke="{colour}" stroke-width="1.5"/>'
            )
        out.append(
            swatch
            + f'<text x="28" y="{ly + 12}" font-size="13" fill="{INK}">{escape(s.name)}</text>'
        )
    return "".join(out)


def _open(prefix: str, width: int, height: int, title: str, desc: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="100%" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{prefix}-t {prefix}-d" '
        f'font-family="system-ui, sans-serif">'
        f'<title id="{prefix}-t">{escape(title)}</title>'
        f'<desc id="{prefix}-d">{escape(desc)}</desc>'
    )


def describe(categories: Sequence[str], series: Sequence[Series], *, suppressed: str) -> str:
    """Every value in words, for the chart's ``<desc>``: "Elektriker: Pladser 12, Søgende 9."."""
    parts = []
    for c, category in enumerate(categories):
        values = ", ".join(f"{s.name} {_fmt(s.values[c], suppressed)}" for s in series)
        parts.append(f"{category}: {values}.")
    return " ".join(parts)


def bar_chart(
    *,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    suppressed: str = "< 5",
    width: int = 360,
) -> SafeString:
    """Horizontal grouped bars, one group per category with its label above (phone-first)."""
    prefix = f"chart{next(_ids)}"
    label_w = 48  # room for the value written after the bar
    bar_h, gap = 16, 4
    group_h = 20 + len(series) * (bar_h + gap) + 10
    legend_h = len(series) * 22 + 8
    height = legend_h + max(len(categories), 1) * group_h + 4
    top = max((_num(v) for s in series for v in s.values if _num(v) is not None), default=0) or 1
    span = width - label_w - 4
    body = [_defs(prefix, len(series)), _legend(prefix, series, 2)]
    for c, category in enumerate(categories):
        y = legend_h + c * group_h
        body.append(
            f'<text x="0" y="{y + 14}" font-size="14" font-weight="bold" fill="{INK}">'
            f"{escape(category)}</text>"
        )
        for i, s in enumerate(series):
            value = s.values[c]
            by = y + 20 + i * (bar_h + gap)
            length = 0 if _num(value) is None else max(round(span * value / top), 1 if value else 0)
            if length:
                body.append(
                    f'<rect x="0" y="{by}" width="{length}" height="{bar_h}" '
                    f'fill="url(#{prefix}-p{i})" stroke="{COLOURS[i % len(COLOURS)]}" '
                    f'stroke-width="1.5"/>'
                )
            body.append(
                f'<text x="{length + 6}" y="{by + 13}" font-size="13" fill="{INK}">'
                f"{escape(_fmt(value, suppressed))}</text>"
            )
        body.append(f'<line x1="0" y1="{y + 18}" x2="0" y2="{y + group_h - 8}" stroke="{GRID}"/>')
    desc = describe(categories, series, suppressed=suppressed)
    return mark_safe(_open(prefix, width, height, title, desc) + "".join(body) + "</svg>")


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "circle":
        return f'<circle cx="{x}" cy="{y}" r="5" fill="{colour}"/>'
    if shape == "square":
        return f'<rect x="{x - 5}" y="{y - 5}" width="10" height="10" fill="{colour}"/>'
    if shape == "triangle":
        return f'<path d="M{x},{y - 6} L{x + 6},{y + 5} L{x - 6},{y + 5} Z" fill="{colour}"/>'
    return f'<path d="M{x},{y - 6} L{x + 6},{y} L{x},{y + 6} L{x - 6},{y} Z" fill="{colour}"/>'


def _dash(i: int) -> str:
    return (
        "",
        ' stroke-dasharray="6 4"',
        ' stroke-dasharray="2 3"',
        ' stroke-dasharray="8 3 2 3"',
    )[i % 4]


def line_chart(
    *,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    suppressed: str = "< 5",
    width: int = 360,
    height: int = 220,
) -> SafeString:
    """Lines over ordered categories (years, months) with a marker shape and value per point."""
    prefix = f"chart{next(_ids)}"
    legend_h = len(series) * 22 + 8
    left, right, bottom, top_pad = 8, 8, 24, 18
    plot_h = height - bottom - top_pad
    total_h = legend_h + height
    top = max((_num(v) for s in series for v in s.values if _num(v) is not None), default=0) or 1
    n = max(len(categories), 1)
    step = (width - left - right) / n
    xs = [left + step * (k + 0.5) for k in range(n)]
    base = legend_h + top_pad + plot_h

    def y_of(v: float) -> float:
        return round(base - plot_h * v / top, 1)

    body = [_legend(prefix, series, 2, lines=True)]
    body.append(f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" stroke="{GRID}"/>')
    for k, category in enumerate(categories):
        body.append(
            f'<text x="{xs[k]:.1f}" y="{base + 17}" font-size="12" text-anchor="middle" '
            f'fill="{INK}">{escape(category)}</text>'
        )
    for i, s in enumerate(series):
        colour = COLOURS[i % len(COLOURS)]
        points = [(xs[k], y_of(v)) for k, v in enumerate(s.values) if _num(v) is not None]
        if len(points) > 1:
            d = " ".join(f"{x:.1f},{y}" for x, y in points)
            body.append(
                f'<polyline points="{d}" fill="none" stroke="{colour}" stroke-width="2"{_dash(i)}/>'
            )
        for k, v in enumerate(s.values):
            y = y_of(_num(v) or 0)
            if _num(v) is not None:
                body.append(_marker(MARKERS[i % len(MARKERS)], round(xs[k], 1), y, colour))
            body.append(
                f'<text x="{xs[k]:.1f}" y="{y - 9}" font-size="12" text-anchor="middle" '
                f'fill="{INK}">{escape(_fmt(v, suppressed))}</text>'
            )
    desc = describe(categories, series, suppressed=suppressed)
    return mark_safe(_open(prefix, width, total_h, title, desc) + "".join(body) + "</svg>")


def chart_html(svg: SafeString, caption: str) -> SafeString:
    """The chart in a ``<figure>`` with a visible caption."""
    return format_html(
        '<figure class="chart-figure">{}<figcaption>{}</figcaption></figure>', svg, caption
    )
