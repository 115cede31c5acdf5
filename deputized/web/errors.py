"""The 404 and 500 pages: in the reader's language (LocaleMiddleware has read it from the path),
inside the site's frame, with a way back (the home page and a search box)."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string

log = logging.getLogger(__name__)

# When even the error page cannot be drawn (the template or what it reads fails): both languages.
BARE_500 = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error</title>'
    '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main>'
    "<h1>Something went wrong on our side</h1>"
    '<p><a href="/en/">Home</a></p>'
    '<h1 lang="es">Algo falló de nuestro lado</h1>'
    '<p lang="es"><a href="/es/">Inicio</a></p></main></body></html>'
)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # The exception's text is never shown: it can name the URL patterns tried.
    body = render_to_string("web/404.html", request=request)
    return HttpResponse(body, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        body = render_to_string("web/500.html", request=request)
    except Exception:  # the page must answer even when what broke the request breaks it too
        log.exception("web: the 500 page could not be drawn")
        body = BARE_500
    return HttpResponseServerError(body)
