"""Reads of the loaded stops for pages, the API and downloads (the Parquet under STOPS_DIR)."""

from __future__ import annotations

import functools
from pathlib import Path

import duckdb

from deputized.stops.analysis.measures import counts, measures
from deputized.stops.ingest.load import normalize_agency, stops_dir


def _stamp(folder: Path) -> float | None:
    path = folder / "stops.parquet"
    return path.stat().st_mtime if path.exists() else None


@functools.lru_cache(maxsize=4)
def _all_measures(folder: str, stamp: float) -> tuple[dict, ...]:
    return tuple(measures(counts(Path(folder))))


@functools.lru_cache(maxsize=4)
def _agencies(folder: str, stamp: float) -> tuple[dict, ...]:
    con = duckdb.connect()
    cursor = con.execute(
        f"SELECT * FROM read_parquet('{Path(folder) / 'agencies.parquet'}') ORDER BY agency"
    )
    names = [d[0] for d in cursor.description]
    return tuple(dict(zip(names, row, strict=True)) for row in cursor.fetchall())


def stops_agency_list(*, folder: Path | None = None) -> list[dict]:
    """Every loaded agency with its ODP id and census geography (None when unmatched)."""
    folder = folder or stops_dir()
    stamp = _stamp(folder)
    return [] if stamp is None else list(_agencies(str(folder), stamp))


def stops_measure_list(*, agency: str | None = None, folder: Path | None = None) -> list[dict]:
    """Measures per agency, year and group; one agency's when `agency` is given."""
    folder = folder or stops_dir()
    stamp = _stamp(folder)
    if stamp is None:
        return []
    rows = _all_measures(str(folder), stamp)
    return [dict(r) for r in rows if agency is None or r["agency"] == agency]


def stops_agency_find(
    *, name: str | None = None, county_fips: str | None = None, folder: Path | None = None
) -> str | None:
    """The loaded agency for a history agency's name, or a county's sheriff (by census GEOID)."""
    agencies = stops_agency_list(folder=folder)
    if name:
        wanted = normalize_agency(name)
        for row in agencies:
            if normalize_agency(row["agency"]) == wanted:
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
    when it ended; pending and withdrawn listings were never in force and are left out) and the
    earlier-agreements layer (`earlier.EarlierAgreement`: `signed_date`, `ended_date` when a source
    states it). Each dict: `source` ("history" or "earlier"), `id`, `names` (every spelling),
    `agency_type`, `county_fips` (a list), `start`, `end` (dates; `end` None while in force).
    """
    from datetime import date

    from deputized.earlier.models import EarlierAgreement
    from deputized.history.models import Agreement

    out = []
    history = Agreement.objects.filter(agency__state=state.upper()).select_related("agency")
    for a in history.exclude(status__in=[Agreement.Status.PENDING, Agreement.Status.WITHDRAWN]):
        out.append(
            {
                "source": "history",
                "id": a.id,
                "names": sorted({a.agency.name, *a.agency.spellings}),
                "agency_type": a.agency.agency_type,
                "county_fips": [],
                "start": a.signed or a.first_listed_on,
                "end": a.last_listed_on if a.status == Agreement.Status.ENDED else None,
            }
        )
    for e in EarlierAgreement.objects.filter(state=state.upper()).prefetch_related("counties"):
        end = None
        if e.ended_date:  # YYYY-MM-DD or YYYY-MM (then the month's first day)
            parts = [int(p) for p in e.ended_date.split("-")]
            end = date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
        out.append(
            {
                "source": "earlier",
                "id": e.agreement_id,
                "names": [e.agency],
                "agency_type": e.agency_type,
                "county_fips": sorted(c.county_fips for c in e.counties.all()),
                "start": e.signed_date,
                "end": end,
            }
        )
    return out


@functools.lru_cache(maxsize=8)
def _json(path: str, stamp: float) -> dict:
    import json

    return json.loads(Path(path).read_text(encoding="utf-8"))


def _analysis(folder: Path | None, name: str) -> dict:
    path = (folder or stops_dir()) / name
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        return {}
    return _json(str(path), stamp)


def stops_effect_get(*, agency: str, folder: Path | None = None) -> dict | None:
    """One agency's 287(g) before/after result from `effects.json` (None: no agreement, or
    `stops analyze` not run), with the minimums it was held to under `minimums`."""
    data = _analysis(folder, "effects.json")
    found = data.get("agencies", {}).get(agency)
    return None if found is None else dict(found, minimums=data.get("minimums", {}))


def stops_threshold_get(*, agency: str, folder: Path | None = None) -> dict | None:
    """One agency's threshold-test cells from `thresholds.json`, with the years and sampler."""
    data = _analysis(folder, "thresholds.json")
    found = data.get("agencies", {}).get(agency)
    if not found:
        return None
    keep = ("years", "minimum_searches", "diagnostics")
    return {"cells": found, **{k: data.get(k) for k in keep}}
