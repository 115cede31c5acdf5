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


def reason_text(code: str, minimums: dict, *, ended: bool = False, outcome: bool = False) -> str:
    """The plain-language reason for a code of `analysis.effects.REASONS` (`ended`: of the
    comparison of the years under the agreement with those after it ended; `outcome`: of one
    measure, the agency's comparison itself having been made)."""
    if outcome and code == "few_controls":
        # The comparison agencies were found, but too few stopped a Hispanic driver.
        return _("too few comparison agencies stopped Hispanic drivers in those years")
    if ended and code == "few_stops":
        return _("too few stops (fewer than %(n)s under the agreement, or after it ended)") % {
            "n": minimums.get("stops")
        }
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
        "few_events": _("too few cases (fewer than %(n)s before, or after)")
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
                # The counts behind each rate (§8.5: always numerators and denominators).
                "before_counts": _counts(o, "before"),
                "after_counts": _counts(o, "after"),
                "effect": _points(o.get("effect")),
                "low": _points(o.get("low")),
                "high": _points(o.get("high")),
                # "k of n": with a handful of comparison agencies the share moves in large steps
                # (0 of 5 is "none of 5", not a small p-value).
                "placebo_of": _placebo_of(o, len(block["controls"])),
                "reason": reason_text(o["reason"], minimums, ended=ended, outcome=True)
                if o.get("reason")
                else None,
                # Fewer than the agencies named when some had no Hispanic driver stopped.
                "controls_used": len(o["controls_used"])
                if "controls_used" in o and len(o["controls_used"]) < len(block["controls"])
                else None,
            }
        )
    return block


def _counts(outcome: dict, side: str) -> dict | None:
    events, total = outcome.get(f"events_{side}"), outcome.get(f"denominator_{side}")
    if outcome.get(f"rate_{side}") is None or events is None or not total:
        return None
    return {"events": events, "total": total}


def _placebo_of(outcome: dict, named: int) -> dict | None:
    share = outcome.get("placebo_share")
    if share is None:
        return None
    n = len(outcome.get("controls_used") or []) or named
    return {"k": round(share * n), "n": n} if n else None


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
                # An end no source dates: between the last day it was surely in force and the
                # latest it could have ended (the years between are left out of the comparison).
                "end_earliest": date.fromisoformat(p["end_earliest"])
                if p.get("end_uncertain") and p.get("end_earliest")
                else None,
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
    if not found["converged"]:
        # A fit whose sampler did not converge is not shown; the page says it was tried.
        return {"converged": False}
    cells = sorted(found["cells"], key=lambda c: GROUPS.index(c["driver_race"]))
    white = next((c for c in cells if c["driver_race"] == "White"), None)
    for c in cells:
        c["name"] = group_name(c["driver_race"])
        for key in ("threshold", "threshold_low", "threshold_high"):
            c[key + "_percent"] = c[key] * 100
        # Intervals that overlap white drivers' do not show a difference.
        c["overlaps_white"] = (
            white is not None
            and c is not white
            and c["threshold_low"] <= white["threshold_high"]
            and white["threshold_low"] <= c["threshold_high"]
        )
    years = found.get("years") or [None, None]
    return {
        "converged": True,
        "cells": cells,
        "first": years[0],
        "last": years[1],
        "any_overlap": any(c["overlaps_white"] for c in cells),
    }


# The latest years shown year by year (the downloads have them all).
TREND_YEARS = 10


def _percent(events: int, total: int) -> dict:
    """A rate as the page writes it: percent, with its counts (never a rate without them)."""
    return {"percent": events / total * 100 if total else None, "events": events, "total": total}


