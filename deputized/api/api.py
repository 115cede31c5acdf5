"""The NinjaAPI of /api/v1/: one router per resource, clear JSON errors, OpenAPI 3.1 at
/api/v1/openapi.json and its docs page at /api/v1/docs."""

from __future__ import annotations

from ninja import NinjaAPI

from deputized.api import (
    adoptions,
    agencies,
    agreements,
    earlier,
    errors,
    events,
    growth,
    officials,
    places,
    public_records,
    publications,
    reports,
    stops,
)

DESCRIPTION = """Every 287(g) agreement ICE has listed, its history, and the places it concerns.

Every agreement, event and row carries `source`: the publication date, list, ICE's file name, the
file's sha256 and the row number it came from. Data derived by Deputized: CC BY 4.0; ICE's files
are public records. Agreements before 2021 (/earlier-agreements) are a separate layer, from ICE
fact sheets and reports, not from ICE's spreadsheets: each names its own sources and quotes
them. NC officials (/officials, /meetings) come from public directories and curators, each
fact with its source and the day it was verified. Reads only; CORS open; conditional requests
(ETag, Last-Modified) answered 304; a rate limit per client address (429 with Retry-After).
Bulk files: /en/downloads/."""

api = NinjaAPI(
    title="Deputized open data",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
for module in (
    agreements,
    agencies,
    events,
    publications,
    places,
    growth,
    earlier,
    officials,
    adoptions,
    reports,
    public_records,
    stops,
):
    api.add_router("", module.router)
