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
import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyarrow as pa


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
ARROW = {INT: pa.int64(), TEXT: pa.string(), FLAG: pa.bool_(), NUM: pa.float64()}


@dataclass
class ParsedTable:
    name: str
    table: pa.Table
    rows: int
    nul_bytes: int
    extra_column_rows: int
    missing_times: int = 0


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


def parse_table(name: str, data: bytes, *, file: str | None = None) -> ParsedTable:
    """Parse one table's bytes into an Arrow table (local times, no zone: Eastern)."""
    filename, columns = TABLES[name]
    file = file or filename
    nul_bytes = data.count(b"\x00")
    text = data.replace(b"\x00", b"").decode("cp1252", errors="strict")
    width = len(columns)
    values: list[list] = [[] for _ in columns]
    times: list = []
    extra = missing_times = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quotechar='"')
    for line_no, row in enumerate(reader, start=1):
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) < width:
            raise SBIFormatError(file, line_no, f"{len(row)} columns, expected {width}")
        if len(row) > width:
            if any(cell.strip() for cell in row[width:]):
                raise SBIFormatError(file, line_no, f"unexpected values after column {width}")
            extra += 1
        for index, ((column, kind), raw) in enumerate(zip(columns, row, strict=False)):
            cell = raw.strip()
            try:
                if kind == TEXT:
                    value = cell or None
                elif kind == INT:
                    value = _integer(cell)
                    if value is None and index == 0:
                        raise ValueError("empty id")
                elif kind == FLAG:
                    value = _flag(cell)
                elif kind == NUM:
                    value = _number(cell)
                else:
                    value = _when(cell)
                    if value.hour == 0 and value.minute == 0 and value.second == 0:
                        missing_times += 1
                        times.append(None)
                    else:
                        times.append(value.time())
            except ValueError as exc:
                raise SBIFormatError(
                    file, line_no, f"column {index + 1} ({column}): {exc}"
                ) from None
            values[index].append(value)
    arrays, names = [], []
    for (column, kind), column_values in zip(columns, values, strict=True):
        if kind == WHEN:
            arrays.append(pa.array([v.date() for v in column_values], pa.date32()))
            names.append("stop_date")
            arrays.append(pa.array(times, pa.time32("s")))
            names.append("stop_time")
        else:
            arrays.append(pa.array(column_values, ARROW[kind]))
            names.append(column)
    table = pa.Table.from_arrays(arrays, names=names)
    return ParsedTable(name, table, table.num_rows, nul_bytes, extra, missing_times)


def read_extract(path: Path) -> dict[str, ParsedTable]:
    """Every table of the extract at `path` (a zip, or a folder of its .txt files)."""
    found: dict[str, tuple[str, bytes]] = {}
    wanted = {filename.lower(): name for name, (filename, _) in TABLES.items()}
    if path.is_dir():
        for child in sorted(path.iterdir()):
            if child.name.lower() in wanted:
                found[wanted[child.name.lower()]] = (child.name, child.read_bytes())
    elif zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                base = info.filename.rsplit("/", 1)[-1].lower()
                if base in wanted:
                    found[wanted[base]] = (f"{path.name}:{info.filename}", archive.read(info))
    else:
        raise StopsIngestError(f"{path}: neither a zip nor a folder of the SBI extract's files")
    missing = [TABLES[name][0] for name in REQUIRED if name not in found]
    if missing:
        raise StopsIngestError(f"{path}: missing {', '.join(missing)}")
    return {name: parse_table(name, data, file=file) for name, (file, data) in found.items()}
