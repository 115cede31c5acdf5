"""What every page's frame needs: the same page in the other language, and which of ICE's lists
have gone unchanged for longer than ICE's rhythm (read only by a page that shows their numbers)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language

from deputized.archive.freshness import stale_lists


def site(request: HttpRequest) -> dict[str, object]:
    current = get_language() or settings.LANGUAGE_CODE
    query = request.META.get("QUERY_STRING", "")
    links = []
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        url = translate_url(request.path, code)
        links.append({"code": code, "name": name, "url": f"{url}?{query}" if query else url})
    # The function, not its result: a template calls it only where it shows a list's numbers.
    return {"other_languages": links, "stale_lists": stale_lists}
