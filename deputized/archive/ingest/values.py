"""A parsed sheet as the archive stores it: its metadata and each row's values, ready to write.

Built where the workbook is read, in the worker processes (no Django here): what crosses back to
the main process is plain tuples, cheap to pickle, rather than a `ParsedRow` per row, which the
main process would spend longer unpickling (a frozen dataclass is rebuilt field by field) than
writing. The main process then only adds the publication's id and writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from deputized.sheets import ParsedRow, ParsedSheet, SupportModel

# ICE's usual columns -> the `SheetRow` field keeping the cell as printed.
RAW_FIELDS = {
    "state": "state_raw",
    "agency": "agency_raw",
    "agency_type": "agency_type_raw",
    "county": "county_raw",
    "support_type": "support_type_raw",
    "signed": "signed_raw",
    "moa": "moa_raw",
    "addendum": "addendum_raw",
}
_LINK_FIELDS = {"moa": "moa_link_raw", "addendum": "addendum_link_raw"}
# Where each raw field sits among a row's raw values.
_RAW_INDEX = {name: i for i, name in enumerate((*RAW_FIELDS.values(), *_LINK_FIELDS.values()))}
_MODEL_TEXT = {model: model.value for model in SupportModel}

# SheetRow's fields in the order of a row's values: every field but the id and the publication.
ROW_FIELDS = (
    "row",
    *_RAW_INDEX,
    "extra_raw",
    "state",
    "agency",
    "agency_type",
    "county",
    "model",
    "signed",
    "moa_url",
    "moa_pending",
    "addendum_url",
    "addendum_pending",
    "repeats_row",
)


@dataclass(frozen=True, slots=True)
class SheetValues:
    """What the archive keeps of one parsed workbook."""

    list_kind: str
    sheet_name: str
    headers: list[str]
    blank_rows_skipped: int
    duplicates: list[tuple[int, int]]  # (row, earlier row listing the same state, agency, model)
    warnings: list[str]
    signing_dates: tuple[dt.date, ...]  # every SIGNED date read, for dating the publication
    rows: list[tuple[object, ...]]  # each row's values, in the order of ROW_FIELDS

    @property
    def latest_signed(self) -> dt.date | None:
        return max(self.signing_dates, default=None)


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where a sheet's headers go, worked out once per sheet rather than once per row."""

    cells: dict[str, int]  # header as printed -> index of its raw field; others go to extra_raw
    links: dict[str, int]  # header of the MOA / ADDENDUM column -> index of its link field


def _layout(sheet: ParsedSheet) -> _Layout:
    cells: dict[str, int] = {}
    links: dict[str, int] = {}
    for column, header in sheet.columns.items():
        cells.pop(header, None)  # a header claimed by two columns goes to the last one
        links.pop(header, None)
        if column in RAW_FIELDS:
            cells[header] = _RAW_INDEX[RAW_FIELDS[column]]
        if column in _LINK_FIELDS:
            links[header] = _RAW_INDEX[_LINK_FIELDS[column]]
    return _Layout(cells, links)


def _row_values(layout: _Layout, row: ParsedRow, repeats: int | None) -> tuple[object, ...]:
    """One row's values in the order of ROW_FIELDS: the cells as printed, then as read."""
    raw = [""] * len(_RAW_INDEX)
    extra: dict[str, str] = {}  # any other column's cells and hyperlinks, untouched
    for header, text in row.cells.items():
        index = layout.cells.get(header)
        if index is not None:
            raw[index] = text or ""
        elif text is not None:
            extra[header] = text
    for header, target in row.links.items():
        index = layout.links.get(header)
        if index is not None:
            raw[index] = target
        else:
            extra[f"{header} (hyperlink)"] = target
    return (
        row.row,
        *raw,
        extra,
        row.state or "",
        row.agency or "",
        row.agency_type or "",
        row.county or "",
        _MODEL_TEXT.get(row.model, ""),
        row.signed,
        row.moa_url or "",
        row.moa_pending,
        row.addendum_url or "",
        row.addendum_pending,
        repeats,
    )


def sheet_values(sheet: ParsedSheet) -> SheetValues:
    layout = _layout(sheet)
    repeats = dict(sheet.duplicates)
    return SheetValues(
        list_kind=sheet.list_kind.value,
        sheet_name=sheet.sheet_name,
        headers=sheet.headers,
        blank_rows_skipped=sheet.blank_rows_skipped,
        duplicates=sheet.duplicates,
        warnings=sheet.warnings,
        signing_dates=tuple(row.signed for row in sheet.rows if row.signed),
        rows=[_row_values(layout, row, repeats.get(row.row)) for row in sheet.rows],
    )
