"""/api/v1/stops/...: traffic-stop measures per agency, year and race/ethnicity group."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from deputized.api.errors import ERRORS
from deputized.api.pages import page_of
from deputized.api.schemas import PageQuery, StopsMeasurePage, StopsMeasureQuery
from deputized.stops import selectors

router = Router(tags=["stops"])


@router.get(
    "/stops/agencies", response={200: list[dict[str, Any]], **ERRORS}, summary="Stops: agencies"
)
def stops_agency_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Agencies in the loaded traffic-stop data, with ODP's id and census geography when matched."""
    return selectors.stops_agency_list()


@router.get(
    "/stops/measures", response={200: StopsMeasurePage, **ERRORS}, summary="Stops: measures"
)
def stops_measure_list(
    request: HttpRequest, filters: Query[StopsMeasureQuery], paging: Query[PageQuery]
) -> dict[str, Any]:
    """Counts, rates (Wilson 95% intervals) and ratios to white drivers (log-scale intervals,
    null where either count is below 20) per agency, year and group, by agency, year and
    group; `agency` filters by name."""
    return page_of(selectors.MeasureRows(agency=filters.agency), paging)
