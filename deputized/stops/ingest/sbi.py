"""Parse the state's SBI traffic-stop extract (docs/stops.md; shared traffic-stops.md §1).

The extract is a zip (or a folder) of tab-separated files without a header row: `Stop.txt`,
`PERSON.txt`, `Search.txt`, `Contraband.txt`, `SearchBasis.txt`. Quirks handled here:
cp1252 text, NUL bytes, fields padded with spaces, `"` quoting, CRLF or LF line ends, rows with
extra trailing (blank) columns (only the documented columns are kept), numbers written `.00`/`3.00`,
and `00:00` times (kept as a date with a missing time). Anything else that does not fit the key is
refused with :class:`SBIFormatError`, which names the file and the line.
"""

from __future__ import annotations

import csv
import functools
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import duckdb


class StopsIngestError(Exception):
    """Base class for everything the stops loader refuses."""


class SBIFormatError(StopsIngestError):
    def __init__(self, file: str, line: int, problem: str):
        self.file, self.line, self.problem = file, line, problem
        super().__init__(f"{file}, line {line}: {problem}")


INT, TEXT, FLAG, NUM, WHEN = "int", "text", "flag", "num", "when"

# Columns of each table, in file order, from raw-data-key.csv (names snake_cased).
TABLES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "stop": (
        "Stop.txt",
        [
            ("stop_id", INT),
            ("agency_description", TEXT),
            ("stop_date", WHEN),
            ("purpose", INT),
            ("action", INT),
            ("driver_arrest", FLAG),
            ("passenger_arrest", FLAG),
            ("encounter_force", FLAG),
            ("engage_force", FLAG),
            ("officer_injury", FLAG),
            ("driver_injury", FLAG),
            ("passenger_injury", FLAG),
            ("officer_id", TEXT),
            ("stop_location", TEXT),
            ("stop_city", TEXT),
        ],
    ),
    "person": (
        "PERSON.txt",
        [
            ("person_id", INT),
            ("stop_id", INT),
            ("type", TEXT),
            ("age", INT),
            ("gender", TEXT),
            ("ethnicity", TEXT),
            ("race", TEXT),
        ],
    ),
    "search": (
        "Search.txt",
        [
            ("search_id", INT),
            ("stop_id", INT),
            ("person_id", INT),
            ("type", INT),
            ("vehicle_search", FLAG),
            ("driver_search", FLAG),
            ("passenger_search", FLAG),
            ("property_search", FLAG),
            ("vehicle_seized", FLAG),
            ("personal_property_seized", FLAG),
            ("other_property_seized", FLAG),
        ],
    ),
    "contraband": (
        "Contraband.txt",
        [
            ("contraband_id", INT),
            ("search_id", INT),
            ("person_id", INT),
            ("stop_id", INT),
            ("ounces", NUM),
            ("pounds", NUM),
            ("pints", NUM),
            ("gallons", NUM),
            ("dosages", NUM),
            ("grams", NUM),
            ("kilos", NUM),
            ("money", NUM),
            ("weapons", NUM),
            ("dollar_amount", NUM),
        ],
    ),
    "search_basis": (
        "SearchBasis.txt",
        [
            ("search_basis_id", INT),
            ("search_id", INT),
            ("person_id", INT),
            ("stop_id", INT),
            ("basis", TEXT),
        ],
    ),
}
REQUIRED = ("stop", "person")
CHUNK_BYTES = 16 * 1024 * 1024
# Trailing columns read beyond the key's: blank ones are the key's F16/F17; more than this many
# is refused (DuckDB stops reading such a row, and the line is then found by `locate_error`).
EXTRA_COLUMNS = 6
# DuckDB's strptime formats, in the order _WHEN_FORMATS tries them.
_DUCK_WHEN_FORMATS = [
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%Y-%m-%d",
    "%m/%d/%Y",
]
PAD = " "  # what pads a field (SQL Server's fixed widths); DuckDB's trim() removes the same
FALSE_FLAGS = ("", "0", ".00", "0.00", "False", "N")
TRUE_FLAGS = ("1", "1.00", "True", "Y")


@dataclass
class TableReport:
    """What loading one file found: its rows, NUL bytes and rows with blank extra columns."""

    name: str
    file: str
    rows: int
    nul_bytes: int
    extra_column_rows: int


def _number(text: str) -> float:
    return float(text) if text else 0.0


def _integer(text: str) -> int | None:
    if not text:
        return None
    value = float(text)  # "3.00"
    if value != int(value):
        raise ValueError(f"not a whole number: {text!r}")
    return int(value)


