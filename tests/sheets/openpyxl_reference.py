"""The reader as it was until calamine replaced openpyxl: the reference the new reader must match.

This is deputized/sheets/reader.py of 2026-12 (openpyxl loads the workbook; `parse_rows` is the
normalization of that time), kept unchanged but for its names. test_reader_parity.py reads every
real workbook, and built ones, with both and requires identical results. openpyxl is a development
dependency only.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings as pywarnings
import zipfile
from pathlib import Path
from typing import BinaryIO

import openpyxl

from deputized.sheets import links, normalize
from deputized.sheets.columns import ColumnMap, map_columns
from deputized.sheets.errors import NotAnIceList, UnreadableWorkbook
from deputized.sheets.types import ParsedRow, ParsedSheet

# ICE's header is in row 1; a few rows of grace costs nothing and survives a title row.
_HEADER_SEARCH_ROWS = 5


def _cell_text(value: object) -> str | None:
    """A cell's value as text, the way the raw layer keeps it."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if text.strip() else None


def load_first_sheet(
    source: str | Path | bytes | BinaryIO,
) -> tuple[str, list[list[tuple[object, str | None]]]]:
    """The first worksheet's name and its cells as (value, hyperlink target) pairs, row by row.

    This is the bare read that every later step builds on (the benchmark times it alone).
    """
    stream: BinaryIO | str | Path
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with pywarnings.catch_warnings():
            # openpyxl warns about data validation and default styles it does not keep.
            pywarnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(stream, data_only=True)
    except zipfile.BadZipFile as exc:
        raise UnreadableWorkbook(f"not an xlsx workbook, or a truncated one ({exc})") from exc
    except (KeyError, ValueError, TypeError, OSError, EOFError, IndexError, AttributeError) as exc:
        raise UnreadableWorkbook(f"corrupt workbook: {type(exc).__name__}: {exc}") from exc
    except Exception as exc:  # openpyxl and its XML parser raise many types on broken input
        raise UnreadableWorkbook(f"corrupt workbook: {type(exc).__name__}: {exc}") from exc
    try:
        if not workbook.worksheets:
            raise NotAnIceList("the workbook has no worksheet")
        sheet = workbook.worksheets[0]
        rows = [
            [(cell.value, cell.hyperlink.target if cell.hyperlink else None) for cell in row]
            for row in sheet.iter_rows()
        ]
        return sheet.title, rows
    finally:
        workbook.close()


def _find_header(rows: list[list[tuple[object, str | None]]]) -> tuple[int, ColumnMap]:
    error: NotAnIceList | None = None
    for index, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        try:
            return index, map_columns([value for value, _ in row])
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


def parse_rows(rows: list[list[tuple[object, str | None]]], sheet_name: str) -> ParsedSheet:
    """Normalize the cells of a first sheet (as `load_first_sheet` returns them)."""
    header_index, columns = _find_header(rows)
    headers = columns.headers
    pos = columns.positions
    parsed = ParsedSheet(
        list_kind=columns.list_kind,
        sheet_name=sheet_name,
        headers=headers,
        rows=[],
        columns={column: headers[index] for column, index in pos.items()},
    )
    seen: dict[tuple[str | None, str | None, str | None], int] = {}
    width = len(headers)

    def raw(row: list[tuple[object, str | None]], column: str) -> tuple[object, str | None]:
        index = pos.get(column)
        if index is None or index >= len(row):
            return None, None
        return row[index]

    for offset, row in enumerate(rows[header_index + 1 :]):
        number = header_index + 2 + offset
        texts = [_cell_text(value) for value, _ in row]
        if not any(texts[:width]):
            # Blank under every header: padding, or a note typed to the right of the table.
            notes = [t for t in texts[width:] if t]
            if notes:
                parsed.warnings.append(f"row {number}: text outside the table skipped: {notes!r}")
            parsed.blank_rows_skipped += 1
            continue
        cells = {headers[i] or f"column {i + 1}": texts[i] for i in range(min(width, len(texts)))}
        for i, text in enumerate(texts[width:], start=width):
            if text:
                cells[f"column {i + 1}"] = text
        row_links = {
            headers[i] if i < width and headers[i] else f"column {i + 1}": links.redact_mailbox(
                target
            )
            for i, (_, target) in enumerate(row)
            if target
        }

        state_value, _ = raw(row, "state")
        state = normalize.state_code(_cell_text(state_value))
        if state is None and _cell_text(state_value):
            parsed.warnings.append(f"row {number}: unknown state {_cell_text(state_value)!r}")
        signed_value, _ = raw(row, "signed")
        signed = normalize.parse_date(signed_value)
        if signed is None and _cell_text(signed_value):
            parsed.warnings.append(f"row {number}: unreadable SIGNED {_cell_text(signed_value)!r}")
        model_text = _cell_text(raw(row, "support_type")[0])
        model = normalize.support_model(model_text)
        if model is None and normalize.clean_text(model_text):
            parsed.warnings.append(f"row {number}: unknown SUPPORT TYPE {model_text!r}")
        moa_text, moa_target = raw(row, "moa")
        moa_url, moa_pending = _link_column(_cell_text(moa_text), moa_target)
        add_text, add_target = raw(row, "addendum")
        addendum_url, addendum_pending = _link_column(_cell_text(add_text), add_target)

        item = ParsedRow(
            row=number,
            cells=cells,
            links=row_links,
            state=state,
            agency=normalize.clean_text(_cell_text(raw(row, "agency")[0])),
            agency_type=normalize.agency_type(_cell_text(raw(row, "agency_type")[0])),
            county=normalize.county_name(_cell_text(raw(row, "county")[0])),
            model=model,
            signed=signed,
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
    sheet_name, rows = load_first_sheet(source)
    if not rows:
        raise NotAnIceList("the first sheet is empty")
    return parse_rows(rows, sheet_name)
