"""Reading one ICE workbook (any era, including the converted pre-2025 rosters) into typed rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

from deputized.sheets import links, normalize
from deputized.sheets.columns import ColumnMap, map_columns
from deputized.sheets.errors import NotAnIceList
from deputized.sheets.grid import SheetGrid, load_first_sheet
from deputized.sheets.types import ListKind, ParsedRow, ParsedSheet

# ICE's header is in row 1; a few rows of grace costs nothing and survives a title row.
_HEADER_SEARCH_ROWS = 5
# Below this, a float holding an integer is exactly the integer Excel wrote.
_EXACT_INTEGERS = 2.0**53
_MIDNIGHT = dt.time()


def _cell_text(value: object) -> str | None:
    """A cell's value as text, the way the raw layer keeps it."""
    if value.__class__ is str:
        # Most cells: text, or "" for an empty cell. isspace() is strip()'s test, without a copy.
        return value if value and not value.isspace() else None  # type: ignore[return-value]
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == _MIDNIGHT else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if text.strip() else None


def _as_openpyxl_gave(value: object) -> object:
    """A header cell as openpyxl typed it, since the header is read with str(): an integer was an
    int (calamine gives a float) and a date a datetime (calamine gives a date at midnight)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < _EXACT_INTEGERS:
        return int(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, _MIDNIGHT)
    return value


def _find_header(rows: list[list[object]]) -> tuple[int, ColumnMap]:
    error: NotAnIceList | None = None
    for index, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        try:
            return index, map_columns([_as_openpyxl_gave(value) for value in row])
        except NotAnIceList as exc:
            error = error or exc
    raise error or NotAnIceList("the first sheet is empty")


def _link_column(text: str | None, target: str | None) -> tuple[str | None, bool]:
    """An MOA/ADDENDUM cell -> (url, pending). The URL is in the hyperlink; the text says `link`."""
    if target:
        return links.clean_url(target), False
    if links.is_link_pending(text):
        return None, True
    if links.looks_like_url(text):  # a raw URL typed into the cell instead of a hyperlink
        # `www.ice.gov/…` lacks a scheme; `https:/www…` has one (clean_url repairs the slash).
        bare = (text or "").strip().lower().startswith("www.")
        return links.clean_url(f"https://{text.strip()}" if bare else text), False
    return None, False


def parse_rows(grid: SheetGrid) -> ParsedSheet:
    """Normalize the cells of a first sheet (as `load_first_sheet` returns them)."""
    rows = grid.rows
    header_index, columns = _find_header(rows)
    headers = columns.headers
    pos = columns.positions
    parsed = ParsedSheet(
        list_kind=columns.list_kind,
        sheet_name=grid.name,
        headers=headers,
        rows=[],
        columns={column: headers[index] for column, index in pos.items()},
    )
    seen: dict[tuple[str | None, str | None, str | None], int] = {}
    width = len(headers)
    names = [header or f"column {i + 1}" for i, header in enumerate(headers)]
    padding = [None] * width
    no_links: dict[int, str] = {}
    # Each canonical column's index, or -1 when the sheet lacks it: the empty cell added last.
    state, agency, agency_type, county, support, signed, moa, addendum = (
        pos.get(column, -1)
        for column in (
            "state",
            "agency",
            "agency_type",
            "county",
            "support_type",
            "signed",
            "moa",
            "addendum",
        )
    )

    for number, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        texts = [_cell_text(value) for value in row]
        if len(texts) < width:
            texts.extend(padding[: width - len(texts)])
        texts.append(None)  # texts[-1]: the cell of a column this sheet lacks
        if not any(texts[:width]):
            # Blank under every header: padding, or a note typed to the right of the table.
            notes = [t for t in texts[width:] if t]
            if notes:
                parsed.warnings.append(f"row {number}: text outside the table skipped: {notes!r}")
            parsed.blank_rows_skipped += 1
            continue
        cells = dict(zip(names, texts, strict=False))
        for i in range(width, len(texts)):
            if texts[i]:
                cells[f"column {i + 1}"] = texts[i]
        targets = grid.links.get(number - 1, no_links)
        row_links = {
            names[i] if i < width else f"column {i + 1}": links.redact_mailbox(targets[i])
            for i in sorted(targets)
            if targets[i]
        }

        state_text = texts[state]
        state_code = normalize.state_code(state_text)
        if state_code is None and state_text:
            parsed.warnings.append(f"row {number}: unknown state {state_text!r}")
        signed_value = row[signed] if 0 <= signed < len(row) else None
        signed_date = normalize.parse_date(signed_value)
        if signed_date is None and texts[signed]:
            parsed.warnings.append(f"row {number}: unreadable SIGNED {texts[signed]!r}")
        model_text = texts[support]
        model = normalize.support_model(model_text)
        if model is None and normalize.clean_text(model_text):
            parsed.warnings.append(f"row {number}: unknown SUPPORT TYPE {model_text!r}")
        moa_url, moa_pending = _link_column(texts[moa], targets.get(moa))
        addendum_url, addendum_pending = _link_column(texts[addendum], targets.get(addendum))

        item = ParsedRow(
            row=number,
            cells=cells,
            links=row_links,
            state=state_code,
            agency=normalize.clean_text(texts[agency]),
            agency_type=normalize.agency_type(texts[agency_type]),
            county=normalize.county_name(texts[county]),
            model=model,
            signed=signed_date,
            moa_url=moa_url,
            moa_pending=moa_pending,
            addendum_url=addendum_url,
            addendum_pending=addendum_pending,
        )
        if item.key in seen:
            parsed.duplicates.append((number, seen[item.key]))
        else:
            seen[item.key] = number
        parsed.rows.append(item)
    return parsed


def read_workbook(source: str | Path | bytes | BinaryIO) -> ParsedSheet:
    """Read the first sheet of one ICE 287(g) workbook.

    Steps: load the cells and hyperlinks of the first worksheet (other sheets, such as ICE's own
    pivot, are ignored); find the header row and decide the list kind from it; skip rows that are
    entirely blank; normalize every cell, keeping the text as printed beside it; report exact
    duplicate rows. Raises UnreadableWorkbook or NotAnIceList with a message naming the problem.
    """
    grid = load_first_sheet(source)
    if not grid.rows:
        raise NotAnIceList("the first sheet is empty")
    return parse_rows(grid)


__all__ = ["ListKind", "load_first_sheet", "parse_rows", "read_workbook"]
