"""The methods page and the measures' downloads (CSV, Parquet)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.views.generic import TemplateView

from deputized.stops import selectors
from deputized.stops.analysis import effects, threshold
from deputized.stops.analysis.stats import MIN_EVENTS


class MethodsView(TemplateView):
    template_name = "stops/methods.html"

    def get_context_data(self, **kwargs: object) -> dict:
        return super().get_context_data(
            minimum=MIN_EVENTS,
            did={
                "window": effects.WINDOW,
                "years": effects.MIN_YEARS,
                "controls": effects.MIN_CONTROLS,
                "max_controls": effects.MAX_CONTROLS,
                "factor": int(effects.SIZE_FACTOR),
                "points": round(effects.HISPANIC_POINTS * 100),
                "stops": effects.MIN_DENOMINATOR,
                "events": effects.MIN_EVENTS,
            },
            thresholds={"years": threshold.AGENCY_YEARS, "searches": threshold.MIN_SEARCHES},
            **kwargs,
        )


def download(request: HttpRequest, fmt: str) -> FileResponse:
    """The measures as written at load (the same rows the API gives)."""
    path = selectors.stops_measure_file(fmt)
    if path is None:
        raise Http404("no traffic stops loaded")
    content_type = "text/csv; charset=utf-8" if fmt == "csv" else "application/vnd.apache.parquet"
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"stops-measures.{fmt}",
        content_type=content_type,
    )
