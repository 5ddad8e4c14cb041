"""API of the mapping register: counts for organizers (exact) and partner staff (suppressed)."""

from datetime import date

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from fair.exceptions import InvalidInput
from fair.rules import may_read_register, require, sees_exact_counts
from fair.schemas import ErrorOut
from partners import counting
from partners.models import Partner
from partners.schemas import MappingCountsOut

router = Router(tags=["mapping"])


class CountsFilter(Schema):
    group_by: str = "trade"
    partner: int | None = None
    month: str | None = None


def _filters(filters: CountsFilter) -> tuple[list[str], date | None, Partner | None]:
    group_by = [g.strip() for g in filters.group_by.split(",") if g.strip()]
    errors = {}
    unknown = [g for g in group_by if g not in counting.DIMENSIONS]
    if unknown or not group_by:
        errors["group_by"] = [
            _("Group by one or more of: %(known)s.") % {"known": ", ".join(counting.DIMENSIONS)}
        ]
    month = None
    if filters.month:
        try:
            month = date.fromisoformat(filters.month + "-01")
        except ValueError:
            errors["month"] = [_("Give the month as YYYY-MM.")]
        else:
            if month > timezone.localdate():
                errors["month"] = [_("The month has not begun yet.")]
    partner = None
    if filters.partner is not None:
        partner = Partner.objects.filter(pk=filters.partner).first()
        if partner is None:
            errors["partner"] = [_("Unknown partner.")]
    if errors:
        raise InvalidInput(errors)
    return group_by, month, partner


def _row(row: counting.CountRow, view: dict) -> dict:
    view = dict(view)
    view["previous_month"] = view.pop("previous")
    groups = [
        {"dimension": d, "id": v, "name": label}
        for (d, v), label in zip(row.key, row.labels, strict=True)
    ]
    return {"groups": groups, **view}


@router.get(
    "/mapping/counts",
    response={200: MappingCountsOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    summary="Students lacking a training placement, counted by trade, municipality, …",
)
def mapping_counts(request: HttpRequest, filters: Query[CountsFilter]):
    """Counts of the mapping register at the end of a month (default: this month), with the
    month before and the same month a year before. `group_by` is a comma-separated list of
    trade, programme, municipality, partner, school. Organizers get exact numbers; partner
    staff get every count from 1 to 4 as "<5" and the counts that would give one away (a
    row's parts and total, a column and the total line) as "x" (docs/counting.md). Each
    student counts once per row."""
    require(
        may_read_register(request.auth), _("Only organizers and partner staff read the mapping.")
    )
    group_by, month, partner = _filters(filters)
    exact = sees_exact_counts(request.auth)
    table = counting.register_counts(group_by=group_by, month=month, partner=partner)
    views, total = table.views(exact=exact)
    return {
        "month": f"{table.month:%Y-%m}",
        "previous_month": f"{table.previous_month:%Y-%m}",
        "last_year_month": f"{table.last_year_month:%Y-%m}",
        "group_by": table.group_by,
        "exact": exact,
        "rule": str(counting.RULE),
        "suppression": None if exact else str(counting.SUPPRESSION_RULE),
        "rows": [_row(r, v) for r, v in zip(table.rows, views, strict=True)],
        "total": _row(table.total, total),
    }
