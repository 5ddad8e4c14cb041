"""CSV import into the mapping register: every line or none, refusals by line number.

The file is read whole (at most 2 MB, refused above that, never cut), decoded as UTF-8,
checked line by line (NUL bytes, field lengths, formulas, CPR numbers, unknown values), and
only when every line is good are the students added, in one transaction.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fair.exceptions import InvalidInput
from fair.models import Municipality, Programme, School, User
from partners.enums import RegisterStatus, Source
from partners.models import Partner
from partners.services import EntryIn, register_entry_add
from partners.validators import FORMULA_START, looks_like_cpr

MAX_BYTES = 2 * 1024 * 1024
MAX_LINES = 5000
MAX_FIELD = 200
MAX_ERRORS = 50
KNOWN = (
    "navn, fornavn, efternavn, email, fødselsdato, uddannelse, kommune, skole, søger_siden, status"
)
COLUMNS = {
    "name": "name",
    "navn": "name",
    "first_name": "first_name",
    "fornavn": "first_name",
    "last_name": "last_name",
    "efternavn": "last_name",
    "email": "email",
    "e-mail": "email",
    "mail": "email",
    "birth_date": "birth_date",
    "fødselsdato": "birth_date",
    "programme": "programme",
    "programmes": "programme",
    "uddannelse": "programme",
    "municipality": "municipality",
    "kommune": "municipality",
    "school": "school",
    "skole": "school",
    "seeking_since": "seeking_since",
    "søger_siden": "seeking_since",
    "søger siden": "seeking_since",
    "status": "status",
}
STATUS_WORDS = {
    "søger": RegisterStatus.SEEKING,
    "seeking": RegisterStatus.SEEKING,
    "skoleoplæring": RegisterStatus.SCHOOL_TRAINING,
    "skolepraktik": RegisterStatus.SCHOOL_TRAINING,
    "school_training": RegisterStatus.SCHOOL_TRAINING,
    "snuse": RegisterStatus.TRIAL_DAYS,
    "praktik": RegisterStatus.TRIAL_DAYS,
    "snusepraktik": RegisterStatus.TRIAL_DAYS,
    "trial_days": RegisterStatus.TRIAL_DAYS,
    "uddannelsesaftale": RegisterStatus.TRAINING_AGREEMENT,
    "aftale": RegisterStatus.TRAINING_AGREEMENT,
    "training_agreement": RegisterStatus.TRAINING_AGREEMENT,
    "udmeldt": RegisterStatus.LEFT,
    "stoppet": RegisterStatus.LEFT,
    "left": RegisterStatus.LEFT,
}


class ImportRefused(Exception):
    """The file was refused; `errors` are sentences for people, each naming its line."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("; ".join(errors))


@dataclass
class ImportResult:
    created: int
    merged: int