def other_measures(latest: list[dict]) -> list[dict]:
    """Per group, the year's other measures (§8.1–8.2): what the stops were for, searches by
    type, what searches found and arrests, each with its counts."""
    rows = []
    for r in latest:
        rows.append(
            {
                "name": r["name"],
                "checkpoint": _percent(r["checkpoint"], r["stops"]),
                "regulatory": _percent(r["regulatory_equipment"], r["stops"]),
                "consent": _percent(r["search_consent"], r["stops"]),
                "probable_cause": _percent(r["search_probable_cause"], r["stops"]),
                "hits": _percent(r["hits"], r["searches"]),
                "hits_nonzero": _percent(r["hits_nonzero"], r["searches"]),
                "arrests": _percent(r["arrests"], r["stops"]),
            }
        )
    return rows


def trend(rows: list[dict]) -> list[dict]:
    """The latest years, newest first: stops, Hispanic drivers' share, the Hispanic and white
    search rates and their ratio (withheld below the minimum, as everywhere)."""
    years = sorted({r["year"] for r in rows}, reverse=True)[:TREND_YEARS]
    out = []
    for year in years:
        cell = {r["race_group"]: r for r in rows if r["year"] == year}
        hispanic, white = cell.get("Hispanic"), cell.get("White")
        out.append(
            {
                "year": year,
                "stops": sum(r["stops"] for r in cell.values()),
                "hispanic_share": hispanic["share_of_stops"] * 100 if hispanic else 0.0,
                "hispanic_share_low": hispanic["share_low"] * 100 if hispanic else None,
                "hispanic_share_high": hispanic["share_high"] * 100 if hispanic else None,
                "hispanic_search": _percent(hispanic["searches"], hispanic["stops"])
                if hispanic
                else None,
                "white_search": _percent(white["searches"], white["stops"]) if white else None,
                "ratio": hispanic.get("search_rate_ratio") if hispanic else None,
                "ratio_low": hispanic.get("search_rate_ratio_low") if hispanic else None,
                "ratio_high": hispanic.get("search_rate_ratio_high") if hispanic else None,
            }
        )
    return out


def source_text(source: dict | None) -> str | None:
    if not source:
        return None
    kind = {
        "sbi": _("the State Bureau of Investigation's traffic-stop extract"),
        "stanford": _("Stanford Open Policing's cleaned North Carolina file"),
    }.get(source.get("kind", ""), source.get("kind", ""))
    return _(
        "Source: %(kind)s (%(file)s), stops from %(first)s to %(last)s, loaded on %(loaded)s."
    ) % {
        "kind": kind,
        "file": source.get("file"),
        "first": source.get("first_stop"),
        "last": source.get("last_stop"),
        "loaded": source.get("loaded_on"),
    }


@register.inclusion_tag("stops/includes/section.html")
def stops_section(
    name: str | None = None, county_fips: str | None = None, state: str | None = None
) -> dict:
    # The traffic-stop data is North Carolina's: an agency of another state with the same name
    # as an NC one (a Cherokee County Sheriff's Office in Alabama) has none.
    if state and state.upper() != "NC":
        return {"agency": None}
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
    years = trend(rows)
    trend_chart = rate_chart(
        [
            (
                str(y["year"]),
                y["hispanic_share"] / 100,
                (y["hispanic_share_low"] or 0) / 100,
                (y["hispanic_share_high"] or 0) / 100,
            )
            for y in years
        ],
        html_id="stops-hispanic-share",
        title=_("Hispanic drivers' share of the drivers stopped, by year"),
        description=_(
            "Share of stopped drivers who were Hispanic, each year with its 95-percent interval;"
            " the table beside gives the counts."
        ),
    )
    source = selectors.stops_source(agency=agency)
    residents = selectors.stops_residents(agency=agency, year=year)
    return {
        "residents": residents,
        "residents_percent": residents["share"] * 100 if residents else None,
        "years": years,
        "trend_chart": trend_chart,
        "measures": other_measures(latest),
        "source": source_text(source),
        "gaps": len(source.get("zero_stop_months", [])) if source else 0,
        "race_unknown": (source.get("race_unknown_share") or 0) * 100 if source else 0,
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
