"""/api/v1/events: the change log."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from deputized.api import selectors
from deputized.api.errors import ERRORS
from deputized.api.pages import page_of
from deputized.api.schemas import EventPage, EventQuery, PageQuery

router = Router(tags=["events"])


@router.get("/events", response={200: EventPage, **ERRORS}, summary="List change events")
def event_list(
    request: HttpRequest, filters: Query[EventQuery], paging: Query[PageQuery]
) -> dict[str, Any]:
    """Change events in the order they arose: filter by date observed, kind, status, state,
    county or town. `source.row` is null for an absence (no row shows it)."""
    items = selectors.event_list(
        since=filters.since,
        until=filters.until,
        kind=filters.kind,
        status=filters.status,
        state=filters.state,
        county=filters.county,
        town=filters.town,
    )
    return page_of(items, paging)
