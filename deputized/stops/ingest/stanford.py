"""Stanford Open Policing's cleaned NC file (2000–2015) mapped to the stops table's columns."""

from __future__ import annotations

from pathlib import Path

import duckdb

from deputized.stops.ingest.sbi import StopsIngestError, sql_string

PURPOSES = {
    "Speed Limit Violation": 1,
    "Stop Light/Sign Violation": 2,
    "Driving While Impaired": 3,
    "Safe Movement Violation": 4,
    "Vehicle Equipment Violation": 5,
    "Vehicle Regulatory Violation": 6,
    "Seat Belt Violation": 7,
    "Investigation": 8,
    "Other Motor Vehicle Violation": 9,
    "Checkpoint": 10,
}
GROUPS = {
    "hispanic": "Hispanic",
    "white": "White",
    "black": "Black",
    "asian/pacific islander": "Asian",
    "other": "Other",
    "unknown": "Other",
}
NEEDED = {"date", "department_name", "subject_race"}


def load_csv(path: Path, con: duckdb.DuckDBPyConnection) -> None:
    """Table `stops` in `con` from Stanford's CSV, read by DuckDB (within the load's memory
    bound); a file DuckDB cannot read, or a row it cannot convert, is refused with its name."""
    source = f"read_csv({sql_string(str(path))}, header=true, all_varchar=true)"
    try:
        cols = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    except duckdb.Error as exc:
        raise StopsIngestError(f"{path.name}: {str(exc).splitlines()[0]}") from None
    missing = NEEDED - cols
    if missing:
        raise StopsIngestError(f"{path.name}, line 1: missing columns {', '.join(sorted(missing))}")

    def col(name: str, default: str = "NULL") -> str:
        return name if name in cols else default  # only the names above, never the file's text

    purpose_case = " ".join(f"WHEN '{k}' THEN {v}" for k, v in PURPOSES.items())
    group_case = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in GROUPS.items())
    try:
        con.execute(f"""
        CREATE TABLE stops AS
        SELECT row_number() OVER () AS stop_id, department_name AS agency,
               CAST(date AS DATE) AS stop_date,
               CAST(nullif({col("time")}, '00:00:00') AS TIME) AS stop_time,
               year(CAST(date AS DATE)) AS year,
               CASE {col("reason_for_stop")} {purpose_case} END AS purpose, NULL::BIGINT AS action,
               coalesce({col("arrest_made")} = 'TRUE', false) AS driver_arrest,
               false AS passenger_arrest,
               false AS engage_force, {col("officer_id_hash")} AS officer_id,
               {col("county_name")} AS stop_location, NULL AS stop_city,
               TRY_CAST({col("subject_age")} AS BIGINT) AS age, NULL AS gender,
               CASE WHEN subject_race = 'hispanic' THEN 'H' ELSE 'N' END AS ethnicity, NULL AS race,
               coalesce(CASE subject_race {group_case} END, 'Other') AS race_group,
               coalesce({col("search_conducted")} = 'TRUE', false) AS searched,
               CASE {col("search_basis")} WHEN 'consent' THEN 1 WHEN 'probable cause' THEN 3 END
                   AS search_type,
               false AS search_of_passenger,
               coalesce({col("contraband_found")} = 'TRUE', false) AS contraband_found,
               coalesce({col("contraband_found")} = 'TRUE', false) AS contraband_nonzero
        FROM {source}
        """)
    except duckdb.Error as exc:
        raise StopsIngestError(f"{path.name}: {str(exc).splitlines()[0]}") from None
