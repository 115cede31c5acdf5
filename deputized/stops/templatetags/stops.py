"""`{% stops_section name=... county_fips=... %}`: the stops section of agency and county pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from deputized.stops import selectors
from deputized.stops.analysis.figures import rate_chart
from deputized.stops.analysis.measures import GROUPS
from deputized.stops.analysis.stats import MIN_EVENTS

register = template.Library()


def group_name(group: str) -> str:
    return {
        "Hispanic": _("Hispanic"),
        "White": _("White"),
        "Black": _("Black"),
        "Asian": _("Asian"),
        "Native American": _("Native American"),
        "Other": _("Other or unknown"),
    }[group]


@register.inclusion_tag("stops/includes/section.html")
def stops_section(name: str | None = None, county_fips: str | None = None) -> dict:
    agency = selectors.stops_agency_find(name=name, county_fips=county_fips)
    if agency is None:
        return {"agency": None}
    rows = selectors.stops_measure_list(agency=agency)
    if not rows:
        return {"agency": None}
    year = max(r["year"] for r in rows)
    latest = sorted(
        (r for r in rows if r["year"] == year), key=lambda r: GROUPS.index(r["race_group"])
    )
    for r in latest:
        r["name"] = group_name(r["race_group"])
    chart = rate_chart(
        [
            (r["name"], r["search_rate"], r["search_rate_low"], r["search_rate_high"])
            for r in latest
        ],
        html_id=f"stops-search-{year}",
        title=_("Share of stopped drivers searched, %(year)s") % {"year": year},
        description=_(
            "Search rate by group with its 95-percent interval; the table beside gives the counts."
        ),
    )
    hispanic = next((r for r in latest if r["race_group"] == "Hispanic"), None)
    white = next((r for r in latest if r["race_group"] == "White"), None)
    return {
        "agency": agency,
        "year": year,
        "rows": latest,
        "chart": chart,
        "total": sum(r["stops"] for r in latest),
        "hispanic": hispanic,
        "hispanic_percent": hispanic["share_of_stops"] * 100 if hispanic else None,
        "white": white,
        "minimum": MIN_EVENTS,
    }
