"""Exports read back as a spreadsheet would: Danish headers, numbers as numbers, no formulas."""

import csv
import io
from datetime import date

import openpyxl

from fair.exports import csv_response, xlsx_response

HEADERS = ["Uddannelse", "Kommune", "Søgende", "Andel"]
HOSTILE = [
    ['=HYPERLINK("http://x","klik")', "Høje-Taastrup", 12, 0.5],
    ["+45 12 34", "-Ærø", -3, 1.25],
    ["@SUM(A1)", "\tTab", 0, None],
    ["\rCR", "Rødovre", 7, 2],
    ["Elektriker", "Ballerup", 5, date(2026, 12, 4)],
]


def _read_csv(response):
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens æøå right
    text = body.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_csv_response_has_danish_headers_bom_and_attachment_name():
    response = csv_response("søgende 2026.csv", HEADERS, [])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"soegende2026.csv\"; filename*=UTF-8''s%C3%B8gende2026.csv"
    )
    assert _read_csv(response) == [HEADERS]


def test_csv_response_neutralises_formulas_and_keeps_numbers():
    rows = _read_csv(csv_response("x.csv", HEADERS, HOSTILE))
    assert rows[1:] == [
        ['\'=HYPERLINK("http://x","klik")', "Høje-Taastrup", "12", "0,5"],
        ["'+45 12 34", "'-Ærø", "-3", "1,25"],
        ["'@SUM(A1)", "'\tTab", "0", ""],
        ["'\rCR", "Rødovre", "7", "2"],
        ["Elektriker", "Ballerup", "5", "04.12.2026"],
    ]


def test_xlsx_response_reads_back_with_numbers_as_numbers_and_no_formulas():
    response = xlsx_response("søgende.xlsx", HEADERS, HOSTILE)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.active
    # OOXML stores a carriage return as _x000D_, which Excel decodes and openpyxl does not.
    values = [
        [v.replace("_x000D_", "\r") if isinstance(v, str) else v for v in r]
        for r in sheet.iter_rows(values_only=True)
    ]
    assert values[0] == HEADERS
    assert values[1:] == [
        ['\'=HYPERLINK("http://x","klik")', "Høje-Taastrup", 12, 0.5],
        ["'+45 12 34", "'-Ærø", -3, 1.25],
        ["'@SUM(A1)", "'\tTab", 0, None],
        ["'\rCR", "Rødovre", 7, 2],
        ["Elektriker", "Ballerup", 5, "04.12.2026"],
    ]
    # No cell is stored as a formula.
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
