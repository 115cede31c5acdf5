"""HTTP validators for the feeds, derived from the site's data version.

A feed changes only when the data version (`history.version.data_version`) moves, so the version
names the feed's state: the ETag hashes it with the feed's path, and Last-Modified is the moment
the site first served that version (kept in the shared cache, so every server process gives the
same date; if the cache loses it, the date only moves later, which makes a reader fetch once
more, never miss a change). The page cache stores these
headers with the feed and serves them back unchanged, so they always match the body.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

ATOM = "application/atom+xml"
MAX_AGE_SECONDS = 300  # readers poll every half hour or so; ICE publishes a few times a day
_SEEN_TIMEOUT = 30 * 24 * 3600


def feed_etag(*, version: str, path: str) -> str:
    digest = hashlib.sha256(f"{version}\n{path}".encode()).hexdigest()[:32]
    return f'"{digest}"'


def feed_version_seen_at(*, version: str) -> dt.datetime:
    """When this server first served data version `version` (to the second)."""
    now = timezone.now().replace(microsecond=0)
    # The shared cache: every server process gives a feed the same Last-Modified.
    return caches["shared"].get_or_set(f"feeds:version-seen:{version}", now, _SEEN_TIMEOUT)


def feed_headers_set(response: HttpResponse, *, etag: str, last_modified: dt.datetime) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified.timestamp())
    response["Cache-Control"] = f"max-age={MAX_AGE_SECONDS}"


class FeedConditionalGetMiddleware:
    """Answer a feed reader's conditional request (If-None-Match, If-Modified-Since) with
    304 Not Modified.

    The page cache serves a stored feed before any view runs, so this sits outside it
    (before `PageCacheMiddleware` in MIDDLEWARE) and compares the validators of whatever
    response comes back, stored or fresh. Only Atom responses are touched."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if not response.get("Content-Type", "").startswith(ATOM):
            return response
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )
