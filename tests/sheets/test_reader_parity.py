"""The calamine reader reads every workbook exactly as the openpyxl reader did.

"Exactly": the same ParsedSheet (every row with its cells, links and normalized fields, warnings,
duplicates, padding rows skipped, headers, columns, sheet name), and the same raw layer (each
cell's text and hyperlink target, and how many rows the sheet has). The reference is the openpyxl
reader of 2026 (openpyxl_reference.py). Real workbooks: one test per file, so `-n 2` splits them;
the openpyxl half takes about 30 s of one core, so what it gives for each real file is kept, as
a digest, in a cache on this machine (`reference_digests`), rebuilt whenever the file, the
reference reader, the normalization code or openpyxl changes. Built workbooks reproduce what
ICE's files do not show but a workbook may hold: merged cells, ranges of hyperlinks, comments,
error cells, dates with times, cells written without references.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl_reference import load_first_sheet as reference_load
from openpyxl_reference import parse_rows as reference_parse
from rawbooks import DOC_RELS, HEADER_ROW, PKG_RELS, raw_workbook, sheet_xml
from test_real_archive import EVERY_FILE, require
from workbooks import HEADER_2025_07, ICE_DATA, MISSING_SHARED

from deputized.sheets import ParsedRow, ParsedSheet, SheetError, read_workbook
from deputized.sheets.grid import load_first_sheet
from deputized.sheets.reader import _cell_text, parse_rows
from deputized.sheets.sheetxml import scan_sheet


def _trimmed(texts: list[str | None]) -> list[str | None]:
    while texts and texts[-1] is None:
        texts.pop()
    return texts


def reference_reading(source: Path | bytes) -> tuple[object, object]:
    """(raw layer, ParsedSheet) from the openpyxl reader, or the error class it raised."""
    try:
        name, rows = reference_load(source)
    except SheetError as exc:
        return type(exc), type(exc)
    raw = (
        [_trimmed([_cell_text(value) for value, _ in row]) for row in rows],
        {(r, c): t for r, row in enumerate(rows) for c, (_, t) in enumerate(row) if t},
    )
    try:
        return raw, reference_parse(rows, name) if rows else type(None)
    except SheetError as exc:
        return raw, type(exc)


def new_reading(source: Path | bytes) -> tuple[object, object]:
    try:
        grid = load_first_sheet(source)
    except SheetError as exc:
        return type(exc), type(exc)
    raw = (
        [_trimmed([_cell_text(value) for value in row]) for row in grid.rows],
        {(r, c): t for r, targets in grid.links.items() for c, t in targets.items()},
    )
    try:  # what read_workbook does with the grid
        return raw, parse_rows(grid) if grid.rows else type(None)
    except SheetError as exc:
        return raw, type(exc)


def assert_same_reading(source: Path | bytes) -> None:
    expected_raw, expected = reference_reading(source)
    got_raw, got = new_reading(source)
    assert got_raw == expected_raw
    assert got == expected


# ---- every real workbook ----------------------------------------------------------------------


def _params() -> list:
    if not EVERY_FILE:
        return [pytest.param(None, id="shared-data-missing")]
    return [pytest.param(row, id=Path(row["file"]).name) for row in EVERY_FILE]


def test_the_parity_covers_all_472_workbooks():
    if not EVERY_FILE:
        pytest.fail(MISSING_SHARED)
    assert len(EVERY_FILE) == 472
    assert all((ICE_DATA / row["file"]).is_file() for row in EVERY_FILE)


def _sorted(mapping: dict) -> list:
    return sorted(mapping.items(), key=repr)


def canonical(reading: tuple[object, object]) -> object:
    """A reading in a form whose JSON is equal when the readings are equal (== ignores the order
    of a dict's keys, JSON does not; a pickle also records which strings are the same object)."""
    raw, sheet = reading
    if isinstance(raw, tuple):
        texts, links = raw
        raw = (texts, _sorted(links))
    if isinstance(sheet, ParsedSheet):
        fields = [f.name for f in dataclasses.fields(ParsedSheet) if f.name != "rows"]
        fields_of = [f.name for f in dataclasses.fields(ParsedRow)]
        rows = [
            [_sorted(v) if isinstance(v, dict) else v for v in map(row.__getattribute__, fields_of)]
            for row in sheet.rows
        ]
        other = [getattr(sheet, name) for name in fields]
        sheet = (rows, [_sorted(v) if isinstance(v, dict) else v for v in other])
    return raw, sheet


def digest(reading: tuple[object, object]) -> str:
    """A reading's fingerprint."""
    text = json.dumps(canonical(reading), default=repr, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _reference_version() -> str:
    """What the reference reading of a file depends on besides the file: the reference reader,
    the normalization it calls (deputized/sheets), openpyxl, and this module's digest."""
    here = Path(__file__).parent
    sheets = sorted((here.parents[1] / "deputized" / "sheets").glob("*.py"))
    sources = [here / "openpyxl_reference.py", Path(__file__), *sheets]
    code = hashlib.sha256(b"".join(p.read_bytes() for p in sources))
    code.update(openpyxl.__version__.encode())
    return code.hexdigest()[:16]


@pytest.fixture(scope="module")
def reference_digests() -> Iterator[dict[str, str]]:
    """The openpyxl reader's reading of each real file, by the file's sha256, as a digest: read
    from this machine's cache, and written back with what this run added."""
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    cache = home / "deputized-tests" / f"openpyxl-reference-{_reference_version()}.json"
    known = json.loads(cache.read_text()) if cache.is_file() else {}
    digests = dict(known)
    yield digests
    if digests != known:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(digests, sort_keys=True))
        partial.replace(cache)


@pytest.mark.slow
@pytest.mark.parametrize("listed", _params())
def test_real_workbook_reads_as_with_openpyxl(listed, reference_digests):
    path = ICE_DATA / require(listed)["file"]
    if not path.is_file():
        pytest.fail(f"{MISSING_SHARED}; missing: {path}")
    content = path.read_bytes()
    key = hashlib.sha256(content).hexdigest()
    got = new_reading(content)
    if reference_digests.get(key) == digest(got):
        return  # what openpyxl gave for these very bytes, with this very code
    expected_raw, expected = reference_reading(content)
    assert not isinstance(expected, type), f"openpyxl could not read {path.name}: {expected}"
    reference_digests[key] = digest((expected_raw, expected))
    got_raw, got_sheet = got
    assert got_raw == expected_raw
    assert got_sheet == expected


@pytest.mark.slow
@pytest.mark.parametrize("listed", _params()[::20])
def test_byte_scan_and_parser_agree_on_real_sheets(listed):
    # Real sheets take the byte scan; the parser path (for unusual XML) must find the same.
    path = ICE_DATA / require(listed)["file"]
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    part = "xl/worksheets/sheet1.xml"
    assert scan_sheet(xml, part) == scan_sheet(xml, part, plain=False)


# ---- built with openpyxl ----------------------------------------------------------------------

CATAWBA = [
    "NORTH CAROLINA",
    "Catawba County Sheriff's Office",
    "County",
    "#N/A",
    "Warrant Service Officer",
    dt.datetime(2025, 6, 11),
    "link",
]
VALUES = st.one_of(
    st.none(),
    st.sampled_from(["link", "link pending", " ", "#N/A", "#REF!", "#VALUE!", "TEXAS", "Jail"]),
    st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=12).filter(
        lambda text: not text.startswith("=")
    ),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
    st.booleans(),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(2099, 12, 31)).map(
        lambda moment: moment.replace(microsecond=0)
    ),
    st.dates(dt.date(1900, 3, 1), dt.date(2099, 12, 31)),
    st.times().map(lambda moment: moment.replace(microsecond=0)),
)
CELLS = st.tuples(st.integers(2, 12), st.integers(1, 10))