def _flag(text: str) -> bool:
    if text in ("", "0", ".00", "0.00", "False", "N"):
        return False
    if text in ("1", "1.00", "True", "Y"):
        return True
    raise ValueError(f"not a 0/1 flag: {text!r}")


_WHEN_FORMATS = (
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%Y-%m-%d",
    "%m/%d/%Y",
)


def _when(text: str) -> datetime:
    for fmt in _WHEN_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError(f"not a date and time: {text!r}")


def _check_cell(kind: str, cell: str, *, is_id: bool) -> None:
    """Raise ValueError when a stripped cell does not fit its kind (as the SQL does)."""
    if kind == INT:
        if _integer(cell) is None and is_id:
            raise ValueError("empty id")
    elif kind == FLAG:
        _flag(cell)
    elif kind == NUM:
        _number(cell)
    elif kind == WHEN:
        _when(cell)


def locate_error(name: str, text_path: Path, *, file: str) -> SBIFormatError | None:
    """The first line of a (UTF-8, NUL-free) table that does not fit the key, or None.

    Reads the file a line at a time: it runs only after the SQL checks found a problem, to name
    the line as the file counts it (blank lines included), on files of any size."""
    _, columns = TABLES[name]
    width = len(columns)
    with text_path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quotechar='"')
        for line_no, row in enumerate(reader, start=1):
            if not row or all(not cell.strip(PAD) for cell in row):
                continue
            if len(row) < width:
                return SBIFormatError(file, line_no, f"{len(row)} columns, expected {width}")
            if len(row) > width and any(cell.strip(PAD) for cell in row[width:]):
                return SBIFormatError(file, line_no, f"unexpected values after column {width}")
            for index, ((column, kind), raw) in enumerate(zip(columns, row, strict=False)):
                try:
                    _check_cell(kind, raw.strip(PAD), is_id=index == 0)
                except ValueError as exc:
                    return SBIFormatError(file, line_no, f"column {index + 1} ({column}): {exc}")
    return None


def _to_utf8(source: BinaryIO, target: Path, *, file: str) -> int:
    """Copy cp1252 bytes to UTF-8 without NUL bytes, in chunks; the NUL bytes removed."""
    nul_bytes, line = 0, 1
    with target.open("wb") as out:
        while chunk := source.read(CHUNK_BYTES):
            nul_bytes += chunk.count(b"\x00")
            chunk = chunk.replace(b"\x00", b"")
            try:
                text = chunk.decode("cp1252")
            except UnicodeDecodeError as exc:
                at = line + chunk.count(b"\n", 0, exc.start)
                raise SBIFormatError(
                    file, at, f"byte 0x{chunk[exc.start]:02x} is not cp1252 text"
                ) from None
            line += chunk.count(b"\n")
            out.write(text.encode())
    return nul_bytes


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _columns_sql(columns: list[tuple[str, str]]) -> tuple[list[str], list[tuple[str, str]]]:
    """Typed value expressions, and (problem condition, message) pairs, over raw columns c0..."""
    values, problems = [], []
    for index, (column, kind) in enumerate(columns):
        cell = f"trim(c{index})"
        number = f"TRY_CAST({cell} AS DOUBLE)"
        if kind == TEXT:
            values.append(f"nullif({cell}, '') AS {column}")
        elif kind == INT:
            values.append(f"CAST({number} AS BIGINT) AS {column}")
            bad = f"({cell} <> '' AND ({number} IS NULL OR {number} <> trunc({number})))"
            if index == 0:
                bad = f"({bad} OR {cell} = '')"
            problems.append((bad, f"column {index + 1} ({column}): not a whole number"))
        elif kind == FLAG:
            values.append(f"{cell} IN ({', '.join(map(_sql_string, TRUE_FLAGS))}) AS {column}")
            allowed = ", ".join(map(_sql_string, FALSE_FLAGS + TRUE_FLAGS))
            problems.append((f"{cell} NOT IN ({allowed})", f"column {index + 1}: not a 0/1 flag"))
        elif kind == NUM:
            values.append(f"CASE WHEN {cell} = '' THEN 0.0 ELSE {number} END AS {column}")
            problems.append((f"({cell} <> '' AND {number} IS NULL)", f"column {index + 1}"))
        else:
            formats = ", ".join(map(_sql_string, _DUCK_WHEN_FORMATS))
            when = f"date_trunc('second', try_strptime({cell}, [{formats}]))"
            values.append(f"CAST({when} AS DATE) AS stop_date")
            values.append(
                f"CASE WHEN CAST({when} AS TIME) = TIME '00:00:00' THEN NULL"
                f" ELSE CAST({when} AS TIME) END AS stop_time"
            )
            problems.append((f"{when} IS NULL", f"column {index + 1} ({column}): not a date"))
    return values, problems


