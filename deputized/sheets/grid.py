"""The first worksheet's cells and hyperlinks, as openpyxl gave them, read with calamine.

calamine (Rust) reads the values about twenty times faster than openpyxl did. The rest of what
openpyxl made of a sheet is rebuilt here from the sheet's own XML (`sheetxml.py`) and its
relationships, with openpyxl's rules:
- a formula-error cell holds the text ICE printed (`#N/A`), not nothing;
- the sheet runs down to its last cell element, even an empty formatted one (ICE's padding);
- a hyperlink belongs to its cell, or to every cell of its range; its target is the relationship's;
  a hyperlink on an empty cell also becomes that cell's value;
- in a merged range only the top-left cell keeps a value or a hyperlink;
- a comment's cell exists, so it can extend the sheet too.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from python_calamine import CalamineWorkbook

from deputized.sheets import limits
from deputized.sheets.errors import UnreadableWorkbook
from deputized.sheets.package import Package, open_package
from deputized.sheets.relationships import (
    MAIN,
    RELATIONSHIP_ID,
    FirstSheet,
    Relationship,
    first_worksheet,
)
from deputized.sheets.sheetxml import SheetLayout, cell_position, check_extent, scan_sheet
from deputized.sheets.xmlparts import element_attributes

_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
# Range hyperlinks and merged ranges, added up, may cover at most the largest sheet allowed.
_MAX_COVERED = limits.MAX_ROWS * limits.MAX_COLUMNS


@dataclass(frozen=True, slots=True)
class SheetGrid:
    """The first worksheet: its name, its values row by row, and its hyperlinks."""

    name: str
    # Row 1 first, to the sheet's last row; a row stops at its last cell holding anything. An
    # empty cell is "" (calamine) or None. Types as calamine gives them: str, float, bool,
    # datetime.date (a date at midnight), datetime.datetime, datetime.time, datetime.timedelta.
    rows: list[list[object]]
    # row index -> column index -> hyperlink target (both 0-based), for the cells that have one
    links: dict[int, dict[int, str]] = field(default_factory=dict)


def _source_bytes(source: str | Path | bytes | BinaryIO) -> bytes:
    if isinstance(source, bytes):
        return source
    try:
        if isinstance(source, str | os.PathLike):
            size = os.stat(source).st_size
            if size > limits.MAX_FILE_BYTES:
                return b"\0" * (limits.MAX_FILE_BYTES + 1)  # refused by size in open_package
            return Path(source).read_bytes()
        return source.read(limits.MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UnreadableWorkbook(f"cannot read the file ({exc})") from exc


def _calamine_values(package: Package, name: str) -> list[list[object]]:
    try:
        with CalamineWorkbook.from_object(io.BytesIO(package.stored_copy())) as workbook:
            return workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises its own errors, and others, on broken input
        raise UnreadableWorkbook(f"corrupt workbook: {type(exc).__name__}: {exc}") from exc


def _bounds(reference: str, what: str, part: str) -> tuple[int, int, int, int]:
    """ "A1:B3" or "A1" -> (first row, first column, last row, last column), within the limits."""
    first, _, last = reference.partition(":")
    top, left = cell_position(first, part)
    bottom, right = cell_position(last, part) if last else (top, left)
    top, bottom = min(top, bottom), max(top, bottom)
    left, right = min(left, right), max(left, right)
    check_extent(bottom, right, what, part)
    return top, left, bottom, right


def _cells(bounds: tuple[int, int, int, int]) -> Iterator[tuple[int, int]]:
    top, left, bottom, right = bounds
    for row in range(top, bottom + 1):
        for column in range(left, right + 1):
            yield row, column


class _Builder:
    """Applies openpyxl's rules to calamine's values, in openpyxl's order."""

    def __init__(self, rows: list[list[object]], part: str) -> None:
        self.rows = rows
        self.part = part
        self.links: dict[int, dict[int, str]] = {}
        self.last_row = 0  # the last row a hyperlink, merge or comment made exist
        self.covered = 0
        self.merged_over: set[tuple[int, int]] = set()  # cells of a merge but its top-left
        self.merge_of: dict[tuple[int, int], tuple[int, int]] = {}  # such cell -> its top-left

    def _cover(self, bounds: tuple[int, int, int, int], what: str) -> None:
        top, left, bottom, right = bounds
        self.covered += (bottom - top + 1) * (right - left + 1)
        if self.covered > _MAX_COVERED:
            raise UnreadableWorkbook(f"{self.part}: {what} cover too many cells; refused unread")
        self.last_row = max(self.last_row, bottom)

    def value(self, row: int, column: int) -> object:
        if row > len(self.rows) or column > len(self.rows[row - 1]):
            return None
        return self.rows[row - 1][column - 1]

    def set_value(self, row: int, column: int, value: object) -> None:
        while len(self.rows) < row:
            self.rows.append([])
        cells = self.rows[row - 1]
        if len(cells) < column:
            cells.extend([""] * (column - len(cells)))
        cells[column - 1] = value

    def errors(self, errors: dict[tuple[int, int], str]) -> None:
        for (row, column), text in errors.items():
            self.set_value(row, column, text)

    def merges(self, references: list[str]) -> None:
        for reference in references:
            bounds = _bounds(reference, "a merged range", self.part)
            self._cover(bounds, "merged ranges")
            top_left = bounds[:2]
            for cell in _cells(bounds):
                if cell != top_left:
                    self.merged_over.add(cell)
                    self.merge_of[cell] = top_left
                    if self.value(*cell) not in (None, ""):
                        self.set_value(*cell, None)

    def _link(self, cell: tuple[int, int], target: str | None, location: str | None) -> None:
        row, column = cell
        self.last_row = max(self.last_row, row)
        if target:
            self.links.setdefault(row - 1, {})[column - 1] = target
        else:
            self.links.get(row - 1, {}).pop(column - 1, None)
        if self.value(row, column) in (None, "") and (target or location):
            self.set_value(row, column, target or location)

    def hyperlinks(self, hyperlinks: list[dict[str, str]], rels: list[Relationship]) -> None:
        by_id: dict[str | None, Relationship] = {}
        for rel in rels:
            by_id.setdefault(rel.id, rel)  # openpyxl takes the first relationship of an id
        for attributes in hyperlinks:
            reference = attributes.get("ref")
            if not reference:
                raise UnreadableWorkbook(
                    f"corrupt workbook: a hyperlink in {self.part} has no cell"
                )
            target = None
            rel_id = attributes.get(RELATIONSHIP_ID)
            if rel_id:
                rel = by_id.get(rel_id)
                if rel is None:
                    raise UnreadableWorkbook(
                        f"corrupt workbook: hyperlink {reference} in {self.part} points to a "
                        f"missing relationship {rel_id}"
                    )
                target = rel.target
            location = attributes.get("location")
            bounds = _bounds(reference, "a hyperlink", self.part)
            if ":" in reference:
                self._cover(bounds, "hyperlinks")
                for cell in _cells(bounds):
                    if cell not in self.merged_over:  # a merged-over cell takes no hyperlink
                        self._link(cell, target, location)
            else:
                cell = bounds[:2]
                self._link(self.merge_of.get(cell, cell), target, location)

    def comments(self, package: Package, rels: list[Relationship]) -> None:
        for rel in rels:
            if rel.type != _COMMENTS:
                continue
            for attributes in element_attributes(
                package.read(rel.target), rel.target, f"{{{MAIN}}}comment"
            ):
                bounds = _bounds(attributes.get("ref", ""), "a comment", rel.target)
                self._cover(bounds, "comments")


def _build(package: Package, sheet: FirstSheet, layout: SheetLayout) -> SheetGrid:
    builder = _Builder(_calamine_values(package, sheet.name), sheet.part)
    builder.errors(layout.errors)
    builder.merges(layout.merged)
    builder.hyperlinks(layout.hyperlinks, sheet.relationships)
    builder.comments(package, sheet.relationships)
    last_row = max(layout.max_row, builder.last_row)
    rows = builder.rows
    # openpyxl read down to the last cell that exists (ICE pads its sheets with formatted rows);
    # calamine stops at the last value. A sheet without any cell has no row at all.
    rows.extend([] for _ in range(last_row - len(rows)))
    return SheetGrid(sheet.name, rows if last_row else [], builder.links)


def load_first_sheet(source: str | Path | bytes | BinaryIO) -> SheetGrid:
    """The first worksheet's values and hyperlinks. Raises UnreadableWorkbook or NotAnIceList."""
    package = open_package(_source_bytes(source))
    sheet = first_worksheet(package)
    layout = scan_sheet(package.read(sheet.part), sheet.part)
    return _build(package, sheet, layout)
