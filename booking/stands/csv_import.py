"""Importing a fair's stands from the organizer's CSV file."""

from django.db import transaction
from django.utils.translation import gettext as _g

from booking.models import Stand
from booking.stands.floorplan import CsvProblem, stand_rows_parse
from fair.exceptions import InvalidInput
from fair.models import Fair


@transaction.atomic
def stands_import(*, fair: Fair, text: str) -> list[Stand]:
    """Create the fair's stands from CSV text; all or nothing, errors name the line."""
    try:
        rows = stand_rows_parse(text)
    except CsvProblem as problem:
        raise InvalidInput({"file": [_line_message(problem)]}) from None
    existing = set(Stand.objects.filter(fair=fair).values_list("code", flat=True))
    for row in rows:
        if row.code in existing:
            message = _g("Stand %(code)s already exists at this fair.") % {"code": row.code}
            raise InvalidInput({"file": [_line_message(CsvProblem(row.line, message))]})
    return Stand.objects.bulk_create(
        Stand(
            fair=fair,
            code=row.code,
            zone=row.zone,
            x=row.x,
            y=row.y,
            width=row.width,
            height=row.height,
            size_m2=row.size_m2,
            power=row.power,
            price_dkk=row.price_dkk,
            note=row.note,
        )
        for row in rows
    )


def _line_message(problem: CsvProblem) -> str:
    if problem.line:
        return _g("Line %(line)s: %(problem)s Nothing was imported.") % {
            "line": problem.line,
            "problem": problem.message,
        }
    return _g("%(problem)s Nothing was imported.") % {"problem": problem.message}
