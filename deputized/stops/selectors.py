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
