"""Measures per agency, year and race/ethnicity group from `stops.parquet` (traffic-stops.md §8).

Counts are of driver rows, one per stop; group = Hispanic of any race, then race. Searches are
stops with a search record (any person); discretionary searches are consent (1) and probable cause
(3); a hit is a stop whose search found contraband, either any contraband row (ODP's rule) or only
rows with a non-zero amount (§4); arrests are the DriverArrest flag. Rates carry Wilson intervals;
ratios compare each group with white drivers of the same agency and year, with log-scale intervals,
and are withheld where either count is below `stats.MIN_EVENTS`.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from deputized.stops.analysis.stats import MIN_EVENTS, rate_ratio, wilson
from deputized.stops.ingest.sbi import sql_string

GROUPS = ("Hispanic", "White", "Black", "Asian", "Native American", "Other")
PURPOSES = {
    1: "Speed Limit Violation",
    2: "Stop Light/Sign Violation",
    3: "Driving While Impaired",
    4: "Safe Movement Violation",
    5: "Vehicle Equipment Violation",
    6: "Vehicle Regulatory Violation",
    7: "Seat Belt Violation",
    8: "Investigation",
    9: "Other Motor Vehicle Violation",
    10: "Checkpoint",
}
SEARCH_TYPES = {
    1: "consent",
    2: "warrant",
    3: "probable_cause",
    4: "incident_to_arrest",
    5: "frisk",
}
COUNT_COLUMNS = (
    ["stops"]
    + [f"purpose_{p}" for p in PURPOSES]
    + ["safety", "regulatory_equipment", "investigation_checkpoint", "checkpoint"]
    + ["searches", "discretionary_searches"]
    + [f"search_{name}" for name in SEARCH_TYPES.values()]
    + ["hits", "hits_nonzero", "discretionary_hits", "arrests", "engage_force", "missing_times"]
)


def _count_sql(keys: str) -> str:
    def n(cond: str) -> str:
        return f"CAST(count(*) FILTER (WHERE {cond}) AS BIGINT)"

    parts = ["CAST(count(*) AS BIGINT) AS stops"]
    parts += [f"{n(f'purpose = {p}')} AS purpose_{p}" for p in PURPOSES]
    parts += [
        f"{n('purpose IN (1, 2, 3, 4)')} AS safety",
        f"{n('purpose IN (5, 6, 7, 9)')} AS regulatory_equipment",
        f"{n('purpose IN (8, 10)')} AS investigation_checkpoint",
        f"{n('purpose = 10')} AS checkpoint",
        f"{n('searched')} AS searches",
        f"{n('searched AND search_type IN (1, 3)')} AS discretionary_searches",
    ]
    parts += [
        f"{n(f'searched AND search_type = {t}')} AS search_{name}"
        for t, name in SEARCH_TYPES.items()
    ]
    parts += [
        f"{n('searched AND contraband_found')} AS hits",
        f"{n('searched AND contraband_nonzero')} AS hits_nonzero",
        f"{n('searched AND search_type IN (1, 3) AND contraband_found')} AS discretionary_hits",
        f"{n('driver_arrest')} AS arrests",
        f"{n('engage_force')} AS engage_force",
        f"{n('stop_time IS NULL')} AS missing_times",
    ]
    return f"SELECT {keys}, {', '.join(parts)} FROM stops GROUP BY ALL ORDER BY ALL"


def counts(folder: Path, *, by: tuple[str, ...] = ("agency", "year", "race_group")) -> list[dict]:
    """Counts grouped by `by` (columns of stops.parquet), as dicts."""
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute(
        "CREATE VIEW stops AS SELECT * FROM"
        f" read_parquet({sql_string(str(Path(folder) / 'stops.parquet'))})"
    )
    cursor = con.execute(_count_sql(", ".join(by)))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


RATES = {
    # name: (numerator, denominator)
    "search_rate": ("searches", "stops"),
    "discretionary_search_rate": ("discretionary_searches", "stops"),
    "consent_search_rate": ("search_consent", "stops"),
    "probable_cause_search_rate": ("search_probable_cause", "stops"),
    "incident_to_arrest_search_rate": ("search_incident_to_arrest", "stops"),
    "frisk_rate": ("search_frisk", "stops"),
    "hit_rate": ("hits", "searches"),
    "hit_rate_nonzero": ("hits_nonzero", "searches"),
    "arrest_rate": ("arrests", "stops"),
    "checkpoint_share": ("checkpoint", "stops"),
    "regulatory_equipment_share": ("regulatory_equipment", "stops"),
}


def measures(rows: list[dict], *, minimum: int = MIN_EVENTS) -> list[dict]:
    """Add rates (Wilson), group shares and ratios vs white drivers to per-group count rows.

    `rows` come from `counts(...)` with `race_group` among the keys; the other keys define cells.
    """
    cells: dict[tuple, dict[str, dict]] = {}
    for row in rows:
        key = tuple((k, v) for k, v in row.items() if k not in COUNT_COLUMNS and k != "race_group")
        cells.setdefault(key, {})[row["race_group"]] = row
    out = []
    for groups in cells.values():
        total = sum(g["stops"] for g in groups.values())
        white = groups.get("White")
        for group in GROUPS:
            row = groups.get(group)
            if row is None:
                continue
            result = dict(row)
            result["share_of_stops"], result["share_low"], result["share_high"] = wilson(
                row["stops"], total
            )
            for name, (num, den) in RATES.items():
                rate, low, high = wilson(row[num], row[den])
                result[name], result[f"{name}_low"], result[f"{name}_high"] = rate, low, high
                if group != "White":
                    ratio = (None, None, None)
                    if white is not None:
                        ratio = rate_ratio(
                            row[num], row[den], white[num], white[den], minimum=minimum
                        )
                    (
                        result[f"{name}_ratio"],
                        result[f"{name}_ratio_low"],
                        result[f"{name}_ratio_high"],
                    ) = ratio
            out.append(result)
    return out


def _schema(rows: list[dict]) -> pa.Schema:
    """Every column any row has, typed by its name: a white drivers' row has no ratio, and a
    column can be empty in one load (pyarrow would take the first row's keys, and type an
    all-empty column as null)."""
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    text = {"agency", "race_group"}
    whole = {*COUNT_COLUMNS, "year", "purpose"}
    return pa.schema(
        [
            (n, pa.string() if n in text else pa.int64() if n in whole else pa.float64())
            for n in names
        ]
    )


def write_measures(folder: Path) -> int:
    """Compute every measure (agency × year × group) of `folder`'s stops once, at load, into
    `measures.parquet` (what pages and the API read) and `measures.csv` (the download)."""
    rows = measures(counts(folder))
    folder = Path(folder)
    if rows:
        schema = _schema(rows)
        table = pa.Table.from_pylist([{n: r.get(n) for n in schema.names} for r in rows], schema)
        # Small row groups, sorted by agency: a page's read of one agency skips the others.
        pq.write_table(table, folder / "measures.parquet", row_group_size=2048)
        con = duckdb.connect()
        con.execute(
            f"COPY (SELECT * FROM read_parquet({sql_string(str(folder / 'measures.parquet'))}))"
            f" TO {sql_string(str(folder / 'measures.csv'))} (HEADER, DELIMITER ',')"
        )
        con.close()
    return len(rows)
