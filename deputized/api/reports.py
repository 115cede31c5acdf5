"""/api/v1/activity-reports: the quarters of 287(g) activity and cost reports local bodies
received, with the figures as the agencies reported them (nc-policy.md §5)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from deputized.api.errors import ERRORS
from deputized.api.pages import page_of
from deputized.api.schemas import ActivityReportPage, ActivityReportQuery, PageQuery
from deputized.api.selectors import Lazy
from deputized.opendata import records
from deputized.oversight.reports import report_list

router = Router(tags=["activity reports"])


@router.get(
    "/activity-reports",
    response={200: ActivityReportPage, **ERRORS},
    summary="List activity and cost reports",
)
def activity_report_list_view(
    request: HttpRequest, filters: Query[ActivityReportQuery], paging: Query[PageQuery]
) -> dict[str, Any]:
    """Each quarter of an agency's report, oldest first per agency, with the body that received
    it, the report's link or the copy the site keeps, and every figure (null: not reported);
    filter by agency."""
    items = report_list(agency_id=filters.agency)
    return page_of(Lazy(items, records.activity_report_record), paging)
