"""Reads of the loaded stops for pages, the API and downloads (the Parquet under STOPS_DIR)."""

from __future__ import annotations

import copy
import functools
import json
import logging
from dataclasses import dataclass
from pathlib import Path

import duckdb
from django.conf import settings

from deputized.history.names import name_key
from deputized.stops.ingest.load import normalize_agency, stops_dir
from deputized.stops.residents import census_counts, census_for


def _stamp(folder: Path) -> float | None:
    """When the current load was made (its measures.parquet, written before the swap), or None
    when nothing is loaded."""
    path = folder / "measures.parquet"
    return path.stat().st_mtime if path.exists() else None


def _read(sql: str, params: list) -> tuple[dict, ...]:
    con = duckdb.connect()
    try:
        cursor = con.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return tuple(dict(zip(names, row, strict=True)) for row in cursor.fetchall())
    finally:
        con.close()


logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=256)
def _agency_measures(folder: str, stamp: float, agency: str) -> tuple[dict, ...]:
    # measures.parquet is sorted by agency, so one agency's read skips most of the file.
    return _read(
        "SELECT * FROM read_parquet(?) WHERE agency = ? ORDER BY year, race_group",
        [str(Path(folder) / "measures.parquet"), agency],
    )


@functools.lru_cache(maxsize=4)
def _agencies(folder: str, stamp: float) -> tuple[dict, ...]:
    return _read(
        "SELECT * FROM read_parquet(?) ORDER BY agency",
        [str(Path(folder) / "agencies.parquet")],
    )


def stops_agency_list(*, folder: Path | None = None) -> list[dict]:
    """Every loaded agency with its ODP id and census geography (None when unmatched)."""
    folder = folder or stops_dir()
    stamp = _stamp(folder)
    return [] if stamp is None else [dict(row) for row in _agencies(str(folder), stamp)]


def stops_measure_list(*, agency: str, folder: Path | None = None) -> list[dict]:
    """One agency's measures per year and group (computed at load), each a copy of its own
    (callers add display fields)."""
    folder = folder or stops_dir()
    stamp = _stamp(folder)
    if stamp is None:
        return []
    return [dict(r) for r in _agency_measures(str(folder), stamp, agency)]


@dataclass(frozen=True)
class MeasureRows:
    """Every measure row, or one agency's, read a page at a time (the API): all of them are
    tens of thousands of wide rows, more than a process should keep."""

    agency: str | None = None
    folder: Path | None = None

    def _query(self, select: str, tail: str = "", params: tuple = ()) -> tuple[dict, ...]:
        folder = self.folder or stops_dir()
        if _stamp(folder) is None:
            return ()
        where = "" if self.agency is None else "WHERE agency = ?"
        args = [
            str(folder / "measures.parquet"),
            *([self.agency] if self.agency is not None else []),
        ]
        return _read(f"SELECT {select} FROM read_parquet(?) {where} {tail}", [*args, *params])

    def count(self) -> int:
        found = self._query("count(*) AS n")
        return found[0]["n"] if found else 0

    def page(self, offset: int, size: int) -> list[dict]:
        tail = "ORDER BY agency, year, race_group LIMIT ? OFFSET ?"
        return list(self._query("*", tail, (size, offset)))


@functools.lru_cache(maxsize=4)
def _quality(folder: str, stamp: float) -> dict:
    path = Path(folder) / "quality.json"
    return json.loads(path.read_text()) if path.exists() else {}


def stops_source(*, agency: str | None = None, folder: Path | None = None) -> dict | None:
    """What the loaded stops come from (file, kind, load date, first and last stop), and for
    `agency` its data-quality figures: months with no stop reported inside its span, and the
    share of its drivers whose race is unknown. None when nothing is loaded."""
    folder = folder or stops_dir()
    stamp = _stamp(folder)
    if stamp is None:
        return None
    quality = _quality(str(folder), stamp)
    found = dict(quality.get("source") or {})
    if agency is not None:
        found["zero_stop_months"] = [
            row["month"] for row in quality.get("zero_stop_months", []) if row["agency"] == agency
        ]
        unknown = next((r for r in quality.get("race_u_share", []) if r["agency"] == agency), None)
        found["race_unknown_share"] = unknown["share"] if unknown else None
    return found


