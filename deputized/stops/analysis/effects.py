"""287(g) before and after, per agency: difference-in-differences on the loaded stops (§8.4).

Pure: the agreements come in as plain dicts (`selectors.stops_agreement_list`, the one database
read), the stops from `stops.parquet` (DuckDB). `effects(folder, agreements)` returns, for every
agency in the stops data whose name (`history.names.name_key`) is an agreement's agency's:

1. its agreement periods, merged where they surely overlap or touch (a jail agreement followed by
   a warrant-service one is one period), each with its source ("history" or "earlier"). An end
   may be uncertain (`earlier_end`: only bounded by the ICE lists or a "between A and B"): the
   period then says so (`end_uncertain`, `end_earliest` = the last date surely in force,
   `end_latest`), and an agreement begun inside that span is a period of its own;
2. the years compared, over the extract's full calendar years only (`full_years`: a first or
   last year the extract covers in part is left out): up to `WINDOW` calendar years before the
   year the first period began and up to `WINDOW` years after it, stopping the year before it
   ended (before it was last surely in force). The year it began is left out (part before, part
   under it); so are the years after it ended. Where it ended, the same comparison is made of up
   to `WINDOW` years under it with up to `WINDOW` years after it (`ended`; the year it ended
   left out, or every year from the last surely in force to the latest possible end, stopping
   before a next period);
3. the comparison agencies, named: the same kind (sheriff or police, from the name), never under
   an agreement in those years (nor, for a police department, its county's sheriff or county
   jail: `county_years`, a town in several counties excluded if any had one), with stops in at
   least `MIN_YEARS` years before and after, yearly stops within a factor `SIZE_FACTOR`, and a
   Hispanic share of residents (2010 census, the agency's county or town) within
   `HISPANIC_POINTS` where both are known; the `MAX_CONTROLS` closest on both (`_distance`);
4. for each outcome (`OUTCOMES`), its events and denominators before and after, `did.did`
   (two-way fixed effects, weighted by the outcome's denominator, intervals clustered by agency)
   and `did.event_study` (leads = pre-trends), and a placebo check: the same estimate with each
   comparison agency in turn pretending to be the treated one (a single treated agency makes
   clustered intervals too narrow; the placebo share says how unusual the real estimate is
   among them).

Where the counts cannot support a claim the result carries `reason` (a short code,
`REASONS`), for the agency or for one outcome, and no estimate (a refused outcome: its counts,
and `rate_before`/`rate_after` None). The top level carries `load_stamp`, the modification time
(ns) of the `stops.parquet` it was computed from.
"""

from __future__ import annotations

import csv
import math
import re
import warnings
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from deputized.history.names import name_key
from deputized.stops.residents import census_counts

WINDOW = 5  # years on each side of the start
MIN_YEARS = 2  # years with stops before, and under the agreement, for the agency and a control
MIN_CONTROLS = 3
MAX_CONTROLS = 10
SIZE_FACTOR = 4.0  # a control's yearly stops within 1/4 to 4 times the agency's
HISPANIC_POINTS = 0.05  # a control's Hispanic share of residents within 5 points of the agency's
MIN_DENOMINATOR = 100  # the agency's stops (or Hispanic drivers' stops) before, and after
MIN_EVENTS = 20  # the agency's events (searches, arrests...) before, and after
EVENT_WINDOW = 3

# name: (numerator, denominator) of the agency × year panel's columns.
OUTCOMES = {
    "hispanic_share": ("hispanic_stops", "stops"),
    "hispanic_search_rate": ("hispanic_discretionary_searches", "hispanic_stops"),
    "hispanic_arrest_rate": ("hispanic_arrests", "hispanic_stops"),
    "hispanic_regulatory_share": ("hispanic_regulatory", "hispanic_stops"),
    "hispanic_checkpoint_share": ("hispanic_checkpoints", "hispanic_stops"),
}
REASONS = (
    "not_in_force",  # no period under an agreement inside the data's years
    "few_years_before",
    "few_years_after",
    "few_controls",
    "few_stops",
    "few_events",
    "no_estimate",  # the regression could not be fitted (e.g. no variation)
)