def build(
    rows: list[list[object]],
    links: list[tuple[tuple[int, int], str | None]] = (),
    merges: list[str] = (),
    formatted: tuple[int, int] | None = None,
    comment: tuple[int, int] | None = None,
) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER_2025_07)
    for row in rows:
        sheet.append(row)
    for (row, column), target in links:
        if target is None:  # a link inside the workbook: a location, no relationship
            sheet.cell(row, column).hyperlink = Hyperlink(ref="", location="'Sheet1'!A1")
        else:
            sheet.cell(row, column).hyperlink = target
    for merge in merges:
        sheet.merge_cells(merge)
    if formatted:
        sheet.cell(*formatted).font = Font(bold=True)
    if comment:
        sheet.cell(*comment).comment = Comment("checked", "J.")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(VALUES, max_size=10), max_size=10),
    links=st.lists(st.tuples(CELLS, st.one_of(st.none(), st.just("https://www.ice.gov/a.pdf")))),
    formatted=st.one_of(st.none(), st.tuples(st.integers(2, 60), st.integers(1, 14))),
    comment=st.one_of(st.none(), st.tuples(st.integers(2, 60), st.integers(1, 14))),
)
def test_any_built_workbook_reads_as_with_openpyxl(rows, links, formatted, comment):
    assert_same_reading(build(rows, links, formatted=formatted, comment=comment))