def _date(text: str) -> date | None:
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def too_big(size: int) -> ImportRefused:
    """The refusal of a file above the limit (the whole file is refused, never cut)."""
    message = _("The file is %(size).1f MB; the limit is 2 MB. Split it into smaller files.")
    return ImportRefused([message % {"size": size / 1024 / 1024}])


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise too_big(len(data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportRefused(
            [
                _(
                    "Line %(line)d: the file is not UTF-8 text. In Excel, save it as "
                    "“CSV UTF-8 (kommasepareret)”."
                )
                % {"line": line}
            ]
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportRefused(
            [
                _("Line %(line)d: the file holds a NUL byte; it is not a CSV text file.")
                % {"line": line}
            ]
        )
    if not text.strip():
        raise ImportRefused([_("The file is empty.")])
    return text


class _Lookup:
    """Reference data by every name a coordinator may write (three queries)."""

    def __init__(self):
        self.programmes = {}
        for p in Programme.objects.all():
            for key in (p.code, p.name_da, p.name_en):
                self.programmes[key.casefold()] = p
        self.municipalities = {}
        for m in Municipality.objects.all():
            self.municipalities[m.code] = self.municipalities[m.name.casefold()] = m
            self.municipalities[m.code.lstrip("0")] = m
        self.schools = {}
        for s in School.objects.all():
            self.schools[s.name.casefold()] = s
            if s.short_name:
                self.schools[s.short_name.casefold()] = s


def _entry(row: dict, lookup: _Lookup, line: int, errors: list[str]) -> EntryIn | None:
    before = len(errors)

    def refuse(message: str, **values) -> None:
        errors.append(_("Line %(line)d: ") % {"line": line} + message % values)

    name = row.get("name") or " ".join(filter(None, [row.get("first_name"), row.get("last_name")]))
    if not name:
        refuse(_("the name is missing."))
    programmes = []
    for part in filter(None, (p.strip() for p in (row.get("programme") or "").split("|"))):
        if part.casefold() in lookup.programmes:
            programmes.append(lookup.programmes[part.casefold()])
        else:
            refuse(_("unknown programme “%(value)s”."), value=part)
    if not programmes and not row.get("programme"):
        refuse(_("the programme is missing."))
    municipality = school = birth_date = None
    if row.get("municipality"):
        municipality = lookup.municipalities.get(row["municipality"].casefold())
        if municipality is None:
            refuse(_("unknown municipality “%(value)s”."), value=row["municipality"])
    if row.get("school"):
        school = lookup.schools.get(row["school"].casefold())
        if school is None:
            refuse(_("unknown school “%(value)s”."), value=row["school"])
    if row.get("birth_date"):
        birth_date = _date(row["birth_date"])
        if birth_date is None:
            refuse(
                _("the birth date “%(value)s” is not a date (dd.mm.yyyy)."), value=row["birth_date"]
            )
    since = _date(row.get("seeking_since") or "")
    if since is None:
        refuse(_("“seeking since” must be a date (dd.mm.yyyy)."))
    elif since > timezone.localdate():
        refuse(_("“seeking since” is in the future."))
    status = RegisterStatus.SEEKING
    if row.get("status"):
        status = STATUS_WORDS.get(row["status"].casefold())
        if status is None:
            refuse(_("unknown status “%(value)s”."), value=row["status"])
    email = (row.get("email") or "").lower()
    if email and ("@" not in email or " " in email):
        refuse(_("“%(value)s” is not an e-mail address."), value=email)
    if len(errors) > before:
        return None
    return EntryIn(
        name=name,
        email=email,
        birth_date=birth_date,
        programmes=programmes,
        municipality=municipality,
        school=school,
        seeking_since=since,
        status=status,
    )


def register_import_parse(data: bytes) -> list[tuple[int, EntryIn]]:
    """Check a whole CSV file; raises ImportRefused with every problem found (by line)."""
    text = _decode(data)
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    errors: list[str] = []
    try:
        header = [h.strip().casefold() for h in next(reader)]
        unknown = [h for h in header if h not in COLUMNS]
        if unknown:
            raise ImportRefused(
                [
                    _("Line 1: unknown column(s) %(columns)s. Known columns: %(known)s.")
                    % {
                        "columns": ", ".join(f"“{h[:40]}”" for h in unknown[:5]),
                        "known": KNOWN,
                    }
                ]
            )
        fields = [COLUMNS[h] for h in header]
        lookup = _Lookup()
        entries = []
        for cells in reader:
            line = reader.line_num
            if line > MAX_LINES + 1:
                raise ImportRefused(
                    [_("The file has more than %(max)d lines.") % {"max": MAX_LINES}]
                )
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(fields):
                errors.append(
                    _("Line %(line)d: %(found)d fields, the header has %(expected)d.")
                    % {"line": line, "found": len(cells), "expected": len(fields)}
                )
                continue
            row, bad = {}, False
            for name, cell in zip(fields, cells, strict=True):
                if len(cell) > MAX_FIELD:
                    errors.append(
                        _("Line %(line)d: the field “%(field)s” is longer than %(max)d characters.")
                        % {"line": line, "field": name, "max": MAX_FIELD}
                    )
                    bad = True
                elif looks_like_cpr(cell):
                    errors.append(
                        _(
                            "Line %(line)d: the field “%(field)s” looks like a CPR number; CPR "
                            "numbers are never stored. Remove it from the file."
                        )
                        % {"line": line, "field": name}
                    )
                    bad = True
                elif cell.startswith(FORMULA_START) and name not in ("birth_date", "seeking_since"):
                    errors.append(
                        _(
                            "Line %(line)d: the field “%(field)s” starts with = + - @ or a tab, "
                            "like a spreadsheet formula."
                        )
                        % {"line": line, "field": name}
                    )
                    bad = True
                row[name] = cell.strip()
            if not bad:
                entry = _entry(row, lookup, line, errors)
                if entry is not None:
                    entries.append((line, entry))
    except csv.Error as exc:
        errors.append(
            _("Line %(line)d: the CSV is malformed (%(problem)s).")
            % {"line": reader.line_num, "problem": str(exc)[:100]}
        )
    if errors:
        more = len(errors) - MAX_ERRORS
        shown = errors[:MAX_ERRORS]
        if more > 0:
            shown.append(_("… and %(count)d more problems.") % {"count": more})
        raise ImportRefused(shown)
    if not entries:
        raise ImportRefused([_("The file has no students in it.")])
    return entries


@transaction.atomic
def register_import(*, data: bytes, partner: Partner, user: User | None) -> ImportResult:
    """Import a partner's CSV: every line or none (one transaction)."""
    entries = register_import_parse(data)
    created = merged = 0
    for line, entry in entries:
        try:
            _person, new = register_entry_add(
                entry=entry, partner=partner, user=user, source=Source.CSV
            )
        except InvalidInput as exc:  # raising rolls the whole import back
            problems = [str(p) for ps in exc.errors.values() for p in ps]
            raise ImportRefused(
                [_("Line %(line)d: ") % {"line": line} + "; ".join(problems)]
            ) from None
        created += new
        merged += not new
    return ImportResult(created=created, merged=merged)
