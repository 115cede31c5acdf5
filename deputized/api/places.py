"""/api/v1/places: counties and towns, who polices them, and what local officials can do."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Path, Query, Router

from deputized.api import selectors
from deputized.api.errors import ERRORS
from deputized.api.pages import page_of
from deputized.api.schemas import (
    COUNTY_FIPS,
    TOWN_GEOID,
    CountyDetailOut,
    CountyPage,
    CountyQuery,
    LanguageQuery,
    PageQuery,
    TownDetailOut,
    TownPage,
    TownQuery,
)

router = Router(tags=["places"])


@router.get("/places/counties", response={200: CountyPage, **ERRORS}, summary="List counties")
def county_list(
    request: HttpRequest, filters: Query[CountyQuery], paging: Query[PageQuery]
) -> dict[str, Any]:
    """Every county with its 287(g) status (from every agency serving it) and active models."""
    return page_of(selectors.county_list(state=filters.state), paging)


@router.get(
    "/places/counties/{fips}", response={200: CountyDetailOut, **ERRORS}, summary="One county"
)
def county_detail(
    request: HttpRequest, language: Query[LanguageQuery], fips: str = Path(..., pattern=COUNTY_FIPS)
) -> dict[str, Any]:
    """A county, the agencies serving it with their agreements, and (in North Carolina) what its
    officials can do, in English or Spanish."""
    return selectors.county_detail(fips, language=language.lang)


@router.get("/places/towns", response={200: TownPage, **ERRORS}, summary="List towns")
def town_list(
    request: HttpRequest, filters: Query[TownQuery], paging: Query[PageQuery]
) -> dict[str, Any]:
    """Towns and cities (North Carolina's), with whether each has its own police."""
    return page_of(selectors.town_list(state=filters.state, county=filters.county), paging)


@router.get(
    "/places/towns/{geoid}", response={200: TownDetailOut, **ERRORS}, summary="One town or city"
)
def town_detail(
    request: HttpRequest, language: Query[LanguageQuery], geoid: str = Path(..., pattern=TOWN_GEOID)
) -> dict[str, Any]:
    """A town, who polices it (its police, or its county's sheriff) with their agreements, and
    what its council can do."""
    return selectors.town_detail(geoid, language=language.lang)
