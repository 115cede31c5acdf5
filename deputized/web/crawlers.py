"""What browsers and search engines ask for at the site's root: /robots.txt and /favicon.ico
(the sitemap itself is web/sitemaps.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# Personal links (a subscriber's confirmation and preferences), the curators' admin, and endless
# searches stay out of search engines; every public page is listed in the sitemap.
PRIVATE_PATHS = (
    "/admin/",
    "/anymail/",
    "/en/alerts/confirm/",
    "/es/alerts/confirm/",
    "/en/alerts/manage/",
    "/es/alerts/manage/",
    "/en/alerts/unsubscribe/",
    "/es/alerts/unsubscribe/",
    "/en/search/?",
    "/es/search/?",
    # One corrections form per office (thousands) and the meeting calendars: for people and
    # calendar apps, not for search engines.
    "/en/officials/",
    "/es/officials/",
)


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in PRIVATE_PATHS)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon_ico(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico whatever the page says: send them to the static file."""
    return HttpResponsePermanentRedirect(static("web/favicon.ico"))
