"""/api/v1/officials and /api/v1/meetings: who holds each office that can act on 287(g) in North
Carolina, and their boards' meetings, each fact with its source and the day it was verified."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from deputized.api import selectors
from deputized.api.errors import ERRORS
from deputized.api.pages import page_of
from deputized.api.schemas import (
    MeetingPage,
    MeetingQuery,
    OfficialPage,
    OfficialQuery,
    PageQuery,
)
from deputized.officials import records
from deputized.officials import selectors as officials

router = Router(tags=["officials"])


@router.get("/officials", response={200: OfficialPage, **ERRORS}, summary="List officials")
def official_list(
    request: HttpRequest, filters: Query[OfficialQuery], paging: Query[PageQuery]
) -> dict[str, Any]:
    """NC offices (sheriffs, boards, councils, attorneys, police chiefs, legislators) with their
    current holder and contacts. `county` also returns the legislators whose district covers it
    (the district list is incomplete: see the data dictionary)."""
    if filters.county:
        selectors.county_get(filters.county)
    if filters.town:
        selectors.town_get(filters.town)
    offices = officials.office_list(
        county=filters.county, town=filters.town, agency=filters.agency, role=filters.role
    )
    return page_of(selectors.Lazy(offices, records.official_record), paging)


@router.get("/meetings", response={200: MeetingPage, **ERRORS}, summary="List meetings")
def meeting_list(
    request: HttpRequest, filters: Query[MeetingQuery], paging: Query[PageQuery]
) -> dict[str, Any]:
    """Meetings of NC boards and councils where 287(g) can be raised, with agenda links and
    public-comment deadlines, as curators recorded them."""
    if filters.county:
        selectors.county_get(filters.county)
    if filters.town:
        selectors.town_get(filters.town)
    meetings = officials.meeting_list(county=filters.county, town=filters.town, since=filters.since)
    return page_of(selectors.Lazy(meetings, records.meeting_record), paging)
