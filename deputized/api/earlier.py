"""/api/v1/earlier-agreements: the 287(g) agreements before 2021, each with its sources."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from deputized.api import selectors
from deputized.api.errors import ERRORS
from deputized.api.pages import page_of
from deputized.api.schemas import EarlierPage, EarlierQuery, PageQuery

router = Router(tags=["earlier agreements"])


@router.get(
    "/earlier-agreements",
    response={200: EarlierPage, **ERRORS},
    summary="List agreements before 2021",
)
def earlier_list(
    request: HttpRequest, filters: Query[EarlierQuery], paging: Query[PageQuery]
) -> dict[str, Any]:
    """Agreements from 2002 to 2020, from ICE fact sheets and reports (not from ICE's
    spreadsheets), each with its sources and exact quotes; filter by state or county."""
    items = selectors.earlier_list(state=filters.state, county=filters.county)
    return page_of(items, paging)
