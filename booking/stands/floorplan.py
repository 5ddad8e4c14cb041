"""The floor plan, pure: stand rows parsed from CSV, and the plan drawn as accessible SVG.

No database access here: the services and views hand in plain data.
"""

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

CSV_COLUMNS = ("code", "zone", "x", "y", "width", "height", "size_m2", "power", "price_dkk", "note")
SCALE = 20  # SVG units per metre: a 3 m stand is 60 units, big enough for a 14-unit label
MARGIN = 1  # metres around the stands
TRUE_WORDS = {"1", "ja", "yes", "true", "x", "j", "y"}
FALSE_WORDS = {"", "0", "nej", "no", "false", "n"}
PRICE_MAX = 1_000_000  # kroner
MAX_CSV_BYTES = 2_000_000  # a floor plan file larger than this is refused, never cut
MAX_CSV_FIELD = 1000  # characters in one cell; a note is 200 at most
# Stand codes go into addresses (/fairs/<fair>/stands/<code>/): letters, digits, "-" and ".",
# starting with a letter or digit; no "/", "?", "#", spaces or control characters.
STAND_CODE = re.compile(r"[^\W_][\w.-]{0,9}")
# Sane sizes in metres: a stand is at least 0.5 m wide and deep and fits in a 100 m hall.
SIZE_MIN, SIZE_MAX = Decimal("0.5"), Decimal("100")
AREA_MIN, AREA_MAX = Decimal("0.25"), Decimal("10000")
# Whole kroner: plain digits, or thousands grouped by one kind of separator ("12.500", "12 500").
# A comma is never read as grouping: "12,500" could be 12.5 as well as 12500.
PRICE_WHOLE = re.compile(r"\d+|\d{1,3}(?P<sep>[. \u00a0])\d{3}(?:(?P=sep)\d{3})*", re.ASCII)


@dataclass(frozen=True)
class StandRow:
    """One stand as read from a CSV line."""

    line: int
    code: str
    zone: str
    x: Decimal
    y: Decimal
    width: Decimal
    height: Decimal
    size_m2: Decimal
    power: bool
    price_dkk: int
    note: str


