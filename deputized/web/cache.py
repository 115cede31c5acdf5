"""Rendered public pages, served from the cache until the data they show changes.

The data changes a few times a day (an ingest, a curator's edit), while a county page costs about
20 ms to build: so every public page is kept once rendered, under a key holding the data version
(history/version.py). The version is read in one query on primary keys and indexes, so a cached page
costs a fraction of a millisecond and never outlives the data: any ingest, replay, re-matching or
curator edit moves it. The traffic stops, files beside the database, add their own version
(`stops.selectors.stops_version`: three file stats).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils import translation

from deputized.history.version import data_version
from deputized.stops.selectors import stops_version

__all__ = ["PageCacheMiddleware", "data_version", "normalize_query"]


# Sections whose pages are personal (signed links to one subscriber's preferences): never kept,
# and their tokens never become cache keys.
PRIVATE_SECTIONS = {"alerts"}


def _cacheable(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    parts = request.path.split("/", 3)
    if len(parts) < 3 or parts[1] not in {code for code, _ in settings.LANGUAGES}:
        return False
    return parts[2] not in PRIVATE_SECTIONS


# No page is kept above this size (the largest, the home page, is about 300 KB).
MAX_PAGE_BYTES = 2 * 1024 * 1024


def _storable(response: HttpResponse) -> bool:
    """A complete 200 that sets no cookie and does not ask to stay private."""
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
        and len(response.content) <= MAX_PAGE_BYTES
    )


def _query_parameters(request: HttpRequest, language: str) -> frozenset[str]:
    """The query parameters the page's view reads (its `query_parameters`); none for others."""
    try:
        with translation.override(language):  # i18n_patterns resolves the active language only
            match = resolve(request.path_info)
    except Resolver404:
        return frozenset()
    view = getattr(match.func, "view_class", None)
    return frozenset(getattr(view, "query_parameters", ()))


def normalize_query(request: HttpRequest) -> str:
    """Keep only the parameters the page reads, sorted, the last value of each; the request is
    rewritten to that query, so the page is drawn from exactly what keys it. Junk parameters
    then never make a new cache entry (nor reach the page's links)."""
    if not request.META.get("QUERY_STRING"):
        return ""  # most requests: nothing to keep, and no URL resolution on a cached page's path
    names = _query_parameters(request, request.path.split("/", 2)[1])
    query = QueryDict(mutable=True)
    for name in sorted(names & set(request.GET)):
        query[name] = request.GET.getlist(name)[-1]
    normalized = query.urlencode()
    request.GET = QueryDict(normalized)
    request.META["QUERY_STRING"] = normalized
    return normalized


class PageCacheMiddleware:
    """Serve a public page (`/en/…`, `/es/…`) from the cache when its data has not changed.

    Only complete 200 responses that set no cookie are kept; the language is part of the path, so
    the path and the normalized query (`normalize_query`) make the key. A view whose parameters
    take endless values (a search, a page number out of range) keeps its answer out of the cache
    with `Cache-Control: no-store`. Placed after the security and static-file middleware, so the
    headers those add are still added to a cached page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable(request):
            return self.get_response(request)
        query = normalize_query(request)
        # The traffic stops are files beside the database (`load_stops`, `stops analyze`): a new
        # load shows at once, not after the pages' day in the cache.
        key = f"page:{data_version()}:{stops_version()}:{request.path}?{query}"
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if _storable(response):
            cache.set(key, (200, list(response.items()), response.content), 24 * 3600)
        return response
