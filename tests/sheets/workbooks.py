"""Small ICE-like workbooks built in memory, and where the real ICE workbooks live.

The fixtures are built with openpyxl at test time (nothing binary is committed), the way ICE's
files look: header in row 1, MOA links as cell hyperlinks whose text says `link`.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

# tests/sheets/workbooks.py -> /work/main -> /work/shared
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
ICE_DATA = SHARED / "data" / "ice"
SNAPSHOTS = ICE_DATA / "snapshots"
COUNTS_CSV = ICE_DATA / "snapshot_counts.csv"
MANIFEST_CSV = ICE_DATA / "MANIFEST.csv"
MISSING_SHARED = (
    f"the real ICE workbooks are missing: expected {COUNTS_CSV}, {MANIFEST_CSV} and the xlsx "
    f"files in {SNAPSHOTS} (shared/ sits next to the repository)"
)


def real_workbook(name: str) -> Path:
    """A file in shared/data/ice/snapshots; fails the test (never skips) when it is missing."""
    path = SNAPSHOTS / name
    if not path.is_file():
        pytest.fail(f"{MISSING_SHARED}; missing: {path}")
    return path


# ICE's headers by period (ice-sheets.md §1).
HEADER_2025_03 = ["STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "SUPPORT TYPE", "SIGNED", "MOA"]
HEADER_2025_04 = [
    "STATE",
    "LAW ENFORCEMENT AGENCY",
    "TYPE",
    "COUNTY",
    "SUPPORT TYPE",
    "SIGNED",
    "MOA",
]
HEADER_2025_07 = [*HEADER_2025_04, "ADDENDUM"]
HEADER_PENDING = ["STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE"]
HEADER_PENDING_2026 = [*HEADER_PENDING, "MOA"]
HEADER_WAYBACK = ["STATE", "LAW ENFORCEMENT AGENCY", "SUPPORT TYPE", "SIGNED", "MOA"]

ICE_MOA = "https://www.ice.gov/doclib/287gMOA/287gWSO_CatawbaCoSONC_06-11-2025.pdf"
SAFELINK = (
    "https://gcc02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.ice.gov%2Fdoclib"
    "%2F287gMOA%2F287gJEM_PersonCoSONC_02-10-2026.pdf&data=05%7C02%7Cjane.doe%40ice.dhs.gov"
    "%7C1f2e3d4c5b6a%7C0%7C0%7C638765432109876543%7CUnknown&sdata=AbCdEf%3D&reserved=0"
)


def make_workbook(
    header: Sequence[object] | None,
    rows: Iterable[Sequence[object]] = (),
    *,
    hyperlinks: Mapping[str, str] | None = None,
    extra_sheets: Mapping[str, Sequence[Sequence[object]]] | None = None,
    title: str = "Sheet1",
    used_range_to: str | None = None,
) -> bytes:
    """An xlsx file as bytes.

    header: row 1 (None for a sheet without one); rows: the rows below it, in order (a row of
    Nones or blanks is a padding row); hyperlinks: cell coordinate ("G2") -> hyperlink target,
    set on whatever text that cell holds; extra_sheets: title -> rows, added after the first
    sheet; used_range_to: a coordinate ("M40") given a styled empty cell, so the sheet's used
    range runs wider and taller than its data, as ICE's do.
    """
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    if header is not None:
        sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))  # an empty row still takes its row number
    for coordinate, target in (hyperlinks or {}).items():
        sheet[coordinate].hyperlink = target
    if used_range_to:
        sheet[used_range_to].font = Font(italic=True)
    for name, sheet_rows in (extra_sheets or {}).items():
        other = workbook.create_sheet(name)
        for row in sheet_rows:
            other.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
