"""Load an SBI extract (or Stanford's NC CSV) into Parquet under the stops data folder.

`run(path, target=None)`, step by step:
1. parse: every table of the extract (`sbi.load_extract`, into DuckDB) or Stanford's CSV
   (`stanford.load_csv`); a malformed file raises `SBIFormatError` naming the file and line, and an
   extract without a stop is refused, before anything of the current load is touched;
2. build: DuckDB joins driver rows, the (single) search record and contraband into one row per stop
   (`stops.parquet`), race group = Hispanic if ethnicity H, else race;
3. match: agency names against the ODP crosswalk in the reference data (`nc/nc_stops_agency_census_
   crosswalk.csv`), unmatched names listed;
4. check: the data-quality report (`quality.json`), with the source the pages cite;
5. measure: every measure per agency, year and group (`measures.parquet`, `measures.csv`);
6. swap: everything is written to a temporary folder beside the target, which then replaces the
   current one with two renames; a failure at any step leaves what was loaded before in place,
   and a load stopped between the two renames is put back by the next one.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from django.conf import settings

from deputized.stops.analysis.measures import write_measures
from deputized.stops.ingest import sbi

GROUP_SQL = """
CASE WHEN ethnicity = 'H' THEN 'Hispanic'
     WHEN race = 'W' THEN 'White' WHEN race = 'B' THEN 'Black' WHEN race = 'A' THEN 'Asian'
     WHEN race = 'I' THEN 'Native American' ELSE 'Other' END
"""

BUILD_STOPS = f"""
CREATE TABLE stops AS
WITH driver AS (
    SELECT * FROM (
        SELECT *, row_number() OVER (PARTITION BY stop_id ORDER BY person_id) AS n
        FROM person WHERE type = 'D'
    ) WHERE n = 1
),
srch AS (
    SELECT * FROM (
        SELECT *, row_number() OVER (PARTITION BY stop_id ORDER BY search_id) AS n FROM search
    ) WHERE n = 1
),
contra AS (
    SELECT stop_id, count(*) AS rows,
           max(CASE WHEN ounces + pounds + pints + gallons + dosages + grams + kilos + money
                         + weapons + dollar_amount > 0 THEN 1 ELSE 0 END) AS nonzero
    FROM contraband GROUP BY stop_id
)
SELECT s.stop_id, s.agency_description AS agency, s.stop_date, s.stop_time,
       year(s.stop_date) AS year, s.purpose, s.action, s.driver_arrest, s.passenger_arrest,
       s.engage_force, s.officer_id, s.stop_location, s.stop_city,
       d.age, d.gender, d.ethnicity, d.race, {GROUP_SQL} AS race_group,
       r.search_id IS NOT NULL AS searched, r.type AS search_type,
       coalesce(r.person_id <> d.person_id, false) AS search_of_passenger,
       coalesce(c.rows, 0) > 0 AS contraband_found,
       coalesce(c.nonzero, 0) > 0 AS contraband_nonzero
