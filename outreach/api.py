"""API of outreach: the funnel per campaign (organizers and partner staff)."""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router

from fair.resolve import request_fair
from fair.rules import may_manage_outreach, require
from fair.schemas import ErrorOut
from outreach import selectors
from outreach.schemas import FunnelOut

router = Router(tags=["outreach"])


@router.get(
    "/outreach/funnel",
    response={200: FunnelOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Invited → registered → booked a stand, per campaign of a fair",
)
def funnel_get(request: HttpRequest, fair: str):
    """Counts and percentages (of those invited) per campaign; see `rule` for how."""
    message = _("Only organizers and partner staff can see this.")
    require(may_manage_outreach(request.user), message, code="forbidden")
    found = request_fair(request, fair, public=False)
    rows = selectors.funnel_for(fair=found)
    return {
        "fair": found.slug,
        "rule": selectors.funnel_rule(),
        "campaigns": [
            {
                **{k: v for k, v in r.items() if k != "campaign"},
                "campaign_id": r["campaign"].pk,
                "campaign": r["campaign"].name,
            }
            for r in rows
        ],
    }
