"""Compressing text responses (HTML, JSON, SVG, CSV, XML, Atom, CSS, plain text) with gzip.

`/en/states/` is 464 KB of HTML and about 40 KB gzipped: on a phone that is the difference between
a page and a wait. Files that are already compressed (Parquet, zip, images) are sent as they are:
gzip would only cost time.

BREACH (an attacker who can inject text into a compressed page that also carries a secret can
learn the secret from the sizes): the public pages carry no secret at all (no session, no CSRF
token; they are the same for everyone, cached). The only pages with a secret in the body are the
forms with a CSRF token (the alerts' pages, the admin), and Django defends those twice: every
response masks the CSRF token with a new random value, so there is no fixed string to guess, and
Django's GZipMiddleware (4.2+) adds up to 100 random bytes to each compressed response's gzip
header ("Heal the Breach"), so sizes do not repeat.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE = (
    "text/",
    "application/json",
    "application/geo+json",
    "application/xml",
    "application/atom+xml",
    "application/javascript",
    "image/svg+xml",
)


class TextGZipMiddleware(GZipMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if not content_type.startswith(COMPRESSIBLE):
            return response
        if response.status_code == 206 or "HTTP_RANGE" in request.META:
            # A byte range (a download resumed, opendata/serving.py) counts bytes of the file as
            # stored: compressing the part would hand the client bytes of another file.
            return response
        return super().process_response(request, response)
