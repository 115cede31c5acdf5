"""/api/v1/adoptions: what local bodies did with an oversight measure (adopted, considered,
rejected, tabled), as curators recorded it from the minutes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from deputized.api.errors import ERRORS
from deputized.api.pages import page_of
from deputized.api.schemas import AdoptionPage, AdoptionQuery, PageQuery
from deputized.api.selectors import Lazy
from deputized.opendata import records
from deputized.oversight.adoptions import adoption_list

router = Router(tags=["adoptions"])


@router.get("/adoptions", response={200: AdoptionPage, **ERRORS}, summary="List adoptions")
def adoption_list_view(
    request: HttpRequest, filters: Query[AdoptionQuery], paging: Query[PageQuery]
) -> dict[str, Any]:
    """Each decision of a county board or town council on a measure (its key in the guidance,
    e.g. `county-activity-cost-reports`), newest first, with the vote and a link to the minutes;
    filter by state or outcome."""
    items = adoption_list(state=filters.state, outcome=filters.outcome)
    return page_of(Lazy(items, records.adoption_record), paging)
