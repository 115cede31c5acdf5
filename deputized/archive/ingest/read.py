"""Stage 2: hash each file and, for bytes the archive has not stored yet, read it."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from deputized.archive.ingest.values import SheetValues, sheet_values
from deputized.bulk import collector_paused
from deputized.sheets import SheetError, read_workbook
from deputized.sheets.filenames import IceFileName, clean_file_name, parse_file_name

# Refuse before reading anything absurdly large: ICE's biggest file is under 1 MB.
MAX_BYTES = 50 * 1024 * 1024


@dataclass(slots=True)
class Candidate:
    """One file to ingest: its bytes and, once read, its parsed sheet or why it was refused."""

    source: str  # a path or a URL
    name: IceFileName
    content: bytes
    sha256: str
    seen_on: dt.date | None = None  # the day it was fetched live; None for archive files
    parsed: SheetValues | None = None  # the sheet read, as the archive will store it
    error: str = ""


def candidate_from_bytes(
    *, content: bytes, file_name: str, source: str, seen_on: dt.date | None = None
) -> Candidate:
    # The name is stored and served back in a header: cleaned here whatever its origin (the
    # fetch refuses a name that cleans to nothing; a file on disk always has one).
    return Candidate(
        source=source,
        name=parse_file_name(clean_file_name(file_name) or "unnamed.xlsx"),
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        seen_on=seen_on,
    )


def _parse(content: bytes) -> tuple[SheetValues | None, str]:
    if len(content) > MAX_BYTES:
        return None, f"file is {len(content) // (1024 * 1024)} MB, larger than any ICE list"
    try:
        # A workbook's cells and rows all live until it is read: nothing for the collector.
        with collector_paused():
            return sheet_values(read_workbook(content)), ""
    except SheetError as exc:
        return None, str(exc)


def parse_all(candidates: Iterable[Candidate], *, workers: int = 1) -> Iterator[Candidate]:
    """Read each candidate's workbook, in worker processes when `workers` > 1 (reading is CPU-bound
    and pure, so it parallelizes; the database writes stay in this process)."""
    items = list(candidates)
    if workers <= 1 or len(items) < 4:
        for item in items:
            item.parsed, item.error = _parse(item.content)
            yield item
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for item, (parsed, error) in zip(
            items, pool.map(_parse, (i.content for i in items), chunksize=4), strict=True
        ):
            item.parsed, item.error = parsed, error
            yield item
