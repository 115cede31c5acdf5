"""What every API response gets around the operation: CORS, the rate limit, ETag and
Last-Modified with conditional requests, and a cache of rendered responses.

Like the site's pages (`web/cache.py`), a response depends only on its URL and the data version
(one SQL statement), so the ETag is derived from both, and a rendered 200 is kept under its ETag
until the data changes: a matching `If-None-Match` on a kept answer is answered 304 without
running the operation. Only a resource that exists (200) gets validators or a 304: a missing one
is a 404 whatever the client sends. The URL is the operation's own query parameters, normalized
(sorted, the last value of each, as the operation reads them): any other parameter is dropped
before the operation runs, so junk parameters never make a new cache entry. Last-Modified is the
time the site first saw the current data version (kept in the shared cache, so every server
process says the same). The API is outside /en/ and /es/, so the page cache middleware never
sees it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache, caches
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from deputized.api.throttle import AddressRateThrottle
from deputized.history.version import data_version

CACHE_SECONDS = 24 * 3600
MAX_CACHED_BYTES = 2_000_000
READ_METHODS = ("GET", "HEAD")
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After, Content-Disposition",
}
PREFLIGHT = {
    **CORS,
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}


def error_response(status: int, detail: str) -> HttpResponse:
    return HttpResponse(
        json.dumps({"detail": detail, "errors": []}), status=status, content_type="application/json"
    )


def _headers(response: HttpResponse, headers: dict[str, str]) -> HttpResponse:
    for name, value in headers.items():
        response[name] = value
    return response


def _modified(version: str) -> int:
    """When this server first saw the data version, in whole seconds (HTTP's resolution): a new
    version is always at least a second later than the one before, so a client that sends only
    If-Modified-Since never gets a 304 for data that changed within the same second."""
    shared = caches["shared"]
    key = f"api-modified:{version}"
    seen = shared.get(key)
    if seen is None:
        latest = shared.get("api-modified:latest", 0)
        shared.add(key, max(int(time.time()), latest + 1), None)
        seen = shared.get(key)
        shared.set("api-modified:latest", max(seen, latest), None)
    return seen


def normalized_query(request: HttpRequest, names: frozenset[str]) -> str:
    """The query string of the parameters in `names` only, sorted, with the last value of each
    (what the operation reads when a name is repeated)."""
    query = QueryDict(mutable=True)
    for name in sorted(names & set(request.GET)):
        query[name] = request.GET.getlist(name)[-1]
    return query.urlencode()


def api_view(
    view: Callable[..., HttpResponse], *, query_names: frozenset[str] = frozenset()
) -> Callable[..., HttpResponse]:
    """Wrap an operation whose query parameters are `query_names`."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            return _headers(HttpResponse(status=204), PREFLIGHT)
        if request.method not in READ_METHODS:
            return _headers(view(request, *args, **kwargs), CORS)
        throttle = AddressRateThrottle()
        if not throttle.allow_request(request):
            response = error_response(429, "Too many requests: slow down, or use the downloads.")
            response["Retry-After"] = str(math.ceil(throttle.wait() or 1))
            return _headers(response, CORS)
        query = normalized_query(request, query_names)
        request.GET = QueryDict(query)  # the operation sees exactly what keys its answer
        version = data_version()
        path = f"{request.path}?{query}" if query else request.path
        etag = '"' + hashlib.sha256(f"{version}|{path}".encode()).hexdigest()[:32] + '"'
        response = _render(request, view, etag, args, kwargs)
        if response.status_code != 200:
            return _headers(_bodiless_for_head(request, response), CORS)
        modified = _modified(version)
        conditional = {
            "ETag": etag,
            "Last-Modified": http_date(modified),
            "Cache-Control": "public, max-age=60",
        }
        not_modified = get_conditional_response(request, etag=etag, last_modified=modified)
        if not_modified is not None:
            return _headers(not_modified, {**CORS, **conditional})
        _headers(response, conditional)
        return _headers(_bodiless_for_head(request, response), CORS)

    return wrapper


def _bodiless_for_head(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if request.method == "HEAD" and not response.streaming:
        response["Content-Length"] = str(len(response.content))
        response.content = b""
    return response


def _render(
    request: HttpRequest,
    view: Callable[..., HttpResponse],
    etag: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> HttpResponse:
    key = f"api:{etag}"
    stored = cache.get(key)
    if stored is not None:
        headers, content = stored
        return _headers(HttpResponse(content), dict(headers))
    method, request.method = request.method, "GET"  # HEAD is GET without the body
    try:
        response = view(request, *args, **kwargs)
    finally:
        request.method = method
    if (
        response.status_code == 200
        and not response.streaming
        and len(response.content) <= MAX_CACHED_BYTES
    ):
        cache.set(key, (list(response.items()), response.content), CACHE_SECONDS)
    return response
