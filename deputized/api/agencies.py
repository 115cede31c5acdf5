"""/api/v1/agencies: every agency ICE has listed, and one agency with its agreements."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Path, Query, Router

from deputized.api import selectors
from deputized.api.errors import ERRORS, NotFoundError
from deputized.api.pages import page_of
from deputized.api.schemas import AGENCY_ID, AgencyDetailOut, AgencyPage, PageQuery, PlaceQuery

router = Router(tags=["agencies"])


@router.get("/agencies", response={200: AgencyPage, **ERRORS}, summary="List agencies")
def agency_list(
    request: HttpRequest, filters: Query[PlaceQuery], paging: Query[PageQuery]
) -> dict[str, Any]:
    """Agencies in ICE's lists, with the place each polices; filter by state, county or town."""
    items = selectors.agency_list(state=filters.state, county=filters.county, town=filters.town)
    return page_of(items, paging)


@router.get(
    "/agencies/{agency_id}", response={200: AgencyDetailOut, **ERRORS}, summary="One agency"
)
def agency_detail(
    request: HttpRequest, agency_id: str = Path(..., pattern=AGENCY_ID)
) -> dict[str, Any]:
    """An agency (e.g. nc-duplin-county-sheriffs-office), its place and every agreement."""
    detail = selectors.agency_detail(agency_id)
    if detail is None:
        raise NotFoundError(f"no agency {agency_id!r}")
    return detail