def test_merged_cells_keep_only_their_top_left_value_and_link():
    data = build(
        [CATAWBA, CATAWBA, CATAWBA],
        links=[((2, 7), "https://www.ice.gov/a.pdf"), ((3, 8), "https://www.ice.gov/b.pdf")],
        merges=["G3:H4", "A20:B21"],
    )
    assert_same_reading(data)
    sheet = read_workbook(data)
    assert sheet.blank_rows_skipped == 17  # rows 5 to 21: the merge runs the sheet to row 21


def test_a_comment_far_below_makes_padding_rows():
    data = build([CATAWBA], comment=(30, 3))
    assert_same_reading(data)
    assert read_workbook(data).blank_rows_skipped == 28


def test_dates_with_times_and_numbers_read_as_with_openpyxl():
    row = [*CATAWBA[:5], dt.datetime(2025, 6, 11, 9, 30), 7, 2.5, dt.time(12, 30), True]
    assert_same_reading(build([row, [*CATAWBA[:5], dt.date(2025, 6, 11), 10**14]]))


# ---- written by hand: what openpyxl never writes ----------------------------------------------

ROW2 = (
    '<row r="2"><c r="A2" t="inlineStr"><is><t>TEXAS</t></is></c>'
    '<c r="B2" t="inlineStr"><is><t>Aransas County SO</t></is></c>'
    '<c r="C2" t="inlineStr"><is><t>Jail</t></is></c></row>'
)
SHEET_RELS = (
    f'<Relationships xmlns="{PKG_RELS}">'
    f'<Relationship Id="rId1" Type="{DOC_RELS}/hyperlink" Target="https://www.ice.gov/a.pdf" '
    'TargetMode="External"/>'
    f'<Relationship Id="rId2" Type="{DOC_RELS}/hyperlink" Target="https://www.ice.gov/b.pdf"/>'
    "</Relationships>"
)


def with_links(sheet: str) -> bytes:
    return raw_workbook(sheet, {"xl/worksheets/_rels/sheet1.xml.rels": SHEET_RELS})


