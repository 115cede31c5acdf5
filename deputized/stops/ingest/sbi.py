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
import math
import unicodedata
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
# Trailing columns read beyond the key's: blank ones are the key's F16/F17. A row with more than
# this many is refused (its line named by `locate_error`).
EXTRA_COLUMNS = 24
# Dates and times in the layouts the extracts have used, tried in this order (by Python's
# strptime in `locate_error` and DuckDB's in SQL; both take the same directives).
WHEN_FORMATS = (
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
# DuckDB's %Y also reads a year of one to three digits (`1/5/18` as the year 18); Python's does
# not. Years before this are refused on both sides: the data starts in 2000.
FIRST_YEAR = 1990
# Ids are read through DOUBLE ("3.00"): refused past the largest BIGINT.
MAX_ID = 9.2e18
FALSE_FLAGS = ("", "0", ".00", "0.00", "False", "N")
TRUE_FLAGS = ("1", "1.00", "True", "Y")
# DuckDB's read_csv reads this as NULL; a column the row does not reach is NULL too (null
# padding), so an empty field ('') and a missing one differ. A control character no text has.
NULL_TEXT = "\x01"


@dataclass
class TableReport:
    """What loading one file found: its rows, NUL bytes and rows with blank extra columns."""

    name: str
    file: str
    rows: int
    nul_bytes: int
    extra_column_rows: int


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {text!r}")
    return value


def _number(text: str) -> float:
    return _finite(text) if text else 0.0


def _integer(text: str) -> int | None:
    if not text:
        return None
    value = _finite(text)  # "3.00"
    if value != int(value) or abs(value) >= MAX_ID:
        raise ValueError(f"not a whole number: {text!r}")
    return int(value)


def _flag(text: str) -> bool:
    if text in FALSE_FLAGS:
        return False
    if text in TRUE_FLAGS:
        return True
    raise ValueError(f"not a 0/1 flag: {text!r}")


def _when(text: str) -> datetime:
    for fmt in WHEN_FORMATS:
        try:
            found = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if found.year < FIRST_YEAR:
            break
        return found
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


# What DuckDB's trim() removes: the space and the other Unicode space separators (no-break
# space...), not tabs or other control characters. The line reader strips the same.
SPACES = "".join(chr(c) for c in range(0x3001) if unicodedata.category(chr(c)) == "Zs")


def _trim(text: str) -> str:
    return text.strip(SPACES)


def locate_error(name: str, text_path: Path, *, file: str) -> tuple[SBIFormatError | None, int]:
    """The first line of a (UTF-8, NUL-free) table that does not fit the key (or None), and
    the rows read up to it.

    Reads the file a record at a time: it runs only after the SQL checks found a problem, to
    name the line as the file counts it (blank lines included, a record's first line when a
    quoted field spans lines), on files of any size."""
    _, columns = TABLES[name]
    width = len(columns)
    rows = 0
    with text_path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quotechar='"')
        line_no = 1
        for row in reader:
            first_line, line_no = line_no, reader.line_num + 1
            if not row or all(not _trim(cell) for cell in row):
                continue
            rows += 1
            if len(row) < width:
                problem = f"{len(row)} columns, expected {width}"
                return SBIFormatError(file, first_line, problem), rows
            if len(row) > width and any(_trim(cell) for cell in row[width:]):
                problem = f"unexpected values after column {width}"
                return SBIFormatError(file, first_line, problem), rows
            if len(row) > width + EXTRA_COLUMNS:
                problem = f"{len(row)} columns, more than {width + EXTRA_COLUMNS}"
                return SBIFormatError(file, first_line, problem), rows
            for index, ((column, kind), raw) in enumerate(zip(columns, row, strict=False)):
                try:
                    _check_cell(kind, _trim(raw), is_id=index == 0)
                except (ValueError, OverflowError) as exc:
                    problem = f"column {index + 1} ({column}): {exc}"
                    return SBIFormatError(file, first_line, problem), rows
    return None, rows


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
                at = line + _line_ends(chunk[: exc.start])
                raise SBIFormatError(
                    file, at, f"byte 0x{chunk[exc.start]:02x} is not cp1252 text"
                ) from None
            line += _line_ends(chunk)
            out.write(text.encode())
    return nul_bytes


def _line_ends(data: bytes) -> int:
    """Line ends in `data`: CRLF, LF, or CR alone (older exports)."""
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")


def sql_string(text: str) -> str:
    """A SQL string literal (paths and formats put into DuckDB statements)."""
    return "'" + text.replace("'", "''") + "'"


