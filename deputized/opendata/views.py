"""The downloads page and the files it lists."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from deputized.opendata.selectors import download_path, downloads_listing
from deputized.opendata.serving import file_response

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
    "geojson": "application/geo+json",
    "md": "text/markdown; charset=utf-8",
}

# What each data set holds, in the reader's language.
DATASET_TEXT = {
    "agreements": (
        _("Agreements"),
        _(
            "Every agreement and pending listing: agency, model, signing date, current status, and "
            "the latest row that listed it."
        ),
    ),
    "rows": (
        _("Rows of every list"),
        _(
            "Every row of every list ICE published, with the agreement it stands for: the full "
            "history. The agreements ICE listed on a date are the rows of the last participating "
            "list published by then."
        ),
    ),
    "events": (
        _("Changes"),
        _(
            "Every change the history found (new agreements, removals, renewals, renamings), with "
            "its status and the row that showed it."
        ),
    ),
    "agencies": (
        _("Agencies"),
        _("Every agency ICE has listed, every spelling ICE printed, and the place it polices."),
    ),
    "publications": (
        _("Lists ICE published"),
        _("Every list the archive holds: date, file name, sha256, number of rows."),
    ),
    "earlier": (
        _("Earlier agreements (before 2021)"),
        _(
            "Agreements from 2002 to 2020, from ICE fact sheets and reports, not from ICE's "
            "spreadsheets (the archive starts in 2021). Each row names its sources and quotes "
            "them. These are not under this site's license: they are facts from US government "
            "works and from attributed transcriptions, with short quotes of news pages for "
            "citation. Complete for North Carolina; elsewhere there are known gaps."
        ),
    ),
    "officials": (
        _("North Carolina officials"),
        _(
            "Every office that can act on 287(g) in North Carolina (sheriffs, county boards and "
            "attorneys, town councils and attorneys, police chiefs, state legislators), with "
            "the current holder and public contacts where known, each with its source and the "
            "day it was verified. Taken before the 3 November 2026 election: check before you "
            "act. Empty cells are not yet known."
        ),
    ),
    "meetings": (
        _("Board and council meetings"),
        _(
            "Meetings of North Carolina county boards and town councils where 287(g) can be "
            "raised, with agenda links and public-comment deadlines, as curators recorded them."
        ),
    ),
}


class DownloadsView(TemplateView):
    template_name = "opendata/downloads.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        listing = downloads_listing()
        datasets = [
            {"key": key, "title": title, "text": text, "files": listing.datasets.get(key, {})}
            for key, (title, text) in DATASET_TEXT.items()
        ]
        return super().get_context_data(listing=listing, datasets=datasets, **kwargs)

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        # The page lists files on disk, which a rebuild replaces after the data version has
        # already moved: the page cache (web/cache.py, keyed by that version) must not keep it.
        # It skips streaming responses; this page costs one small file read.
        response = super().render_to_response(context, **kwargs)
        response.render()
        return StreamingHttpResponse([response.content], content_type=response["Content-Type"])


def download(request: HttpRequest, name: str) -> HttpResponse:
    """A file the last build wrote (only those its manifest lists), with ETag, Last-Modified,
    304s and byte ranges (deputized/opendata/serving.py)."""
    path = download_path(name)
    if path is None:
        raise Http404("no such download")
    kind = name.rsplit(".", 1)[1]
    response = file_response(request, path, CONTENT_TYPES.get(kind, "application/octet-stream"))
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    return response
