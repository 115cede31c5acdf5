"""`{% stops_section name=... county_fips=... %}`: the stops section of agency and county pages."""

from __future__ import annotations

from datetime import date

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


def outcome_name(name: str) -> str:
    return {
        "hispanic_share": _("Hispanic drivers' share of all stops"),
        "hispanic_search_rate": _(
            "Share of stopped Hispanic drivers searched by consent or on probable cause"
        ),
        "hispanic_arrest_rate": _("Share of stopped Hispanic drivers arrested"),
        "hispanic_regulatory_share": _(
            "Share of Hispanic drivers' stops for regulatory or equipment violations"
        ),
        "hispanic_checkpoint_share": _("Share of Hispanic drivers' stops at checkpoints"),
    }[name]


def reason_text(code: str, minimums: dict, *, ended: bool = False) -> str:
    """The plain-language reason for a code of `analysis.effects.REASONS` (`ended`: of the
    comparison of the years under the agreement with those after it ended)."""
    if ended and code in ("not_in_force", "few_years_before", "few_years_after"):
        return {
            "not_in_force": _("The stops data has no year under this agreement or after it ended."),
            "few_years_before": _(
                "The stops data has fewer than %(n)s full years under the agreement before it"
                " ended."
            )
            % {"n": minimums.get("years_before")},
            "few_years_after": _(
                "The stops data has fewer than %(n)s full years after the agreement ended."
            )
            % {"n": minimums.get("years_after")},
        }[code]
    texts = {
        "not_in_force": _("The stops data has no year before or under this agreement."),
        "few_years_before": _(
            "The stops data has fewer than %(n)s full years before the agreement began."
        )
        % {"n": minimums.get("years_before")},
        "few_years_after": _("The stops data has fewer than %(n)s full years under the agreement.")
        % {"n": minimums.get("years_after")},
        "few_controls": _(
            "Fewer than %(n)s comparable agencies (same kind, similar number of stops, never under"
            " an agreement in these years) reported stops in those years."
        )
        % {"n": minimums.get("controls")},
        "few_stops": _("too few stops (fewer than %(n)s before or under the agreement)")
        % {"n": minimums.get("stops")},
        "few_events": _("too few cases (fewer than %(n)s in all these years)")
        % {"n": minimums.get("events")},
        "no_estimate": _("the figures do not vary enough to estimate a change"),
    }
    return texts.get(code, _("no estimate"))


def source_name(source: str) -> str:
    return {
        "history": _("ICE's published lists (this site's history)"),
        "earlier": _("the record of agreements before 2021 (ICE fact sheets, reports, press)"),
    }.get(source, source)


def _points(value: float | None) -> float | None:
    return None if value is None else value * 100


def _comparison(found: dict, minimums: dict, *, ended: bool = False) -> dict:
    """One comparison (from the start, or `ended`) ready for `stops/includes/did.html`."""
    code = found.get("reason")
    block = {
        "ended": ended,
        "change_year": found.get("change_year"),
        "years_before": found.get("years_before", []),
        "years_after": found.get("years_after", []),
        "controls": found.get("controls", []),
        "reason": reason_text(code, minimums, ended=ended) if code else None,
        "outcomes": [],
        "pretrend": False,
    }
    for name, o in found.get("outcomes", {}).items():
        block["pretrend"] = block["pretrend"] or bool(o.get("pretrend"))
        block["outcomes"].append(
            {
                "name": outcome_name(name),
                "before": _points(o.get("rate_before")),
                "after": _points(o.get("rate_after")),
                "effect": _points(o.get("effect")),
                "low": _points(o.get("low")),
                "high": _points(o.get("high")),
                "placebo": _points(o.get("placebo_share")),
                "reason": reason_text(o["reason"], minimums) if o.get("reason") else None,
                # Fewer than the agencies named when some had no Hispanic driver stopped.
                "controls_used": len(o["controls_used"])
                if "controls_used" in o and len(o["controls_used"]) < len(block["controls"])
                else None,
            }
        )
    return block


def before_after(agency: str) -> dict | None:
    """The 287(g) before/after block of the section, ready for the template (or None)."""
    found = selectors.stops_effect_get(agency=agency)
    if found is None:
        return None
    minimums = found.get("minimums", {})
    periods = []
    for p in found["periods"]:
        periods.append(
            {
                "start": date.fromisoformat(p["start"]),
                "end": date.fromisoformat(p["end"]) if p["end"] else None,
                "sources": sorted({source_name(s["source"]) for s in p["sources"]}),
            }
        )
    return {
        "periods": periods,
        "start": _comparison(found, minimums),
        "ended": _comparison(found["ended"], minimums, ended=True) if "ended" in found else None,
    }


def thresholds(agency: str) -> dict | None:
    found = selectors.stops_threshold_get(agency=agency)
    if found is None:
        return None
    cells = sorted(found["cells"], key=lambda c: GROUPS.index(c["driver_race"]))
    for c in cells:
        c["name"] = group_name(c["driver_race"])
        for key in ("threshold", "threshold_low", "threshold_high"):
            c[key + "_percent"] = c[key] * 100
    years = found.get("years") or [None, None]
    return {"cells": cells, "first": years[0], "last": years[1]}


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
        "effect": before_after(agency),
        "thresholds": thresholds(agency),
    }
