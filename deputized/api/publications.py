"""/api/v1/publications: every list ICE published, its rows, and its file byte for byte."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router

from deputized.api import selectors
from deputized.api.errors import ERRORS, NotFoundError
from deputized.api.pages import page_of
from deputized.api.schemas import (
    SHA256,
    PageQuery,
    PublicationOut,
    PublicationPage,
    PublicationQuery,
    RowPage,
)
from deputized.opendata import records

router = Router(tags=["publications"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/publications", response={200: PublicationPage, **ERRORS}, summary="List publications")
def publication_list(
    request: HttpRequest, filters: Query[PublicationQuery], paging: Query[PageQuery]
) -> dict[str, Any]:
    """Every list ICE published that the archive holds, in history order (`sequence`)."""
    items = selectors.publication_list(kind=filters.list, since=filters.since, until=filters.until)
    return page_of(items, paging)


@router.get(
    "/publications/{sha256}", response={200: PublicationOut, **ERRORS}, summary="One publication"
)
def publication_detail(
    request: HttpRequest, sha256: str = Path(..., pattern=SHA256)
) -> dict[str, Any]:
    detail = selectors.publication_detail(sha256)
    if detail is None:
        raise NotFoundError(f"no publication with sha256 {sha256}")
    return detail


@router.get(
    "/publications/{sha256}/rows",
    response={200: RowPage, **ERRORS},
    summary="The rows of a publication",
)
def publication_rows(
    request: HttpRequest, paging: Query[PageQuery], sha256: str = Path(..., pattern=SHA256)
) -> dict[str, Any]:
    """Every data row, in sheet order, normalized, with the agreement it stands for."""
    publication = selectors.publication_object(sha256)
    if publication is None:
        raise NotFoundError(f"no publication with sha256 {sha256}")
    return page_of(selectors.Lazy(list(records.publication_rows(publication)), dict), paging)


@router.get(
    "/publications/{sha256}/file",
    response={200: None, **ERRORS},
    summary="The file as ICE published it",
    openapi_extra={
        "responses": {
            200: {
                "description": "The workbook, byte for byte, under ICE's file name.",
                "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def publication_file(request: HttpRequest, sha256: str = Path(..., pattern=SHA256)) -> HttpResponse:
    found = selectors.publication_file(sha256)
    if found is None:
        raise NotFoundError(f"no publication with sha256 {sha256}")
    name, content = found
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