def stops_residents(*, agency: str, year: int, folder: Path | None = None) -> dict | None:
    """The Hispanic share of residents of the agency's county or town (the ODP crosswalk's census
    geography) in the census nearest `year`, with its counts; None when not known."""
    found = next((a for a in stops_agency_list(folder=folder) if a["agency"] == agency), None)
    if found is None or found["geo_level"] not in ("county", "place"):
        return None
    census = census_for(year)
    counts = census_counts(str(settings.REFERENCE_DATA_DIR), census).get(found["census_geoid"])
    if counts is None:
        return None
    return {
        "census": census,
        "hispanic": counts.hispanic,
        "total": counts.total,
        "share": counts.share,
        "county": found["geo_level"] == "county",
    }


def stops_version(*, folder: Path | None = None) -> str:
    """Changes whenever the stops pages show do: a new load, or new analysis files (their
    modification times). The page cache keys pages with it, beside the data version."""
    folder = folder or stops_dir()
    stamps = []
    for name in ("measures.parquet", "effects.json", "thresholds.json"):
        try:
            stamps.append(str((folder / name).stat().st_mtime_ns))
        except OSError:
            stamps.append("0")
    return "-".join(stamps)


def stops_measure_file(fmt: str, *, folder: Path | None = None) -> Path | None:
    """The measures' download written at load (`csv` or `parquet`), or None."""
    path = (folder or stops_dir()) / f"measures.{fmt}"
    return path if path.exists() else None


def stops_agency_find(
    *, name: str | None = None, county_fips: str | None = None, folder: Path | None = None
) -> str | None:
    """The loaded agency for a history agency's name, or a county's sheriff (by census GEOID)."""
    agencies = stops_agency_list(folder=folder)
    if name:
        # Case and spacing first; then the history's own key (accents, punctuation, "PD"), the
        # one the before/after estimates match agreements with.
        for same in (normalize_agency, name_key):
            wanted = same(name)
            for row in agencies:
                if row["agency"] and same(row["agency"]) == wanted:
                    return row["agency"]
    if county_fips:
        for row in agencies:
            if (
                row["geo_level"] == "county"
                and row["census_geoid"] == county_fips
                and "sheriff" in row["agency"].lower()
            ):
                return row["agency"]
    return None


def stops_agreement_list(*, state: str = "NC") -> list[dict]:
    """Every 287(g) agreement of a state with a start date, from both sources, as plain dicts.

    The one place the stops analysis reads the database (`analysis/effects.py` is pure): today's
    history (`history.Agreement`: start = `signed`, else `first_listed_on`; end = `last_listed_on`
    when it ended; pending and withdrawn listings were never in force and are left out; county:
    ICE's county cell matched to `places.County` by name) and the earlier-agreements layer
    (`earlier.EarlierAgreement`: `signed_date`; the end as `effects.earlier_end` reads it: stated,
    or bounded by the precision text or the ICE lists). Each dict: `source` ("history" or
    "earlier"), `id`, `names` (every spelling), `agency_type`, `county_fips` (a list), `start`,
    `end` (dates; `end` None while in force, else the end or, when uncertain, its latest possible
    date), `end_earliest` (the last date it was surely in force: `end` when known, None while in
    force) and `end_uncertain` (the end lies somewhere between `end_earliest` and `end`).
    """
    from deputized.earlier.models import EarlierAgreement
    from deputized.history.models import Agreement
    from deputized.places.models import County
    from deputized.stops.analysis.effects import earlier_end

    counties = {}
    for c in County.objects.filter(state__code=state.upper()):
        counties[c.name.lower()] = counties[c.full_name.lower()] = c.fips
    out = []
    history = Agreement.objects.filter(agency__state=state.upper()).select_related("agency")
    for a in history.exclude(status__in=[Agreement.Status.PENDING, Agreement.Status.WITHDRAWN]):
        end = a.last_listed_on if a.status == Agreement.Status.ENDED else None
        county = (a.agency.county or "").strip().lower()
        fips = counties.get(county) or counties.get(f"{county} county")
        out.append(
            {
                "source": "history",
                "id": a.id,
                "names": sorted({a.agency.name, *a.agency.spellings}),
                "agency_type": a.agency.agency_type,
                "county_fips": [fips] if fips else [],
                "start": a.signed or a.first_listed_on,
                "end": end,
                "end_earliest": end,
                "end_uncertain": False,
            }
        )
    for e in EarlierAgreement.objects.filter(state=state.upper()).prefetch_related("counties"):
        end, earliest, uncertain = earlier_end(
            signed=e.signed_date,
            ended_date=e.ended_date,
            precision=e.ended_date_precision,
            last_listed=e.last_listed_ice,
            first_unlisted=e.first_unlisted_ice,
            on_list_2021=e.on_ice_list_2021_01_13,
        )
        out.append(
            {
                "source": "earlier",
                "id": e.agreement_id,
                "names": [e.agency],
                "agency_type": e.agency_type,
                "county_fips": sorted(c.county_fips for c in e.counties.all()),
                "start": e.signed_date,
                "end": end,
                "end_earliest": earliest,
                "end_uncertain": uncertain,
            }
        )
    return out