PANEL_SQL = """
SELECT agency, CAST(year AS INTEGER) AS year,
       CAST(count(*) AS BIGINT) AS stops,
       CAST(count(*) FILTER (WHERE race_group = 'Hispanic') AS BIGINT) AS hispanic_stops,
       CAST(count(*) FILTER (WHERE race_group = 'Hispanic' AND searched
                             AND search_type IN (1, 3)) AS BIGINT)
           AS hispanic_discretionary_searches,
       CAST(count(*) FILTER (WHERE race_group = 'Hispanic' AND driver_arrest) AS BIGINT)
           AS hispanic_arrests,
       CAST(count(*) FILTER (WHERE race_group = 'Hispanic' AND purpose IN (5, 6, 7, 9))
           AS BIGINT) AS hispanic_regulatory,
       CAST(count(*) FILTER (WHERE race_group = 'Hispanic' AND purpose = 10) AS BIGINT)
           AS hispanic_checkpoints
FROM read_parquet(?) WHERE year IS NOT NULL AND agency IS NOT NULL
GROUP BY ALL ORDER BY ALL
"""


def full_years(first: date | None, last: date | None) -> tuple[int, int] | None:
    """The first and last full calendar years of an extract whose stops run from `first` to
    `last`: its first year only when it starts on January 1, its last only when it ends on
    December 31 (a partial year would count as a year of data). None when no stop is dated."""
    if first is None or last is None:
        return None
    return (
        first.year + (first != date(first.year, 1, 1)),
        last.year - (last != date(last.year, 12, 31)),
    )


def panel(folder: Path) -> dict[str, dict[int, dict]]:
    """agency -> year -> counts (stops, Hispanic drivers' stops, searches, arrests...), over the
    extract's full years only (`full_years` of its first and last stop_date)."""
    path = str(Path(folder) / "stops.parquet")
    con = duckdb.connect()
    first, last = con.execute(
        "SELECT CAST(min(stop_date) AS DATE), CAST(max(stop_date) AS DATE) FROM read_parquet(?)",
        [path],
    ).fetchone()
    span = full_years(first, last)
    cursor = con.execute(PANEL_SQL, [path])
    names = [d[0] for d in cursor.description]
    out: dict[str, dict[int, dict]] = {}
    for row in cursor.fetchall():
        r = dict(zip(names, row, strict=True))
        agency, year = r.pop("agency"), r.pop("year")
        if span is None or span[0] <= year <= span[1]:
            out.setdefault(agency, {})[year] = r
    con.close()
    return out


def residents(reference_dir: Path) -> dict[str, float]:
    """Census GEOID (county or place) -> Hispanic share of residents, 2010 census (the files of
    the reference data; an absent file gives nothing, and then no control is matched on it)."""
    counts = census_counts(str(reference_dir), 2010)
    return {geoid: found.share for geoid, found in counts.items()}


def agency_residents(folder: Path, shares: dict[str, float]) -> dict[str, float]:
    """Stops agency -> the Hispanic share of residents of its census geography (agencies.parquet:
    the ODP crosswalk's county or town), where known."""
    path = Path(folder) / "agencies.parquet"
    if not path.exists() or not shares:
        return {}
    con = duckdb.connect()
    rows = con.execute("SELECT agency, census_geoid FROM read_parquet(?)", [str(path)]).fetchall()
    con.close()
    return {agency: shares[geoid] for agency, geoid in rows if geoid in shares}


def town_counties(reference_dir: Path) -> dict[str, list[str]]:
    """NC place GEOID -> the county FIPS codes the town lies in (`nc/nc_municipalities.csv` of
    the reference data, `|`-separated: a town can be in several); nothing when the file is
    absent."""
    path = Path(reference_dir) / "nc" / "nc_municipalities.csv"
    if not path.exists():
        return {}
    with path.open(newline="", encoding="utf-8") as handle:
        return {
            row["place_geoid"]: [c for c in row["county_fips_list"].split("|") if c]
            for row in csv.DictReader(handle)
        }


def agency_counties(folder: Path, towns: dict[str, list[str]]) -> dict[str, list[str]]:
    """Stops agency -> its counties: a town's (the ODP crosswalk's place, through `towns`) or the
    county of a county-level agency; absent when unknown."""
    path = Path(folder) / "agencies.parquet"
    if not path.exists():
        return {}
    con = duckdb.connect()
    rows = con.execute(
        "SELECT agency, geo_level, census_geoid FROM read_parquet(?)", [str(path)]
    ).fetchall()
    con.close()
    out = {}
    for agency, level, geoid in rows:
        if level == "county" and geoid:
            out[agency] = [geoid]
        elif level == "place" and geoid in towns:
            out[agency] = towns[geoid]
    return out