FROM stop s JOIN driver d USING (stop_id)
LEFT JOIN srch r USING (stop_id)
LEFT JOIN contra c USING (stop_id)
"""


@dataclass
class LoadResult:
    target: Path
    counts: dict[str, int]
    quality: dict
    unmatched: list[str] = field(default_factory=list)


def stops_dir() -> Path:
    return Path(getattr(settings, "STOPS_DIR", Path(settings.OPENDATA_DIR).parent / "stops"))


def normalize_agency(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("\u2019", "'")).strip().casefold()


def crosswalk() -> dict[str, dict]:
    path = Path(settings.REFERENCE_DATA_DIR) / "nc" / "nc_stops_agency_census_crosswalk.csv"
    if not path.exists():
        return {}
    with path.open(newline="", encoding="utf-8") as handle:
        return {normalize_agency(row["agency_name"]): row for row in csv.DictReader(handle)}


def _quality(con: duckdb.DuckDBPyConnection, parsed: dict[str, sbi.TableReport] | None) -> dict:
    def rows(sql: str) -> list[dict]:
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    total = con.execute("SELECT count(*) FROM stops").fetchone()[0]
    report = {
        "stops": total,
        "missing_times": con.execute(
            "SELECT count(*) FROM stops WHERE stop_time IS NULL"
        ).fetchone()[0],
        # Months inside each agency's reporting span with no stop at all.
        "zero_stop_months": rows("""
            WITH m AS (SELECT agency, date_trunc('month', stop_date) AS month, count(*) AS n
                       FROM stops GROUP BY ALL),
                 span AS (SELECT agency, min(month) AS lo, max(month) AS hi FROM m GROUP BY agency),
                 cal AS (SELECT agency, unnest(generate_series(lo, hi, INTERVAL 1 MONTH)) AS month
                         FROM span)
            SELECT cal.agency, strftime(cal.month, '%Y-%m') AS month FROM cal
            LEFT JOIN m USING (agency, month) WHERE m.n IS NULL ORDER BY 1, 2"""),
        "race_u_share": rows("""
            SELECT agency, count(*) AS n,
                   CAST(count(*) FILTER (WHERE race = 'U') AS BIGINT) AS race_u,
                   round(race_u / n, 4) AS share FROM stops GROUP BY agency ORDER BY agency"""),
        "checkpoint_share": rows("""
            SELECT agency, count(*) AS n,
                   CAST(count(*) FILTER (WHERE purpose = 10) AS BIGINT) AS checkpoints,
                   round(checkpoints / n, 4) AS share
            FROM stops GROUP BY agency ORDER BY agency"""),
        "zero_amount_contraband": con.execute(
            "SELECT count(*) FROM stops WHERE contraband_found AND NOT contraband_nonzero"
        ).fetchone()[0],
    }
    if parsed:
        report["files"] = {
            name: {
                "rows": t.rows,
                "nul_bytes": t.nul_bytes,
                "extra_column_rows": t.extra_column_rows,
            }
            for name, t in parsed.items()
        }
        report["stops_without_driver"] = parsed["stop"].rows - total
    return report


def _connect(work: Path) -> duckdb.DuckDBPyConnection:
    """DuckDB in memory, bounded: past `STOPS_LOAD_MEMORY` it spills to a folder under `work`
    (a statewide extract's tables are larger than the memory a load may take)."""
    con = duckdb.connect()
    con.execute(f"SET memory_limit = {sbi.sql_string(settings.STOPS_LOAD_MEMORY)}")
    con.execute(f"SET temp_directory = {sbi.sql_string(str(work / 'spill'))}")
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")
    return con


def _previous(target: Path) -> Path:
    return target.with_name(target.name + ".old")


def _recover(target: Path) -> None:
    """Put back a load that a stopped swap left under its `.old` name."""
    old = _previous(target)
    if old.exists() and not target.exists():
        old.rename(target)


def _swap(output: Path, target: Path) -> None:
    """`output` becomes `target`; the load it replaces is removed only once it has."""
    old = _previous(target)
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    try:
        output.rename(target)
    except BaseException:
        _recover(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _match_agencies(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The `agencies` table (each name with ODP's id and census geography); the unmatched names."""
    agencies = [
        r[0] for r in con.execute("SELECT DISTINCT agency FROM stops ORDER BY 1").fetchall()
    ]
    known = crosswalk()
    mapping, unmatched = [], []
    for agency in agencies:
        row = known.get(normalize_agency(agency or ""))
        if row is None:
            unmatched.append(agency)
        mapping.append(
            (
                agency,
                int(row["opendatapolicing_agency_id"]) if row else None,
                row["census_geoid"] if row else None,
                row["geo_level"] if row else None,
            )
        )
    con.execute(
        "CREATE TABLE agencies"
        " (agency VARCHAR, odp_id BIGINT, census_geoid VARCHAR, geo_level VARCHAR)"
    )
    if mapping:
        con.executemany("INSERT INTO agencies VALUES (?, ?, ?, ?)", mapping)
    return unmatched


def run(path: Path, *, target: Path | None = None) -> LoadResult:
    path = Path(path)
    target = Path(target) if target else stops_dir()
    target.parent.mkdir(parents=True, exist_ok=True)
    _recover(target)
    work = Path(tempfile.mkdtemp(prefix=".stops-", dir=target.parent))
    build = work / "build"
    build.mkdir()
    output = work / "out"
    output.mkdir()
    con = _connect(build)
    try:
        if path.suffix.lower() == ".csv":
            from deputized.stops.ingest import stanford

            parsed = None
            stanford.load_csv(path, con)
        else:
            parsed = sbi.load_extract(path, con, work=build)
            for name in ("search", "contraband"):  # optional files: BUILD_STOPS joins them
                if name not in parsed:
                    sbi.empty_table(con, name)
            con.execute(BUILD_STOPS)
        if not con.execute("SELECT count(*) FROM stops").fetchone()[0]:
            # An empty or truncated file would replace a good load with nothing.
            raise sbi.StopsIngestError(f"{path.name}: no stop with a driver in it")
        unmatched = _match_agencies(con)
        con.execute(
            "COPY (SELECT * FROM stops ORDER BY agency, stop_date)"
            f" TO {sbi.sql_string(str(output / 'stops.parquet'))} (FORMAT parquet)"
        )
        con.execute(
            f"COPY agencies TO {sbi.sql_string(str(output / 'agencies.parquet'))} (FORMAT parquet)"
        )
        quality = _quality(con, parsed)
        quality["unmatched_agencies"] = unmatched
        first, last = con.execute("SELECT min(stop_date), max(stop_date) FROM stops").fetchone()
        # What pages cite: the file, its kind, when it was loaded and the dates it covers.
        quality["source"] = {
            "file": path.name,
            "kind": "stanford" if parsed is None else "sbi",
            "loaded_on": dt.date.today().isoformat(),
            "first_stop": first.isoformat() if first else None,
            "last_stop": last.isoformat() if last else None,
        }
        counts = {
            "stops": quality["stops"],
            "agencies": con.execute("SELECT count(*) FROM agencies").fetchone()[0],
        }
        con.close()
        counts["measures"] = write_measures(output)
        (output / "quality.json").write_text(json.dumps(quality, indent=1, default=str))
        shutil.rmtree(build)
        _swap(output, target)
    finally:
        con.close()
        shutil.rmtree(work, ignore_errors=True)
    return LoadResult(target, counts, quality, unmatched)
