"""Reads of the 287(g) activity and cost reports (nc-policy.md §5) curators entered, for the
agency pages, the API and the downloads: figures as the agency reported them, per quarter."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from deputized.oversight.figures import REPORT_FIGURES
from deputized.oversight.models import ActivityReport

# The figures drawn as charts on the agency page when reported: who was screened, held for ICE
# and handed over. The rest are in the quarter's table.
CHARTED = ("people_screened", "detainers_issued", "transfers_to_ice")


@dataclass(frozen=True, slots=True)
class ReportSeries:
    field: str
    label: str
    points: list[tuple[str, int]]  # (period, value), oldest first; unreported quarters left out


def agency_reports(agency_id: str) -> list[ActivityReport]:
    """The agency's reports, oldest quarter first."""
    return list(
        ActivityReport.objects.filter(agency_id=agency_id).select_related(
            "received_by_county", "received_by_municipality"
        )
    )


def report_list(*, agency_id: str | None = None) -> list[ActivityReport]:
    query = ActivityReport.objects.select_related("received_by_county", "received_by_municipality")
    if agency_id:
        query = query.filter(agency_id=agency_id)
    return list(query)


def charted_series(reports: list[ActivityReport]) -> list[ReportSeries]:
    """The charted figures that at least one quarter reports."""
    labels = {field: label for field, label, _group in REPORT_FIGURES}
    found = []
    for field in CHARTED:
        points = [(r.period, getattr(r, field)) for r in reports if getattr(r, field) is not None]
        if points:
            found.append(ReportSeries(field, gettext(labels[field]), points))
    return found
