"""/api/v1/growth: active agreements by model at the first list of each month (the charts)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from deputized.api import selectors
from deputized.api.errors import ERRORS
from deputized.api.pages import page_of
from deputized.api.schemas import GrowthPage, GrowthQuery, PageQuery

router = Router(tags=["growth"])


@router.get("/growth", response={200: GrowthPage, **ERRORS}, summary="Growth by model")
def growth_list(
    request: HttpRequest, filters: Query[GrowthQuery], paging: Query[PageQuery]
) -> dict[str, Any]:
    """Active agreements by model on the first participating list of each month, oldest first,
    for the country (`scope=US`) or North Carolina (`scope=NC`): each month names the ICE list
    it counts (`source`), read by the same rule as every other count."""
    return page_of(selectors.growth_list(scope=filters.scope), paging)
