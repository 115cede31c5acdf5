"""/api/v1/agreements: every agreement, or those ICE listed on a date (`as_of`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from deputized.api import selectors
from deputized.api.errors import ERRORS
from deputized.api.pages import page_of
from deputized.api.schemas import AgreementPage, AgreementQuery, PageQuery

router = Router(tags=["agreements"])


@router.get("/agreements", response={200: AgreementPage, **ERRORS}, summary="List agreements")
def agreement_list(
    request: HttpRequest, filters: Query[AgreementQuery], paging: Query[PageQuery]
) -> dict[str, Any]:
    """Without `as_of`: every agreement with its current status and the latest row that listed
    it. With `as_of`: the agreements of the last participating list ICE published on or before
    that date, each with its row in that list (what `deputized agreements --as-of` prints)."""
    items = selectors.agreement_list(
        as_of=filters.as_of,
        state=filters.state,
        county=filters.county,
        town=filters.town,
        model=filters.model,
        status=filters.status,
    )
    return page_of(items, paging)