def county_wide(agreement: dict) -> bool:
    """A sheriff's or a county (or regional) jail's agreement: its county's towns feel it."""
    text = " ".join([agreement.get("agency_type") or "", *agreement["names"]]).lower()
    if any(word in text for word in ("sheriff", "jail", "detention")):
        return True
    return any(re.search(r"\bcounty s\.?o\.?$", n.lower().strip()) for n in agreement["names"])


def county_years(
    agreements: list[dict], counties: dict[str, list[str]], matched: dict[str, list[dict]]
) -> dict[str, set[int]]:
    """County FIPS -> the years a sheriff's or county jail's agreement there was (or may have
    been) in force: the agreement's own counties, else its matched stops agency's county."""
    by_id = {}
    for agency, found in matched.items():
        for a in found:
            by_id.setdefault(a["id"], []).extend(counties.get(agency, []))
    out: dict[str, set[int]] = {}
    for a in agreements:
        if not county_wide(a) or a["start"] is None:
            continue
        years = _years_under(periods([a]))
        for fips in set(a.get("county_fips") or by_id.get(a["id"], [])):
            out.setdefault(fips, set()).update(years)
    return out


def _distance(size: float, their: float, share: float | None, their_share: float | None) -> float:
    """How far a comparison agency is: size (log ratio, 1 at the factor's limit) plus Hispanic
    share of residents (1 at `HISPANIC_POINTS`; 1 when either share is unknown)."""
    apart = 1.0
    if share is not None and their_share is not None:
        apart = abs(share - their_share) / HISPANIC_POINTS
    return abs(math.log(their / size)) / math.log(SIZE_FACTOR) + apart


def kind(name: str) -> str:
    lower = name.lower()
    if "sheriff" in lower:
        return "sheriff"
    if "police" in lower:
        return "police"
    return "other"


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _listed_date(text: str | None) -> date | None:
    """The date of an ICE-list cell ("2013-01-18 capture (list as of 2012-10-16)"): the list's
    own date when given, else the first date in it; None when none."""
    found = re.search(r"as of (\d{4}-\d{2}-\d{2})", text or "")
    if found:
        return date.fromisoformat(found.group(1))
    dates = _ISO.findall(text or "")
    return date.fromisoformat(dates[0]) if dates else None


def earlier_end(
    *,
    signed: date,
    ended_date: str = "",
    precision: str = "",
    last_listed: str = "",
    first_unlisted: str = "",
    on_list_2021: str = "",
) -> tuple[date | None, date | None, bool]:
    """(end, end_earliest, end_uncertain) of an earlier-layer agreement (`earlier` columns).

    `ended_date` when a source states it (YYYY-MM-DD, or YYYY-MM read as the month's first day).
    Without it the end is bounded: "between A and B" in `ended_date_precision` (Durham PD:
    2012-10-16 and 2012-12-31, the ICE lists that include and omit it), else the first ICE list
    that omits it (`first_unlisted_ice`, its "as of" date) or, failing that, its absence from
    ICE's list of 2021-01-13 (`on_ice_list_2021_01_13` "no"); then `end` is the latest possible
    end and `end_earliest` the last date it was surely in force (the precision's first date, the
    last list that had it, else the signing). No evidence of an end: (None, None, False).
    """
    if ended_date:
        parts = [int(p) for p in ended_date.split("-")]
        end = date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
        return end, end, False
    bounds = sorted(date.fromisoformat(d) for d in _ISO.findall(precision or ""))
    if "between" in (precision or "").lower() and len(bounds) >= 2:
        return bounds[-1], max(bounds[0], signed), True
    latest = _listed_date(first_unlisted)
    if latest is None and (on_list_2021 or "").strip().lower().startswith("no"):
        latest = date(2021, 1, 13)
    if latest is None:
        return None, None, False
    surely = max(_listed_date(last_listed) or signed, signed)
    return latest, min(surely, latest), True


