"""Import prospects from a CSV file: checked whole, then saved whole or not at all.

Columns (header row, any order; `;` or `,` separated; UTF-8 with or without BOM):
`cvr`, `name` (required), `address`, `postcode`, `city`, `municipality` (code or name),
`phone`, `website`, `status`. A file that is too big, has too many rows or any bad row is
refused with every problem by line number; nothing is saved then.
"""

import csv
import io

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from fair.exceptions import InvalidInput
from fair.models import Municipality, Organisation, User
from fair.validators import cvr_normalise, phone_normalise
from outreach.enums import ProspectStatus

MAX_BYTES = 1_000_000
MAX_ROWS = 5_000
COLUMNS = ("cvr", "name", "address", "postcode", "city", "municipality", "phone", "website")
KNOWN = set(COLUMNS) | {"status"}
LIMITS = {"name": 150, "address": 200, "city": 100, "website": 200}
# A spreadsheet would run these as formulas when someone exports and opens the data again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise InvalidInput({"file": [_("The file is larger than 1 MB.")]})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput({"file": [_("The file is not UTF-8 text.")]}) from None
    if "\x00" in text:
        raise InvalidInput({"file": [_("The file is not UTF-8 text.")]})
    return text


def _reader(text: str) -> csv.DictReader:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "cvr" not in header or "name" not in header:
        raise InvalidInput({"file": [_("The first line must name the columns cvr and name.")]})
    unknown = [h for h in header if h not in KNOWN]
    if unknown:
        message = _("Unknown columns: %(names)s.") % {"names": ", ".join(unknown)}
        raise InvalidInput({"file": [message]})
    reader.fieldnames = header
    return reader


def _is_web_address(value: str) -> bool:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return False
    return True


def _row(line: int, raw: dict, municipalities: dict, problems: list) -> dict | None:
    def refuse(message: str) -> None:
        problems.append(_("Line %(line)d: %(problem)s") % {"line": line, "problem": message})

    if None in raw:
        refuse(_("more cells than columns."))
        return None
    row = {k: (v or "").strip() for k, v in raw.items()}
    before = len(problems)
    for key, value in row.items():
        if key != "phone" and value.startswith(FORMULA_START):
            refuse(_("the cell %(column)s starts with a formula character.") % {"column": key})
        if key in LIMITS and len(value) > LIMITS[key]:
            refuse(_("the cell %(column)s is too long.") % {"column": key})
    try:
        row["cvr"] = cvr_normalise(row.get("cvr", ""))
    except ValidationError as exc:
        refuse(exc.messages[0])
    try:
        row["phone"] = phone_normalise(row.get("phone", ""))
    except ValidationError as exc:
        refuse(exc.messages[0])
    if not row.get("name"):
        refuse(_("the company name is missing."))
    postcode = row.get("postcode", "")
    if postcode and not (postcode.isdigit() and len(postcode) == 4):
        refuse(_("A Danish postcode has 4 digits."))
    if row.get("website") and not _is_web_address(row["website"]):
        refuse(_("the website is not an address starting with http:// or https://."))
    municipality = row.get("municipality", "")
    row["municipality"] = None
    if municipality:
        row["municipality"] = municipalities.get(municipality.lower())
        if row["municipality"] is None:
            refuse(_("unknown municipality %(name)s.") % {"name": municipality})
    status = row.pop("status", "")
    row["status"] = status.lower()
    if status and row["status"] not in ProspectStatus.values:
        refuse(_("unknown status %(status)s.") % {"status": status})
    return row if len(problems) == before else None


def prospects_parse(*, data: bytes) -> list[dict]:
    """Check a whole file; the rows as dicts, or InvalidInput with every problem by line."""
    reader = _reader(_decode(data))
    municipalities = {}
    for m in Municipality.objects.all():
        municipalities[m.code.lower()] = m
        municipalities[m.name.lower()] = m
    rows, problems, seen = [], [], {}
    try:
        for raw in reader:
            line = reader.line_num
            if len(rows) + len(problems) >= MAX_ROWS:
                problems.append(_("The file has more than 5,000 rows."))
                break
            row = _row(line, raw, municipalities, problems)
            if row is None:
                continue
            if row["cvr"] in seen:
                problems.append(
                    _("Line %(line)d: CVR %(cvr)s is also on line %(other)d.")
                    % {"line": line, "cvr": row["cvr"], "other": seen[row["cvr"]]}
                )
                continue
            seen[row["cvr"]] = line
            rows.append(row)
    except csv.Error as exc:
        problems.append(
            _("Line %(line)d: %(problem)s") % {"line": reader.line_num, "problem": str(exc)}
        )
    if problems:
        raise InvalidInput({"file": problems})
    if not rows:
        raise InvalidInput({"file": [_("The file has no rows.")]})
    return rows


@transaction.atomic
def prospects_import(*, data: bytes, user: User | None) -> tuple[int, int]:
    """Import a CSV of prospects all or nothing; return (new organisations, updated ones)."""
    from outreach.services import prospect_add

    rows = prospects_parse(data=data)
    known = set(
        Organisation.objects.filter(cvr__in=[r["cvr"] for r in rows]).values_list("cvr", flat=True)
    )
    for row in rows:
        prospect_add(user=user, **row)
    return len(rows) - len(known), len(known)