def _columns_sql(columns: list[tuple[str, str]]) -> tuple[list[str], list[tuple[str, str]]]:
    """Typed value expressions, and (problem condition, message) pairs, over raw columns c0..."""
    values, problems = [], []
    for index, (column, kind) in enumerate(columns):
        cell = f"trim(c{index})"
        number = f"TRY_CAST({cell} AS DOUBLE)"
        finite = f"(isfinite({number}) AND abs({number}) < {MAX_ID})"
        if kind == TEXT:
            values.append(f"nullif({cell}, '') AS {column}")
        elif kind == INT:
            values.append(f"CAST({number} AS BIGINT) AS {column}")
            bad = f"({cell} <> '' AND NOT coalesce({finite} AND {number} = trunc({number}), false))"
            if index == 0:
                bad = f"({bad} OR {cell} = '')"
            problems.append((bad, f"column {index + 1} ({column}): not a whole number"))
        elif kind == FLAG:
            values.append(f"{cell} IN ({', '.join(map(sql_string, TRUE_FLAGS))}) AS {column}")
            allowed = ", ".join(map(sql_string, FALSE_FLAGS + TRUE_FLAGS))
            problems.append(
                (f"NOT coalesce({cell} IN ({allowed}), false)", f"column {index + 1}: not a flag")
            )
        elif kind == NUM:
            values.append(f"CASE WHEN {cell} = '' THEN 0.0 ELSE {number} END AS {column}")
            problems.append(
                (f"({cell} <> '' AND NOT coalesce({finite}, false))", f"column {index + 1}")
            )
        else:
            formats = ", ".join(map(sql_string, WHEN_FORMATS))
            when = f"date_trunc('second', try_strptime({cell}, [{formats}]))"
            values.append(f"CAST({when} AS DATE) AS stop_date")
            values.append(
                f"CASE WHEN CAST({when} AS TIME) = TIME '00:00:00' THEN NULL"
                f" ELSE CAST({when} AS TIME) END AS stop_time"
            )
            problems.append(
                (
                    f"NOT coalesce(year({when}) >= {FIRST_YEAR}, false)",
                    f"column {index + 1} ({column}): not a date",
                )
            )
    return values, problems


def empty_table(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Table `name` with no rows, typed as the key says (a file with nothing but blank lines,
    or an optional file the extract lacks)."""
    types = {INT: "BIGINT", TEXT: "VARCHAR", FLAG: "BOOLEAN", NUM: "DOUBLE"}
    parts = []
    for column, kind in TABLES[name][1]:
        if kind == WHEN:
            parts += ["stop_date DATE", "stop_time TIME"]
        else:
            parts.append(f"{column} {types[kind]}")
    con.execute(f"CREATE TABLE {name} ({', '.join(parts)})")


def load_table(
    con: duckdb.DuckDBPyConnection, name: str, source: BinaryIO, *, file: str, work: Path
) -> TableReport:
    """Read one table of the extract into DuckDB table `name`, checked cell by cell.

    The bytes go to UTF-8 (cp1252 text, NUL bytes removed) in a file under `work`, which DuckDB
    reads in parallel; every row is then checked in SQL as the key requires. A row that does
    not fit raises `SBIFormatError` with its line, found by `locate_error`."""
    text_path = work / f"{name}.utf8.txt"
    try:
        nul_bytes = _to_utf8(source, text_path, file=file)
        rows, extra_rows = _checked_table(con, name, text_path, file=file)
    finally:
        text_path.unlink(missing_ok=True)
    return TableReport(name, file, rows, nul_bytes, extra_rows)


def _checked_table(
    con: duckdb.DuckDBPyConnection, name: str, text_path: Path, *, file: str
) -> tuple[int, int]:
    _, columns = TABLES[name]
    width = len(columns)
    total = width + EXTRA_COLUMNS
    raw = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(total))
    values, problems = _columns_sql(columns)
    extra = " OR ".join(f"coalesce(trim(c{i}), '') <> ''" for i in range(width, total))
    # A row counts when any cell, extra ones included, holds something.
    any_column = " OR ".join(f"coalesce(trim(c{i}), '') <> ''" for i in range(total))
    checks = [
        (f"c{width - 1} IS NULL", "too few columns"),
        (extra, f"unexpected values after column {width}"),
        *problems,
    ]
    bad = " OR ".join(f"({cond})" for cond, _ in checks)

    def source_sql(parallel: bool) -> str:
        return (
            f"read_csv({sql_string(str(text_path))}, delim='\t', quote='\"', escape='\"',"
            f" header=false, columns={{{raw}}}, null_padding=true, auto_detect=false,"
            f" nullstr={sql_string(NULL_TEXT)}, parallel={str(parallel).lower()})"
        )

    # Two passes over the text, which DuckDB reads fast: the checks first (counting, nothing
    # kept), then the typed table, written once the whole file is known to fit the key. DuckDB's
    # parallel reader refuses quoted fields that span lines; the single-threaded one reads them.
    for parallel in (True, False):
        try:
            rows, extra_rows, bad_rows = con.execute(
                f"SELECT count(*), count(*) FILTER (c{width} IS NOT NULL),"
                f" count(*) FILTER ({bad}) FROM {source_sql(parallel)} WHERE {any_column}"
            ).fetchone()
            if not bad_rows:
                con.execute(
                    f"CREATE TABLE {name} AS SELECT {', '.join(values)}"
                    f" FROM {source_sql(parallel)} WHERE {any_column}"
                )
            break
        except duckdb.Error as exc:
            if parallel:
                continue
            found, seen = locate_error(name, text_path, file=file)
            if found is None and seen == 0:  # nothing but blank lines
                empty_table(con, name)
                return 0, 0
            problem = str(exc).splitlines()[0]
            raise found or SBIFormatError(file, 0, f"unreadable: {problem}") from None
    if bad_rows:
        found, _ = locate_error(name, text_path, file=file)
        if found is None:  # the SQL and the line reader disagree: name the checks at least
            failed = con.execute(
                f"SELECT {', '.join(f'bool_or({cond})' for cond, _ in checks)}"
                f" FROM {source_sql(False)} WHERE {any_column}"
            ).fetchone()
            reasons = "; ".join(msg for (_, msg), hit in zip(checks, failed, strict=True) if hit)
            found = SBIFormatError(file, 0, f"{bad_rows} rows do not fit the key ({reasons})")
        raise found
    return rows, extra_rows


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