@dataclass
class Period:
    start: date
    end: date | None  # None: in force; else the end, or its latest possible date when uncertain
    sources: list[dict]  # [{"source", "id", "start", "end", ...}] of the agreements merged into it
    surely: date | None = None  # the last date surely in force (`end` when the end is known)

    def __post_init__(self):
        if self.surely is None:
            self.surely = self.end

    @property
    def uncertain(self) -> bool:
        return self.end is not None and self.surely != self.end

    def as_dict(self) -> dict:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "end_uncertain": self.uncertain,
            "end_earliest": self.surely.isoformat() if self.uncertain else None,
            "end_latest": self.end.isoformat() if self.uncertain else None,
            "sources": self.sources,
        }


def periods(agreements: list[dict]) -> list[Period]:
    """One agency's agreements merged into unbroken periods, oldest first. An agreement joins the
    period before it only when it began while that one was surely in force (or in force with no
    known end): one whose end is uncertain (`end_earliest` … `end`) is not merged into a later
    agreement that began inside that span, as if there were no gap."""
    out: list[Period] = []
    for a in sorted(agreements, key=lambda a: a["start"]):
        end = a["end"]
        surely = a.get("end_earliest", end) if end else None
        uncertain = end is not None and surely != end
        source = {
            "source": a["source"],
            "id": a["id"],
            "start": a["start"].isoformat(),
            "end": end.isoformat() if end else None,
            "end_uncertain": uncertain,
            "end_earliest": surely.isoformat() if uncertain else None,
            "end_latest": end.isoformat() if uncertain else None,
        }
        last = out[-1] if out else None
        if last and (last.end is None or a["start"] <= last.surely):
            if last.end is None or end is None:
                last.end = last.surely = None
            else:
                last.end, last.surely = max(last.end, end), max(last.surely, surely)
            last.sources.append(source)
        else:
            out.append(Period(a["start"], end, [source], surely))
    return out


def match(agencies: list[str], agreements: list[dict]) -> dict[str, list[dict]]:
    """Stops agency -> its agreements, by name key (one spelling of the agreement's agency)."""
    by_key: dict[str, list[dict]] = {}
    for a in agreements:
        for key in {name_key(n) for n in a["names"] if n}:
            by_key.setdefault(key, []).append(a)
    out = {}
    for agency in agencies:
        found = by_key.get(name_key(agency))
        if found:
            out[agency] = list({a["id"]: a for a in found}.values())
    return out


def _years_under(ps: list[Period]) -> set[int]:
    years: set[int] = set()
    for p in ps:
        last = (p.end or date(9999, 1, 1)).year
        years.update(range(p.start.year, min(last, 3000) + 1))
    return years


def _mean_stops(rows: dict[int, dict], years: list[int]) -> float:
    got = [rows[y]["stops"] for y in years if y in rows and rows[y]["stops"]]
    return sum(got) / len(got) if got else 0.0


def _placebo_share(
    rows: list[dict], controls: list[str], actual: float, treated_from: int
) -> float | None:
    """The share of comparison agencies whose pretend estimate is at least as large (absolute)."""
    from deputized.stops.analysis import did  # statsmodels: seconds to import, for fits only

    if not controls or not math.isfinite(actual):
        return None
    bigger = 0
    done = 0
    for fake in controls:
        sub = [
            dict(r, treated_from=treated_from if r["unit"] == fake else None)
            for r in rows
            if r["treated_from"] is None
        ]
        try:
            # Only the point estimate is used: with few clusters some fixed effects' clustered
            # variances come out negative, which statsmodels warns about.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                est = did.did(sub)
        except (ValueError, ZeroDivisionError, IndexError):
            continue
        if not math.isfinite(est.effect):
            continue
        done += 1
        bigger += abs(est.effect) >= abs(actual)
    return round(bigger / done, 3) if done else None


def _finite(*values: float) -> bool:
    return all(v is not None and math.isfinite(v) for v in values)


