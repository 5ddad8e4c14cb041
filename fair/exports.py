"""Table exports for spreadsheets: CSV (semicolons, UTF-8 with BOM) and XLSX.

Both take Danish headers from the caller and rows of plain values. Text cells that a
spreadsheet would read as a formula (starting with = + - @, tab or carriage return) get a
leading apostrophe, so an exported name like ``=HYPERLINK(...)`` stays text. Numbers stay
numbers: ``-3`` as an int is written as the number -3, never neutralised.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Cell = str | int | float | Decimal | date | datetime | None


def cell_safe(value: Cell) -> Cell:
    """The value as a spreadsheet should get it: numbers as they are, risky text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    # An ASCII name for every browser, the Danish one (RFC 6266) for those that read it.
    name = "".join(ch for ch in filename if ch.isalnum() or ch in "-_.") or "export"
    ascii_name = name.translate(
        str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
    )
    ascii_name = ascii_name.encode("ascii", "ignore").decode() or "export"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """The table as CSV bytes: UTF-8 with BOM, semicolons, CRLF line ends (Excel in Denmark)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([cell_safe(h) for h in headers])
    for row in rows:
        cells = [cell_safe(v) for v in row]
        # Danish Excel reads a decimal comma; integers need nothing.
        writer.writerow(
            [str(c).replace(".", ",") if isinstance(c, float | Decimal) else c for c in cells]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def csv_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence[Cell]]):
    """An HTTP download of the table as CSV for Excel."""
    response = HttpResponse(csv_bytes(headers, rows), content_type="text/csv; charset=utf-8")
    return _attachment(response, filename)


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Cell]], *, sheet: str = "") -> bytes:
    """The table as an XLSX workbook with one sheet, bold headers and numbers as numbers."""
    import xlsxwriter  # imported lazily: only exports need it

    buffer = io.BytesIO()
    # strings_to_formulas/urls off: text is always stored as text, never evaluated.
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    title = "".join(ch for ch in sheet if ch not in "[]:*?/\\")[:31] or "Data"
    worksheet = workbook.add_worksheet(title)
    bold = workbook.add_format({"bold": True})
    widths = [len(str(h)) for h in headers]
    for col, header in enumerate(headers):
        worksheet.write_string(0, col, str(cell_safe(header)), bold)
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            cell = cell_safe(value)
            if cell == "":
                continue
            if isinstance(cell, int | float | Decimal):
                worksheet.write_number(r, col, float(cell) if isinstance(cell, Decimal) else cell)
            else:
                worksheet.write_string(r, col, cell)
            if col < len(widths):
                widths[col] = max(widths[col], len(str(cell)))
    for col, width in enumerate(widths):
        worksheet.set_column(col, col, min(width + 2, 60))
    worksheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence[Cell]]):
    """An HTTP download of the table as an XLSX workbook."""
    sheet = filename.rsplit(".", 1)[0]
    response = HttpResponse(xlsx_bytes(headers, rows, sheet=sheet), content_type=XLSX_TYPE)
    return _attachment(response, filename)
