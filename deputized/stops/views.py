"""The methods page and the measures' downloads (CSV, Parquet)."""

from __future__ import annotations

import csv
import io

import pyarrow as pa
import pyarrow.parquet as pq
from django.http import Http404, HttpRequest, HttpResponse
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


def download(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = selectors.stops_measure_list()
    if not rows:
        raise Http404("no traffic stops loaded")
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        sink = io.BytesIO()
        pq.write_table(pa.Table.from_pylist(rows), sink)
        response = HttpResponse(sink.getvalue(), content_type="application/vnd.apache.parquet")
    response["Content-Disposition"] = f'attachment; filename="stops-measures.{fmt}"'
    return response