@functools.lru_cache(maxsize=8)
def _json(path: str, stamp: int) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _load_stamp(folder: Path) -> int | None:
    """The current load's mark (its stops.parquet's mtime in ns): what `stops analyze` records
    in the files it writes, so results of an earlier load are never shown beside this one."""
    try:
        return (folder / "stops.parquet").stat().st_mtime_ns
    except OSError:
        return None


def _analysis(folder: Path | None, name: str) -> dict:
    """An analysis file of the current load, or {} (none, another load's, or unreadable: the
    page then shows the section without it rather than fail)."""
    folder = folder or stops_dir()
    path = folder / name
    try:
        data = _json(str(path), path.stat().st_mtime_ns)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        logger.warning("stops: %s unreadable, not shown: %s", path, exc)
        return {}
    stamp = data.get("load_stamp")
    if stamp is not None and stamp != _load_stamp(folder):
        return {}
    return data


def stops_effect_get(*, agency: str, folder: Path | None = None) -> dict | None:
    """One agency's 287(g) before/after result from `effects.json` (None: no agreement, or
    `stops analyze` not run), with the minimums it was held to under `minimums`."""
    data = _analysis(folder, "effects.json")
    found = data.get("agencies", {}).get(agency)
    if found is None:
        return None
    return dict(copy.deepcopy(found), minimums=data.get("minimums", {}))


# The sampler's diagnostics a fit must meet to be shown (Vehtari et al. 2021: R-hat < 1.01 for
# final results, 1.05 at most; an effective sample size of at least 100 per chain-pair).
MAX_RHAT = 1.05
MIN_ESS = 100


def converged(diagnostics: dict | None) -> bool:
    if not diagnostics:
        return False
    return (
        diagnostics.get("rhat_max") is not None
        and diagnostics["rhat_max"] <= MAX_RHAT
        and (diagnostics.get("ess_min") or 0) >= MIN_ESS
        and not diagnostics.get("divergences")
    )


def stops_threshold_get(*, agency: str, folder: Path | None = None) -> dict | None:
    """One agency's threshold-test cells from `thresholds.json` (copies), with the years, the
    minimum searches and its fit's diagnostics; `converged` says whether they may be shown."""
    data = _analysis(folder, "thresholds.json")
    found = data.get("agencies", {}).get(agency)
    if not found:
        return None
    diagnostics = data.get("diagnostics_by_agency", {}).get(agency, data.get("diagnostics"))
    return {
        "cells": [dict(cell) for cell in found],
        "years": data.get("years"),
        "minimum_searches": data.get("minimum_searches"),
        "diagnostics": diagnostics,
        "converged": converged(diagnostics),
    }