@pytest.mark.parametrize(
    "sheet",
    [
        pytest.param(
            sheet_xml(
                HEADER_ROW + ROW2 + '<row r="3"><c r="A3" t="e"><f>VLOOKUP(1)</f><v>#N/A</v></c>'
                "<c r='B3' t='e'><v>#REF!</v></c><c r=\"C3\" t=\"e\"/></row>"
            ),
            id="error cells, with a formula, single quotes, no value",
        ),
        pytest.param(
            sheet_xml(
                HEADER_ROW.replace(' r="1"', "").replace(' r="A1"', "").replace(' r="C1"', "")
                + '<row><c t="inlineStr"><is><t>TEXAS</t></is></c><c/>'
                '<c t="e"><v>#N/A</v></c></row><row r="9"><c s="0"/></row>'
            ),
            id="rows and cells without references",
        ),
        pytest.param(
            sheet_xml(HEADER_ROW + "<!-- <row r='90'><c r='A90'/></row> -->" + ROW2),
            id="an XML comment",
        ),
        pytest.param(
            HEADER_ROW.join(
                [
                    '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                    'main"><x:sheetData>',
                    '<x:row r="4"><x:c r="B4" t="e"><x:v>#N/A</x:v></x:c></x:row></x:sheetData>'
                    "</x:worksheet>",
                ]
            )
            .replace("<row", "<x:row")
            .replace("</row>", "</x:row>")
            .replace("<c ", "<x:c ")
            .replace("</c>", "</x:c>")
            .replace("<is>", "<x:is>")
            .replace("</is>", "</x:is>")
            .replace("<t>", "<x:t>")
            .replace("</t>", "</x:t>"),
            id="a prefixed namespace",
        ),
        pytest.param(
            sheet_xml(
                HEADER_ROW + ROW2,
                after='<hyperlinks><hyperlink ref="B2:C3" r:id="rId1"/>'
                '<hyperlink ref="A5" location="Sheet1!A1"/><hyperlink ref="C2" r:id="rId2"/>'
                "</hyperlinks>",
            ),
            id="a range of hyperlinks, a location, an internal relationship",
        ),
        pytest.param(
            sheet_xml(
                HEADER_ROW + ROW2,
                after='<mergeCells count="1"><mergeCell ref="B2:C3"/></mergeCells>'
                '<hyperlinks><hyperlink ref="C3" r:id="rId1"/>'
                '<hyperlink ref="A2:C2" r:id="rId2"/></hyperlinks>',
            ),
            id="hyperlinks into a merged range",
        ),
    ],
)
def test_hand_written_sheet_reads_as_with_openpyxl(sheet):
    data = with_links(sheet)
    assert_same_reading(data)
    part = "xl/worksheets/sheet1.xml"
    assert scan_sheet(sheet.encode(), part) == scan_sheet(sheet.encode(), part, plain=False)


def test_error_cells_keep_what_ice_printed():
    sheet = read_workbook(
        with_links(
            sheet_xml(
                '<row r="1"><c r="A1" t="inlineStr"><is><t>STATE</t></is></c><c r="B1" '
                't="inlineStr"><is><t>LAW ENFORCEMENT AGENCY</t></is></c><c r="C1" '
                't="inlineStr"><is><t>COUNTY</t></is></c><c r="D1" t="inlineStr"><is><t>SUPPORT '
                'TYPE</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>FLORIDA</t>'
                '</is></c><c r="B2" t="inlineStr"><is><t>Florida Highway Patrol</t></is></c>'
                '<c r="C2" t="e"><v>#N/A</v></c><c r="D2" t="inlineStr"><is><t>Task Force'
                "</t></is></c></row>"
            )
        )
    )
    (row,) = sheet.rows
    assert row.cells["COUNTY"] == "#N/A"
    assert row.county is None


def test_a_hyperlink_on_an_empty_cell_becomes_its_text():
    data = with_links(
        sheet_xml(
            HEADER_ROW + ROW2, after='<hyperlinks><hyperlink ref="D2" r:id="rId1"/></hyperlinks>'
        )
    )
    assert_same_reading(data)
    (row,) = read_workbook(data).rows
    assert row.cells["column 4"] == "https://www.ice.gov/a.pdf"
    assert row.links == {"column 4": "https://www.ice.gov/a.pdf"}
