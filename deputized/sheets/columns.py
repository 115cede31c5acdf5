"""Recognizing ICE's header row, whatever the era, and deciding which list a sheet is.

The list kind comes from the headers, never from the file name: on 2025-09-22 ICE served the pending
list under the participating list's name. A participating list has a SIGNED column; a pending one
does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from deputized.sheets.errors import NotAnIceList
from deputized.sheets.types import ListKind

# Canonical column -> header spellings seen (compared after upper-casing and collapsing spaces).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "state": ("STATE",),
    "agency": ("LAW ENFORCEMENT AGENCY", "AGENCY", "LAW ENFORCEMENT AGENCY NAME"),
    "agency_type": ("TYPE", "AGENCY TYPE"),
    "county": ("COUNTY",),
    "support_type": ("SUPPORT TYPE", "MODEL", "SUPPORT MODEL"),
    "signed": ("SIGNED", "DATE SIGNED", "SIGNED DATE"),
    "moa": ("MOA",),
    "addendum": ("ADDENDUM",),
}
REQUIRED = ("state", "agency", "support_type")
_LOOKUP = {alias: column for column, aliases in HEADER_ALIASES.items() for alias in aliases}


def _normalize_header(value: object) -> str:
    return re.sub(r"\s+", " ", str(value)).strip().upper() if value is not None else ""


@dataclass(frozen=True, slots=True)
class ColumnMap:
    list_kind: ListKind
    positions: dict[str, int]  # canonical column -> 0-based index
    headers: list[str]  # as printed, stripped; trailing empty cells dropped


def map_columns(header_cells: list[object]) -> ColumnMap:
    """Map a header row to canonical columns; raise NotAnIceList when it is not ICE's."""
    headers = [str(v).strip() if v is not None else "" for v in header_cells]
    while headers and not headers[-1]:
        headers.pop()
    positions: dict[str, int] = {}
    for index, header in enumerate(headers):
        column = _LOOKUP.get(_normalize_header(header))
        if column and column not in positions:
            positions[column] = index
    missing = [c for c in REQUIRED if c not in positions]
    if missing:
        expected = ", ".join(HEADER_ALIASES[c][0] for c in missing)
        shown = ", ".join(h for h in headers if h) or "(empty)"
        raise NotAnIceList(
            f"the first sheet's header row lacks {expected}; it reads: {shown[:200]}"
        )
    kind = ListKind.PARTICIPATING if "signed" in positions else ListKind.PENDING
    return ColumnMap(list_kind=kind, positions=positions, headers=headers)
