"""The typed rows the reader produces."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class ListKind(StrEnum):
    PARTICIPATING = "participating"
    PENDING = "pending"


class SupportModel(StrEnum):
    """ICE's three 287(g) support types."""

    JEM = "JEM"  # Jail Enforcement Model
    WSO = "WSO"  # Warrant Service Officer
    TFM = "TFM"  # Task Force Model


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """One data row: every cell as printed (`cells`, `links`) next to its normalized reading."""

    row: int  # the row number in the sheet; the header row is 1
    cells: dict[str, str | None]  # header as printed -> cell text as printed (None when empty)
    links: dict[str, str]  # header as printed -> hyperlink target, only for cells that have one
    state: str | None
    agency: str | None
    agency_type: str | None
    county: str | None
    model: SupportModel | None
    signed: dt.date | None
    moa_url: str | None
    moa_pending: bool
    addendum_url: str | None
    addendum_pending: bool

    @property
    def key(self) -> tuple[str | None, str | None, str | None]:
        """What identifies a listing within one list: state, agency name and model."""
        return (self.state, self.agency.casefold() if self.agency else None, self.model)


@dataclass(slots=True)
class ParsedSheet:
    list_kind: ListKind
    sheet_name: str
    headers: list[str]  # the header row as printed (stripped), empty trailing cells dropped
    rows: list[ParsedRow]
    # canonical column ("state", "agency", "moa" …) -> its header as printed in this sheet
    columns: dict[str, str] = field(default_factory=dict)
    blank_rows_skipped: int = 0
    # (row, earlier row): rows that list the same state, agency and model as an earlier row
    duplicates: list[tuple[int, int]] = field(default_factory=list)
    # Things a curator may want to look at: unknown states, unreadable dates, unknown support types.
    warnings: list[str] = field(default_factory=list)

    @property
    def latest_signed(self) -> dt.date | None:
        dates = [r.signed for r in self.rows if r.signed]
        return max(dates) if dates else None