class CsvProblem(Exception):
    """The CSV cannot be imported; `line` is the 1-based line number in the file (0: none)."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(message)


def stand_code_valid(code: str) -> bool:
    """Can this (upper-cased) code be used in an address? Used on import and in the admin."""
    return bool(STAND_CODE.fullmatch(code)) and code == code.upper()


def stand_code_problem() -> str:
    return _(
        "The stand code must be 1 to 10 letters, digits, “-” or “.”, starting with a letter "
        "or digit (e.g. A12 or B-3)."
    )


def _in_range(number: Decimal, raw: str, *, line: int, column: str, low, high) -> None:
    if not low <= number <= high:
        raise CsvProblem(
            line,
            _("“%(column)s” must be between %(low)s and %(high)s, not %(value)s.")
            % {
                "column": column,
                "low": format(low, "f").replace(".", ","),
                "high": format(high, "f").replace(".", ","),
                "value": raw.strip(),
            },
        )


def _decimal(value: str, *, line: int, column: str, positive: bool) -> Decimal:
    try:
        number = Decimal(value.strip().replace(",", "."))
    except InvalidOperation:
        raise CsvProblem(
            line,
            _("“%(column)s” must be a number, not “%(value)s”.")
            % {"column": column, "value": value},
        ) from None
    if not number.is_finite() or abs(number) >= 10000:
        raise CsvProblem(line, _("“%(column)s” is out of range.") % {"column": column})
    if positive and number <= 0:
        raise CsvProblem(
            line,
            _("“%(column)s” must be greater than 0, not %(value)s.")
            % {"column": column, "value": value},
        )
    if not positive and number < 0:
        raise CsvProblem(
            line,
            _("“%(column)s” must not be negative, not %(value)s.")
            % {"column": column, "value": value},
        )
    return number.quantize(Decimal("0.01"))


def _price(value: str, *, line: int) -> int:
    """Whole kroner, 0 to PRICE_MAX; decimals and ambiguous groupings are refused, not cut."""
    text = value.strip()
    if not text:
        return 0
    if not PRICE_WHOLE.fullmatch(text):
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise CsvProblem(
                line,
                _("“%(column)s” must be a number, not “%(value)s”.")
                % {"column": "price_dkk", "value": value},
            )
        if number < 0:
            raise CsvProblem(
                line,
                _("“%(column)s” must not be negative, not %(value)s.")
                % {"column": "price_dkk", "value": value},
            )
        raise CsvProblem(
            line,
            _("“price_dkk” must be whole kroner, e.g. 12500 or 12.500, not “%(value)s”.")
            % {"value": value},
        )
    price = int(re.sub(r"\D", "", text))
    if price > PRICE_MAX:
        raise CsvProblem(
            line,
            _("“price_dkk” must be at most %(max)s kroner, not %(value)s.")
            % {"max": f"{PRICE_MAX:,}".replace(",", "."), "value": value},
        )
    return price


def stand_rows_parse(text: str) -> list[StandRow]:
    """Parse and check a whole stand CSV; raise CsvProblem at the first bad line.

    Refused whole, never cut: a file over MAX_CSV_BYTES, a NUL character, a cell over
    MAX_CSV_FIELD characters, a code that cannot be part of an address, absurd sizes.
    """
    if len(text.encode("utf-8", "surrogatepass")) > MAX_CSV_BYTES:
        raise CsvProblem(0, csv_too_large())
    if "\x00" in text:
        raise CsvProblem(0, _("The file contains a NUL character: it is not a text (CSV) file."))
    return _rows(text)


def csv_too_large() -> str:
    return _("The file is larger than %(max)s bytes (2 MB). Split it into smaller files.") % {
        "max": f"{MAX_CSV_BYTES:,}".replace(",", ".")
    }


class _Reader:
    """csv.reader with a cell limit of its own (the module's limit is global to the process)."""

    def __init__(self, text: str, delimiter: str):
        self.reader = csv.reader(io.StringIO(text), delimiter=delimiter)

    def __iter__(self):
        return self

    def __next__(self) -> list[str]:
        too_long = _("A cell is longer than %(max)s characters.") % {"max": MAX_CSV_FIELD}
        try:
            cells = next(self.reader)
        except csv.Error as exc:  # over the module's own limit (128 KiB), or malformed
            line = self.reader.line_num
            if "field larger than field limit" in str(exc):
                raise CsvProblem(line, too_long) from None
            raise CsvProblem(line, _("The file is not valid CSV (a cell is malformed).")) from None
        if any(len(cell) > MAX_CSV_FIELD for cell in cells):
            raise CsvProblem(self.reader.line_num, too_long)
        return cells


def _rows(text: str) -> list[StandRow]:
    sample = text[:2000]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = _Reader(text.lstrip("\ufeff"), delimiter)
    header = next(reader, None)
    if header is None:
        raise CsvProblem(0, _("The file is empty."))
    header = [name.strip().lower() for name in header]
    missing = [name for name in CSV_COLUMNS if name not in header]
    if missing:
        raise CsvProblem(1, _("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)})
    index = {name: header.index(name) for name in CSV_COLUMNS}
    rows: list[StandRow] = []
    seen: dict[str, int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) < len(header):
            raise CsvProblem(line, _("The line has too few columns."))
        get = {name: cells[i].strip() for name, i in index.items()}
        code = get["code"].upper()
        if not stand_code_valid(code):
            raise CsvProblem(line, stand_code_problem())
        if code in seen:
            raise CsvProblem(
                line,
                _("The stand code %(code)s appears twice (also on line %(first)s).")
                % {"code": code, "first": seen[code]},
            )
        seen[code] = line
        power = get["power"].lower()
        if power not in TRUE_WORDS | FALSE_WORDS:
            raise CsvProblem(line, _("“power” must be yes or no."))
        price = _price(get["price_dkk"], line=line)
        width = _decimal(get["width"], line=line, column="width", positive=True)
        height = _decimal(get["height"], line=line, column="height", positive=True)
        size_m2 = _decimal(get["size_m2"], line=line, column="size_m2", positive=True)
        for column, number in (("width", width), ("height", height)):
            _in_range(number, get[column], line=line, column=column, low=SIZE_MIN, high=SIZE_MAX)
        _in_range(size_m2, get["size_m2"], line=line, column="size_m2", low=AREA_MIN, high=AREA_MAX)
        rows.append(
            StandRow(
                line=line,
                code=code,
                zone=get["zone"][:40],
                x=_decimal(get["x"], line=line, column="x", positive=False),
                y=_decimal(get["y"], line=line, column="y", positive=False),
                width=width,
                height=height,
                size_m2=size_m2,
                power=power in TRUE_WORDS,
                price_dkk=price,
                note=get["note"][:200],
            )
        )
    if not rows:
        raise CsvProblem(0, _("The file has no stands."))
    return rows


@dataclass(frozen=True)
class PlanStand:
    """A stand as the plan draws it. `state` is free, held or booked."""

    code: str
    zone: str
    x: float
    y: float
    width: float
    height: float
    size_m2: Decimal
    state: str
    company: str = ""
    own: bool = False
    href: str = ""


def state_word(state: str) -> str:
    return {"free": _("free"), "held": _("held, waiting for approval"), "booked": _("booked")}[
        state
    ]


def stand_label(stand: PlanStand) -> str:
    """The words a screen reader says for a stand: code, zone, size and state."""
    words = _("Stand %(code)s, zone %(zone)s, %(size)s m², %(state)s") % {
        "code": stand.code,
        "zone": stand.zone or "–",
        "size": format(stand.size_m2.normalize(), "f").replace(".", ","),
        "state": state_word(stand.state),
    }
    if stand.company:
        words += _(" by %(company)s") % {"company": stand.company}
    if stand.own:
        words += _(" (your stand)")
    return words


def _short(text: str, width_units: float, font: float) -> str:
    fits = max(3, int(width_units / (font * 0.6)))
    return text if len(text) <= fits else text[: fits - 1] + "…"


def _stand_svg(stand: PlanStand) -> SafeString:
    x, y = stand.x * SCALE, stand.y * SCALE
    w, h = stand.width * SCALE, stand.height * SCALE
    classes = f"stand stand-{stand.state}" + (" stand-own" if stand.own else "")
    second = ""
    if stand.own:
        second = _("Yours")
    elif stand.state == "booked" and stand.company:
        second = stand.company
    elif stand.state == "held":
        second = _("Reserved")
    elif stand.state == "free":
        second = _("Free")
    inner = format_html(
        '<title>{}</title><rect x="{}" y="{}" width="{}" height="{}" rx="3"></rect>'
        '<text x="{}" y="{}" class="stand-code{}">{}</text>',
        stand_label(stand),
        f"{x:g}",
        f"{y:g}",
        f"{w:g}",
        f"{h:g}",
        f"{x + w / 2:g}",
        f"{y + h / 2 - (2 if second else -5):g}",
        "" if w >= 40 else " stand-code-small",
        stand.code,
    )
    if second and h >= 30:
        inner += format_html(
            '<text x="{}" y="{}" class="stand-sub">{}</text>',
            f"{x + w / 2:g}",
            f"{y + h / 2 + 12:g}",
            _short(second, w - 4, 9),
        )
    if stand.href:
        return format_html(
            '<a href="{}" class="{}" aria-label="{}">{}</a>',
            stand.href,
            classes,
            stand_label(stand),
            inner,
        )
    return format_html(
        '<g class="{}" role="img" tabindex="0" aria-label="{}">{}</g>',
        classes,
        stand_label(stand),
        inner,
    )


def plan_svg(*, stands: list[PlanStand], title: str, zoom: int = 1) -> SafeString:
    """The whole plan as one inline <svg>, sized by its viewBox (scales to a phone's width)."""
    if not stands:
        return mark_safe("")
    right = max(s.x + s.width for s in stands) + MARGIN
    bottom = max(s.y + s.height for s in stands) + MARGIN
    left = min(s.x for s in stands) - MARGIN
    top = min(s.y for s in stands) - MARGIN
    view = f"{left * SCALE:g} {top * SCALE:g} {(right - left) * SCALE:g} {(bottom - top) * SCALE:g}"
    defs = mark_safe(
        '<defs><pattern id="hatch-held" patternUnits="userSpaceOnUse" width="8" height="8" '
        'patternTransform="rotate(45)"><rect width="8" height="8" class="hatch-bg"></rect>'
        '<line x1="0" y1="0" x2="0" y2="8" class="hatch-line"></line></pattern>'
        '<pattern id="dots-booked" patternUnits="userSpaceOnUse" width="10" height="10">'
        '<rect width="10" height="10" class="dots-bg"></rect>'
        '<circle cx="5" cy="5" r="1.5" class="dots-dot"></circle></pattern></defs>'
    )
    body = format_html_join("", "{}", ((_stand_svg(stand),) for stand in stands))
    return format_html(
        '<svg class="floorplan zoom-{}" viewBox="{}" role="group" aria-label="{}" '
        'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">{}{}</svg>',
        zoom,
        view,
        title,
        defs,
        body,
    )
