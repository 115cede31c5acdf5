"""Clear JSON errors: every error is `{"detail": "...", "errors": [{"parameter", "message"}]}`."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from deputized.api.schemas import ErrorOut
from deputized.api.selectors import UnknownPlaceError

# Declared on every operation, so the OpenAPI document lists every status the API can answer.
ERRORS = {400: ErrorOut, 404: ErrorOut, 429: ErrorOut}

# Where ninja says a parameter came from, and the names of our parameter groups: not part of the
# parameter's name.
_LOCATIONS = {"query", "path", "filters", "paging", "language"}


class NotFoundError(LookupError):
    """The thing a path names does not exist."""


def _parameter(location: tuple | list) -> str:
    names = [str(part) for part in location if str(part) not in _LOCATIONS]
    return ".".join(names) or "request"


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def bad_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {"parameter": _parameter(error.get("loc", ())), "message": str(error.get("msg", ""))}
            for error in exc.errors
        ]
        names = ", ".join(sorted({e["parameter"] for e in errors}))
        return api.create_response(
            request, {"detail": f"Invalid parameters: {names}.", "errors": errors}, status=400
        )

    @api.exception_handler(NotFoundError)
    @api.exception_handler(UnknownPlaceError)
    def not_found(request: HttpRequest, exc: LookupError) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc), "errors": []}, status=404)