def load_table(
    con: duckdb.DuckDBPyConnection, name: str, source: BinaryIO, *, file: str, work: Path
) -> TableReport:
    """Read one table of the extract into DuckDB table `name`, checked cell by cell.

    The bytes go to UTF-8 (cp1252 text, NUL bytes removed) in a file under `work`, which DuckDB
    reads in parallel; every row is then checked in SQL as the key requires. A row that does
    not fit raises `SBIFormatError` with its line, found by `locate_error`."""
    _, columns = TABLES[name]
    width = len(columns)
    text_path = work / f"{name}.utf8.txt"
    nul_bytes = _to_utf8(source, text_path, file=file)
    raw = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width + EXTRA_COLUMNS))
    values, problems = _columns_sql(columns)
    extra = " OR ".join(
        f"coalesce(trim(c{i}), '') <> ''" for i in range(width, width + EXTRA_COLUMNS)
    )
    any_column = " OR ".join(f"trim(c{i}) <> ''" for i in range(width))
    checks = [
        (f"c{width - 1} IS NULL", "too few columns"),
        (extra, f"unexpected values after column {width}"),
        *problems,
    ]
    source_sql = (
        f"read_csv({_sql_string(str(text_path))}, delim='\\t', quote='\"', escape='\"',"
        f" header=false, columns={{{raw}}}, null_padding=true, auto_detect=false,"
        f" nullstr='\\x01')"
    )
    # Two passes over the text, which DuckDB reads fast: the checks first (counting, nothing
    # kept), then the typed table, written once the whole file is known to fit the key.
    bad = " OR ".join(f"({cond})" for cond, _ in checks)
    try:
        rows, extra_rows, bad_rows = con.execute(
            f"SELECT count(*), count(*) FILTER (c{width} IS NOT NULL), count(*) FILTER ({bad})"
            f" FROM {source_sql} WHERE {any_column}"
        ).fetchone()
        if not bad_rows:
            con.execute(
                f"CREATE TABLE {name} AS SELECT {', '.join(values)}"
                f" FROM {source_sql} WHERE {any_column}"
            )
    except duckdb.Error as exc:
        found = locate_error(name, text_path, file=file)
        text_path.unlink(missing_ok=True)
        raise found or SBIFormatError(file, 0, f"unreadable: {exc}") from None
    if bad_rows:
        found = locate_error(name, text_path, file=file)
        if found is None:  # the SQL and the line reader disagree: name the checks at least
            failed = con.execute(
                f"SELECT {', '.join(f'bool_or({cond})' for cond, _ in checks)}"
                f" FROM {source_sql} WHERE {any_column}"
            ).fetchone()
            reasons = "; ".join(msg for (_, msg), hit in zip(checks, failed, strict=True) if hit)
            found = SBIFormatError(file, 0, f"{bad_rows} rows do not fit the key ({reasons})")
        text_path.unlink(missing_ok=True)
        raise found
    text_path.unlink(missing_ok=True)
    return TableReport(name, file, rows, nul_bytes, extra_rows)


def load_extract(
    path: Path, con: duckdb.DuckDBPyConnection, *, work: Path
) -> dict[str, TableReport]:
    """Every table of the extract at `path` (a zip, or a folder of its .txt files) into `con`."""
    wanted = {filename.lower(): name for name, (filename, _) in TABLES.items()}
    found: dict[str, tuple[str, Callable[[], BinaryIO]]] = {}
    archive = None
    if path.is_dir():
        for child in sorted(path.iterdir()):
            name = wanted.get(child.name.lower())
            if name and name not in found:
                found[name] = (child.name, functools.partial(child.open, "rb"))
    elif zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)
        for info in archive.infolist():
            name = wanted.get(info.filename.rsplit("/", 1)[-1].lower())
            if name and name not in found:
                found[name] = (
                    f"{path.name}:{info.filename}",
                    functools.partial(archive.open, info),
                )
    else:
        raise StopsIngestError(f"{path}: neither a zip nor a folder of the SBI extract's files")
    try:
        missing = [TABLES[name][0] for name in REQUIRED if name not in found]
        if missing:
            raise StopsIngestError(f"{path}: missing {', '.join(missing)}")
        reports: dict[str, TableReport] = {}
        for name, (file, opener) in found.items():
            with opener() as source:
                reports[name] = load_table(con, name, source, file=file, work=work)
        return reports
    finally:
        if archive is not None:
            archive.close()