def _outcome(
    name: str,
    data: dict[str, dict[int, dict]],
    agency: str,
    controls: list[str],
    years: list[int],
    treated_from: int,
) -> dict:
    from deputized.stops.analysis import did  # statsmodels: seconds to import, for fits only

    num, den = OUTCOMES[name]
    mine = data[agency]
    before = [y for y in years if y < treated_from and y in mine]
    after = [y for y in years if y >= treated_from and y in mine]
    den_before = sum(mine[y][den] for y in before)
    den_after = sum(mine[y][den] for y in after)
    events_before = sum(mine[y][num] for y in before)
    events_after = sum(mine[y][num] for y in after)
    counts = {
        "events_before": events_before,
        "denominator_before": den_before,
        "events_after": events_after,
        "denominator_after": den_after,
        "events": events_before + events_after,
    }
    # A refused outcome carries its counts, never its rates (no "2 of 3" shown as a rate).
    refused = {"rate_before": None, "rate_after": None, **counts}
    if min(den_before, den_after) < MIN_DENOMINATOR:
        return {"reason": "few_stops", **refused}
    if min(events_before, events_after) < MIN_EVENTS:
        return {"reason": "few_events", **refused}
    counts["rate_before"] = round(events_before / den_before, 5)
    counts["rate_after"] = round(events_after / den_after, 5)
    rows = []
    for unit in [agency, *controls]:
        for y in years:
            r = data[unit].get(y)
            if r and r[den]:
                rows.append(
                    {
                        "unit": unit,
                        "period": y,
                        "outcome": r[num] / r[den],
                        "weight": r[den],
                        "treated_from": treated_from if unit == agency else None,
                    }
                )
    used = sorted({r["unit"] for r in rows if r["unit"] != agency})
    if len(used) < MIN_CONTROLS:
        return {"reason": "few_controls", **refused}
    try:
        est = did.did(rows, se="conservative")
    except (ValueError, ZeroDivisionError, IndexError):
        return {"reason": "no_estimate", **refused}
    if not _finite(est.effect, est.low, est.high) or est.se < 1e-9:
        return {"reason": "no_estimate", **refused}
    leads: dict[str, list[float]] = {}
    pretrend = False
    try:
        # Relative to the year it began (left out), so that −1 is the last year before.
        started = [
            dict(r, treated_from=treated_from - 1 if r["treated_from"] else None) for r in rows
        ]
        with warnings.catch_warnings():  # fixed effects' variances, as in _placebo_share
            warnings.simplefilter("ignore", RuntimeWarning)
            study = did.event_study(started, window=EVENT_WINDOW, se="conservative")
        for k, (effect, low, high) in study.items():
            if _finite(effect, low, high):
                leads[str(k)] = [round(effect, 5), round(low, 5), round(high, 5)]
                pretrend = pretrend or (k < -1 and (low > 0 or high < 0))
    except (ValueError, ZeroDivisionError, IndexError):
        leads = {}
    return {
        "effect": round(est.effect, 5),
        "low": round(est.low, 5),
        "high": round(est.high, 5),
        "observations": est.observations,
        "controls_used": used,
        "event_study": leads,
        "pretrend": pretrend,
        "placebo_share": _placebo_share(rows, used, est.effect, treated_from),
        **counts,
    }


def _compare(
    agency: str,
    data: dict[str, dict[int, dict]],
    under: dict[str, set[int]],
    *,
    change: int,
    first: int,
    last: int,
    shares: dict[str, float] | None = None,
    change_last: int | None = None,
    counties: dict[str, list[str]] | None = None,
    county_under: dict[str, set[int]] | None = None,
) -> dict:
    """Years `first`…`change − 1` against `change_last + 1`…`last` (the years of the change,
    `change`…`change_last`, left out: one year, or the span an uncertain end may lie in), with
    the comparison agencies and the outcomes, or the reason there is no estimate. `counties`:
    agency -> the counties of its town; `county_under`: county -> the years its sheriff (or
    county jail) was under an agreement (police departments there are no comparison)."""
    shares = shares or {}
    counties = counties or {}
    county_under = county_under or {}
    change_last = change if change_last is None else change_last
    mine = data[agency]
    years = [y for y in range(first, last + 1) if not change <= y <= change_last]
    before = [y for y in years if y < change and y in mine]
    after = [y for y in years if y > change_last and y in mine]
    result: dict = {"change_year": change, "years_before": before, "years_after": after}
    if change_last != change:
        result["years_left_out"] = list(range(change, change_last + 1))
    if not before and not after:
        return result | {"reason": "not_in_force"}
    if len(after) < MIN_YEARS:
        return result | {"reason": "few_years_after"}
    if len(before) < MIN_YEARS:
        return result | {"reason": "few_years_before"}
    size = _mean_stops(mine, before + after)
    window = set(range(first, last + 1))
    candidates = []
    for other, rows in data.items():
        if other == agency or kind(other) != kind(agency) or under.get(other, set()) & window:
            continue
        if kind(other) == "police" and any(
            county_under.get(c, set()) & window for c in counties.get(other, ())
        ):
            continue  # its county's sheriff was under an agreement (van Tiem, §7)
        b = sum(1 for y in before if y in rows and rows[y]["stops"])
        a = sum(1 for y in after if y in rows and rows[y]["stops"])
        if b < MIN_YEARS or a < MIN_YEARS:
            continue
        their = _mean_stops(rows, before + after)
        if not their or not size / SIZE_FACTOR <= their <= size * SIZE_FACTOR:
            continue
        share, their_share = shares.get(agency), shares.get(other)
        known = share is not None and their_share is not None
        if known and abs(share - their_share) > HISPANIC_POINTS:
            continue
        candidates.append((_distance(size, their, share, their_share), other))
    controls = sorted(other for _, other in sorted(candidates)[:MAX_CONTROLS])
    result["controls"] = controls
    result["stops_per_year"] = round(size)
    result["hispanic_residents"] = {
        a: round(shares[a], 4) for a in [agency, *controls] if a in shares
    }
    if len(controls) < MIN_CONTROLS:
        return result | {"reason": "few_controls"}
    result["outcomes"] = {
        name: _outcome(name, data, agency, controls, years, change_last + 1) for name in OUTCOMES
    }
    return result


