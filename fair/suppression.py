"""Small numbers hidden outside organizers, and the numbers that would give them away.

One rule for every table shown outside organizers (the mapping pages and API, the trends
dashboard for partners, the public good-chances page), told in docs/counting.md:

1. **Primary**: every count from 1 to 4 is shown as "<5". 0 is shown as 0.
2. **Secondary** (counts of students; placements offered are the companies' own public
   numbers and follow rule 1 only): a *line* is a group of numbers in one table that add up
   to a total: the parts of a row and the row's total, or a column and its total line (a
   total shown in another table or page counts as shown). No line may have exactly one
   hidden number, since that number would be its total minus the others. Where a line has
   exactly one, the smallest other number above 0 in it is hidden too, shown as "x" (the
   line's total only when no part is left). Repeated until no line has exactly one.
3. **Ranges**: a reader knows that "<5" is 1 to 4 and, from rule 2, that "x" is at least 5;
   with a line's total that can still pin a number down (a total of 6 over "<5" and "x" is
   1 and 5). Where it would, one more number of the line is hidden as in rule 2.

Pure functions: counts in, the counts as they may be shown out.
"""

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

SUPPRESS_BELOW = 5
SUPPRESSED = "<5"  # a count from 1 to 4
HIDDEN = "x"  # a larger count hidden so that a count from 1 to 4 cannot be worked out


@dataclass(frozen=True)
class Line:
    """Cells that add up to a total: ``total`` is a cell of the same table, or None when the
    total is shown elsewhere (and is then taken as shown)."""

    cells: Sequence[Hashable]
    total: Hashable | None = None
    members: tuple = field(init=False, compare=False)

    def __post_init__(self):
        extra = () if self.total is None else (self.total,)
        object.__setattr__(self, "members", (*self.cells, *extra))


def is_primary(value: int | None) -> bool:
    return value is not None and 0 < value < SUPPRESS_BELOW


def _pinned(line: Line, values: dict, hidden: dict) -> bool:
    """Whether the line's total pins a hidden part down, given what "<5" and "x" mean.

    Only a line whose total is shown; ``values`` are the exact counts."""
    if line.total is not None and line.total in hidden:
        return False
    parts = [k for k in line.cells if k in hidden]
    if len(parts) < 2:
        return False
    rest = sum(values.get(k) or 0 for k in parts)  # what the reader can work out
    low = {k: 1 if hidden[k] == SUPPRESSED else SUPPRESS_BELOW for k in parts}
    high = {k: SUPPRESS_BELOW - 1 if hidden[k] == SUPPRESSED else rest for k in parts}
    for k in parts:
        others_low = sum(low[o] for o in parts if o != k)
        others_high = sum(high[o] for o in parts if o != k)
        if max(low[k], rest - others_high) >= min(high[k], rest - others_low):
            return True
    return False


def protect(values: dict[Hashable, int], lines: Iterable[Line]) -> dict[Hashable, int | str]:
    """The values as they may be shown: 1 to 4 as "<5" and, by the secondary rule, the
    numbers that would give one of them away as "x". Cells missing from ``values`` are 0."""
    lines = list(lines)
    hidden: dict[Hashable, str] = {k: SUPPRESSED for k, v in values.items() if is_primary(v)}
    changed = bool(hidden)
    while changed:
        changed = False
        for line in lines:
            count = sum(k in hidden for k in line.members)
            if count != 1 and not (count > 1 and _pinned(line, values, hidden)):
                continue
            candidates = [k for k in line.cells if k not in hidden and values.get(k)]
            if not candidates and line.total is not None and values.get(line.total):
                candidates = [line.total] if line.total not in hidden else []
            if candidates:
                pick = min(candidates, key=lambda k: values[k])  # the first of the smallest
                hidden[pick] = HIDDEN
                changed = True
    return {k: hidden.get(k, v) for k, v in values.items()}


def protect_grid(
    rows: list[list[int]],
    *,
    column_lines: Iterable[int] = (),
    total_row: int | None = None,
    row_lines: Iterable[tuple[Sequence[int], int | None]] = (),
) -> list[list[int | str]]:
    """A grid of counts as it may be shown.

    ``column_lines``: the columns whose cells add up to a total, either the row
    ``total_row`` of the grid or (None) a total shown elsewhere; ``row_lines``: per row,
    (the columns that are parts, the column of their total or None).
    """
    values = {(r, c): v for r, row in enumerate(rows) for c, v in enumerate(row)}
    lines = []
    body = [r for r in range(len(rows)) if r != total_row]
    for c in column_lines:
        lines.append(Line([(r, c) for r in body], None if total_row is None else (total_row, c)))
    for parts, total in row_lines:
        for r in range(len(rows)):
            lines.append(Line([(r, c) for c in parts], None if total is None else (r, total)))
    shown = protect(values, lines)
    return [[shown[(r, c)] for c in range(len(row))] for r, row in enumerate(rows)]


def shown(value: int | None, *, exact: bool) -> int | str | None:
    """One count on its own (in no line): exact for organizers, 1 to 4 as "<5" otherwise."""
    if value is None or exact or not is_primary(value):
        return value
    return SUPPRESSED