def agency_effect(
    agency: str,
    own: list[Period],
    data: dict[str, dict[int, dict]],
    under: dict[str, set[int]],
    shares: dict[str, float] | None = None,
    counties: dict[str, list[str]] | None = None,
    county_under: dict[str, set[int]] | None = None,
) -> dict:
    """The before/after estimate of one agency's first agreement period (or the reason there is
    none) and, when that period ended, `ended`: the same comparison of its last years under the
    agreement with the years after (up to the next period). When the end is uncertain, the years
    under it stop before the year it was last surely in force, the years after start after the
    year of its latest possible end, and the years between are left out."""
    first = own[0]
    start = first.start.year
    last = start + WINDOW
    if first.end is not None:
        last = min(last, first.surely.year - 1)
    more = {"shares": shares, "counties": counties, "county_under": county_under}
    result: dict = {
        "kind": kind(agency),
        "periods": [p.as_dict() for p in own],
        "start_year": start,
        **_compare(agency, data, under, change=start, first=start - WINDOW, last=last, **more),
    }
    if first.end is not None:
        end, latest = first.surely.year, first.end.year
        until = latest + WINDOW
        if len(own) > 1:
            until = min(until, own[1].start.year - 1)
        result["ended"] = _compare(
            agency,
            data,
            under,
            change=end,
            change_last=latest,
            first=max(start + 1, end - WINDOW),
            last=until,
            **more,
        )
        if first.uncertain:
            result["ended"]["end_uncertain"] = True
            result["ended"]["end_earliest"] = first.surely.isoformat()
            result["ended"]["end_latest"] = first.end.isoformat()
    return result


def effects(folder: Path, agreements: list[dict], *, reference_dir: Path | None = None) -> dict:
    """Every agency in the stops data that had an agreement -> its estimate (module docstring);
    `reference_dir`: the reference data, for the Hispanic share of residents (`residents`)."""
    data = panel(folder)
    shares = agency_residents(folder, residents(reference_dir)) if reference_dir else {}
    counties = agency_counties(folder, town_counties(reference_dir)) if reference_dir else {}
    matched = match(list(data), agreements)
    own = {agency: periods(found) for agency, found in matched.items()}
    under = {agency: _years_under(ps) for agency, ps in own.items()}
    county_under = county_years(agreements, counties, matched)
    stops = Path(folder) / "stops.parquet"
    return {
        # The load it was computed from (stops.parquet's modification time, ns): a page can tell
        # estimates of an older load from the current one.
        "load_stamp": stops.stat().st_mtime_ns,
        "minimums": {
            "window_years": WINDOW,
            "years_before": MIN_YEARS,
            "years_after": MIN_YEARS,
            "controls": MIN_CONTROLS,
            "max_controls": MAX_CONTROLS,
            "size_factor": SIZE_FACTOR,
            "hispanic_points": HISPANIC_POINTS,
            "stops": MIN_DENOMINATOR,
            "events": MIN_EVENTS,
        },
        "agencies": {
            agency: agency_effect(agency, own[agency], data, under, shares, counties, county_under)
            for agency in sorted(own)
        },
    }
