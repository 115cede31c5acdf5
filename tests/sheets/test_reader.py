"""read_workbook on small workbooks built like ICE's, one quirk each (ice-sheets.md §1-§2)."""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbooks import (
    HEADER_2025_03,
    HEADER_2025_04,
    HEADER_2025_07,
    HEADER_PENDING,
    HEADER_PENDING_2026,
    HEADER_WAYBACK,
    ICE_MOA,
    SAFELINK,
    make_workbook,
    real_workbook,
)

from deputized.sheets import (
    ListKind,
    NotAnIceList,
    ParsedRow,
    ParsedSheet,
    SheetError,
    SupportModel,
    UnreadableWorkbook,
    read_workbook,
)
from deputized.sheets.grid import SheetGrid
from deputized.sheets.reader import parse_rows

CATAWBA = [
    "NORTH CAROLINA",
    "Catawba County Sheriff's Office",
    "County",
    "Catawba County",
    "Warrant Service Officer",
    dt.datetime(2025, 6, 11),
    "link",
]
PERSON_MOA = "https://www.ice.gov/doclib/287gMOA/287gJEM_PersonCoSONC_02-10-2026.pdf"
ADDENDUM = "https://www.ice.gov/doclib/287gMOA/287gWSO_CatawbaCoSONC_addendum_07-29-2025.pdf"


def read_one(row: list[object], hyperlinks: dict[str, str] | None = None) -> ParsedRow:
    """The single data row (sheet row 2) of a 2025-07-style workbook holding only `row`."""
    sheet = read_workbook(make_workbook(HEADER_2025_07, [row], hyperlinks=hyperlinks))
    assert [r.row for r in sheet.rows] == [2]
    return sheet.rows[0]


# ---- MOA and ADDENDUM cells -------------------------------------------------------------------


def test_moa_url_is_read_from_the_hyperlink_behind_the_text_link():
    row = read_one(CATAWBA, {"G2": ICE_MOA})
    assert row.moa_url == ICE_MOA
    assert row.moa_pending is False
    assert row.cells["MOA"] == "link"
    assert row.links == {"MOA": ICE_MOA}


def test_safelinks_hyperlink_is_unwrapped_and_the_raw_target_kept_without_the_mailbox():
    row = read_one(CATAWBA, {"G2": SAFELINK})
    assert row.moa_url == PERSON_MOA
    assert "@" not in row.moa_url and "data=" not in row.moa_url
    # The raw layer keeps the wrapper as pasted, so one can see it went through Outlook, but the
    # staff mailbox (and the rest of SafeLinks' tracking) never reaches the database.
    raw = row.links["MOA"]
    assert raw.startswith(SAFELINK.split("?")[0]) and "url=" in raw
    assert "%40" not in raw and "data=" not in raw and "sdata=" not in raw


@pytest.mark.parametrize("text", ["link pending", "Link Pending", "link pending "])
def test_link_pending_has_no_url(text):
    row = read_one([*CATAWBA[:6], text])
    assert row.moa_pending is True
    assert row.moa_url is None
    assert row.links == {}
    assert row.cells["MOA"] == text


def test_link_pipe_addendum_with_nbsp_and_no_hyperlink():
    # Aransas, Montgomery and Nueces County (TX), March-June 2025
    row = read_one([*CATAWBA[:6], "link\xa0|\xa0addendum"])
    assert row.moa_url is None
    assert row.moa_pending is False
    assert row.addendum_url is None
    assert row.cells["MOA"] == "link\xa0|\xa0addendum"
    assert row.links == {}


@pytest.mark.parametrize(
    ("typed", "url"),
    [
        # University of Florida PD, 2025-05-16am to 05-19pm: the URL typed as the cell's text
        (
            "https://www.ice.gov/doclib/287gMOA/287gTFM_UnivOfFloridaPDFL_04-22-2025.pdf",
            "https://www.ice.gov/doclib/287gMOA/287gTFM_UnivOfFloridaPDFL_04-22-2025.pdf",
        ),
        (
            "http://www.ice.gov/doclib/287gMOA/a b.pdf",
            "https://www.ice.gov/doclib/287gMOA/a%20b.pdf",
        ),
        ("https:/www.ice.gov/doclib/287gMOA/a.pdf", "https://www.ice.gov/doclib/287gMOA/a.pdf"),
        ("www.ice.gov/doclib/287gMOA/a.pdf", "https://www.ice.gov/doclib/287gMOA/a.pdf"),
        (" https://www.ice.gov/doclib/287gMOA/a.pdf ", "https://www.ice.gov/doclib/287gMOA/a.pdf"),
    ],
)
def test_raw_url_typed_in_the_moa_cell(typed, url):
    row = read_one([*CATAWBA[:6], typed])
    assert row.moa_url == url
    assert row.moa_pending is False
    assert row.links == {}
    assert row.cells["MOA"] == typed


@pytest.mark.parametrize("text", [None, "Cons", "link"])
def test_moa_without_url_or_pending_mark(text):
    # Empty: 45 rows on 2025-03-06; `Cons`: Tennessee State Constable, 2025-11; `link` without
    # a hyperlink has never been seen, but must not invent a URL.
    row = read_one([*CATAWBA[:6], text])
    assert (row.moa_url, row.moa_pending) == (None, False)
    assert row.cells["MOA"] == text


def test_addendum_is_read_like_moa():
    row = read_one([*CATAWBA, "link"], {"G2": ICE_MOA, "H2": ADDENDUM})
    assert (row.moa_url, row.addendum_url) == (ICE_MOA, ADDENDUM)
    assert row.links == {"MOA": ICE_MOA, "ADDENDUM": ADDENDUM}
    pending = read_one([*CATAWBA, "Link Pending"], {"G2": ICE_MOA})
    assert (pending.addendum_url, pending.addendum_pending) == (None, True)


def test_hyperlink_in_another_column_is_kept_but_is_not_the_moa():
    row = read_one(CATAWBA, {"B2": "https://www.catawbacountync.gov/sheriff"})
    assert row.links == {"LAW ENFORCEMENT AGENCY": "https://www.catawbacountync.gov/sheriff"}
    assert row.moa_url is None


# ---- raw text beside the normalized value -----------------------------------------------------


def test_each_cell_is_kept_as_printed_next_to_its_reading():
    row = read_one(
        [
            "UTAHJ",
            "Salt Lake County Sheriff’s Office ",
            "Muncipality ",
            "#N/A",
            "Jail Enforcment Model",
            "05/082025",
            "link",
            None,
        ],
        {"G2": "http://www.ice.gov/doclib/287gMOA/a%20b.pdf"},
    )
    assert row.cells == {
        "STATE": "UTAHJ",
        "LAW ENFORCEMENT AGENCY": "Salt Lake County Sheriff’s Office ",
        "TYPE": "Muncipality ",
        "COUNTY": "#N/A",
        "SUPPORT TYPE": "Jail Enforcment Model",
        "SIGNED": "05/082025",
        "MOA": "link",
        "ADDENDUM": None,
    }
    assert row.links == {"MOA": "http://www.ice.gov/doclib/287gMOA/a%20b.pdf"}
    assert row.state == "UT"
    assert row.agency == "Salt Lake County Sheriff's Office"
    assert row.agency_type == "Municipality"
    assert row.county is None
    assert row.model is SupportModel.JEM
    assert row.signed == dt.date(2025, 5, 8)
    assert row.moa_url == "https://www.ice.gov/doclib/287gMOA/a%20b.pdf"


def test_real_excel_date_is_printed_as_iso_in_cells():
    row = read_one(CATAWBA, {"G2": ICE_MOA})
    assert row.cells["SIGNED"] == "2025-06-11"
    assert row.signed == dt.date(2025, 6, 11)


def test_value_right_of_the_last_header_is_kept():
    sheet = read_workbook(make_workbook(HEADER_2025_07, [[*CATAWBA, None, None, "see note"]]))
    assert sheet.rows[0].cells["column 10"] == "see note"
    assert sheet.headers == HEADER_2025_07


def test_problems_a_curator_should_see_are_warned_with_their_row():
    sheet = read_workbook(
        make_workbook(
            HEADER_2025_07,
            [
                CATAWBA,
                ["Total", "Someone", "County", None, "Cons", "5025-07-07", "link"],
            ],
        )
    )
    assert not any(w.startswith("row 2:") for w in sheet.warnings)
    row3 = [w for w in sheet.warnings if w.startswith("row 3:")]
    assert len(row3) == 3
    assert any("'Total'" in w for w in row3)
    assert any("'5025-07-07'" in w for w in row3)
    assert any("'Cons'" in w for w in row3)


# ---- layout: row numbers, padding, extra sheets -----------------------------------------------


def test_row_numbers_are_sheet_rows_and_padding_is_skipped():
    # ICE's used range runs wider and taller than the data (for example A1:I885, 811 rows).
    person = ["NORTH CAROLINA", "Person County SO", "County", "Person County", "Jail", None]
    sheet = read_workbook(
        make_workbook(
            HEADER_2025_07,
            [
                CATAWBA,
                person,
                [None] * 8,
                ["TEXAS", "Aransas County SO", "", "", "Task"],
                ["  ", "\xa0"],
            ],
            used_range_to="M40",
        )
    )
    assert [r.row for r in sheet.rows] == [2, 3, 5]
    assert [r.agency for r in sheet.rows] == [
        "Catawba County Sheriff's Office",
        "Person County SO",
        "Aransas County SO",
    ]
    assert sheet.blank_rows_skipped == 36  # row 4 and rows 6 to 40
    assert sheet.headers == HEADER_2025_07  # not 13 columns, though the used range runs to M
    assert all(set(r.cells) == set(HEADER_2025_07) for r in sheet.rows)


def test_title_row_above_the_header_keeps_sheet_row_numbers():
    sheet = read_workbook(
        make_workbook(["287(g) Participating Agencies"], [HEADER_2025_07, CATAWBA])
    )
    assert [r.row for r in sheet.rows] == [3]
    assert sheet.rows[0].agency == "Catawba County Sheriff's Office"


def test_only_the_first_sheet_is_read():
    # 2026-03-02am has ICE's own pivot in Sheet2; a second ICE-like sheet must be ignored too.
    other = [
        "TEXAS",
        "Harris County SO",
        "County",
        "Harris County",
        "Jail",
        dt.datetime(2025, 1, 1),
    ]
    sheet = read_workbook(
        make_workbook(
            HEADER_2025_07,
            [CATAWBA],
            extra_sheets={
                "Sheet2": [["Total", None, "JEM", None, "TFM", None, "WSO"], ["ALABAMA"] * 7],
                "Sheet3": [HEADER_2025_07, other, other],
            },
        )
    )
    assert sheet.sheet_name == "Sheet1"
    assert [(r.row, r.state, r.agency) for r in sheet.rows] == [
        (2, "NC", "Catawba County Sheriff's Office")
    ]


def test_ice_list_on_a_second_sheet_is_not_looked_for():
    with pytest.raises(NotAnIceList):
        read_workbook(
            make_workbook(
                ["Total", "JEM", "TFM", "WSO"],
                [["ALABAMA", 1, 2, 3]],
                extra_sheets={"L": [HEADER_2025_07]},
            )
        )


# ---- header variants of each era --------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "title", "row", "kind"),
    [
        pytest.param(
            HEADER_2025_03,
            "Sheet1",
            [
                "NORTH CAROLINA",
                "Catawba County SO",
                "County",
                "WSO",
                dt.datetime(2025, 3, 1),
                "link",
            ],
            ListKind.PARTICIPATING,
            id="2025-03 no COUNTY",
        ),
        pytest.param(
            HEADER_2025_04,
            "Sheet1",
            [
                "NORTH CAROLINA",
                "Catawba County SO",
                "County",
                "Catawba",
                "WSO",
                dt.datetime(2025, 3, 1),
                "link",
            ],
            ListKind.PARTICIPATING,
            id="2025-04 no ADDENDUM",
        ),
        pytest.param(
            HEADER_PENDING,
            "Sheet 1",
            ["NORTH CAROLINA", "Catawba County SO", "County", "Catawba", "WSO"],
            ListKind.PENDING,
            id="pending without MOA",
        ),
        pytest.param(
            HEADER_PENDING_2026,
            "Sheet 1",
            ["NORTH CAROLINA", "Catawba County SO", "County", "Catawba", "WSO", "link pending"],
            ListKind.PENDING,
            id="pending with MOA",
        ),
    ],
)
def test_header_of_each_era(header, title, row, kind):
    sheet = read_workbook(make_workbook(header, [row], title=title))
    assert sheet.list_kind is kind
    assert sheet.sheet_name == title
    assert sheet.headers == header
    (parsed,) = sheet.rows
    assert (parsed.state, parsed.agency, parsed.model) == (
        "NC",
        "Catawba County SO",
        SupportModel.WSO,
    )
    assert parsed.county == ("Catawba" if "COUNTY" in header else None)
    assert parsed.signed == (dt.date(2025, 3, 1) if "SIGNED" in header else None)
    assert parsed.moa_pending is ("link pending" in row)
    assert (parsed.addendum_url, parsed.addendum_pending) == (None, False)
    assert set(parsed.cells) == set(header)


def test_wayback_converted_roster():
    url = (
        "https://web.archive.org/web/20250219163339/"
        "https://www.ice.gov/doclib/287gMOA/287gJEM_ etowahCoAL_06-09-2020.pdf"
    )
    sheet = read_workbook(
        make_workbook(
            HEADER_WAYBACK,
            [
                [
                    "ALABAMA",
                    "Etowah County Sheriff's Office",
                    "Jail Enforcement Model",
                    "2020-06-09",
                    url,
                ]
            ],
            title="287(g) Agreements",
        )
    )
    assert sheet.list_kind is ListKind.PARTICIPATING
    assert sheet.sheet_name == "287(g) Agreements"
    (row,) = sheet.rows
    assert (row.state, row.model, row.signed) == ("AL", SupportModel.JEM, dt.date(2020, 6, 9))
    assert (row.agency_type, row.county) == (None, None)
    assert row.moa_url == url.replace(" ", "%20")


# ---- duplicates -------------------------------------------------------------------------------


def test_duplicate_listings_are_reported_with_the_earlier_row_and_kept():
    catawba_jem = [*CATAWBA[:4], "Jail Enforcement Model", *CATAWBA[5:]]
    respelled = ["NORTH CAROLINA ", "Catawba County Sheriff’s Office ", *CATAWBA[2:]]
    person = ["NORTH CAROLINA", "Person County SO", "County", "Person County", "Jail"]
    sheet = read_workbook(
        make_workbook(HEADER_2025_07, [CATAWBA, catawba_jem, [], respelled, person, CATAWBA])
    )
    assert [r.row for r in sheet.rows] == [2, 3, 5, 6, 7]
    assert sheet.duplicates == [(5, 2), (7, 2)]


def test_same_agency_in_another_state_or_model_is_no_duplicate():
    in_sc = ["SOUTH CAROLINA", *CATAWBA[1:]]
    tfm = [*CATAWBA[:4], "Task Force Model", *CATAWBA[5:]]
    sheet = read_workbook(make_workbook(HEADER_2025_07, [CATAWBA, in_sc, tfm]))
    assert sheet.duplicates == []


# ---- sources and errors -----------------------------------------------------------------------


def test_bytes_path_str_and_file_object_read_the_same(tmp_path):
    data = make_workbook(HEADER_2025_07, [CATAWBA], hyperlinks={"G2": ICE_MOA})
    path = tmp_path / "participatingAgencies06122025pm.xlsx"
    path.write_bytes(data)
    results = [read_workbook(data), read_workbook(path), read_workbook(str(path))]
    with path.open("rb") as handle:
        results.append(read_workbook(handle))
    assert results[0].rows[0].moa_url == ICE_MOA
    for other in results[1:]:
        assert (other.list_kind, other.rows) == (results[0].list_kind, results[0].rows)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty file"),
        pytest.param(random.Random(287).randbytes(4096), id="random bytes"),
        pytest.param(b"STATE,LAW ENFORCEMENT AGENCY,SUPPORT TYPE\nTEXAS,X,Jail\n", id="csv"),
        pytest.param(b"<html><body>Access Denied</body></html>", id="html error page"),
        pytest.param(b"PK\x03\x04" + b"\x00" * 100, id="zip header only"),
    ],
)
def test_not_a_workbook_is_unreadable(data):
    with pytest.raises(UnreadableWorkbook):
        read_workbook(data)


def test_zip_that_is_not_a_workbook_is_unreadable():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(UnreadableWorkbook):
        read_workbook(buffer.getvalue())


def test_truncated_real_workbook_is_unreadable():
    data = real_workbook("2025-07-14am_participatingAgencies07142025am.xlsx").read_bytes()
    assert read_workbook(data).rows  # the whole file reads ...
    with pytest.raises(UnreadableWorkbook, match="truncated"):
        read_workbook(data[: len(data) // 2])  # ... its first half does not


def test_unrelated_headers_name_what_is_missing():
    data = make_workbook(["Name", "Address", "Phone"], [["Jane", "1 Main St", "555-0100"]])
    with pytest.raises(NotAnIceList) as caught:
        read_workbook(data)
    message = str(caught.value)
    for column in ("STATE", "LAW ENFORCEMENT AGENCY", "SUPPORT TYPE"):
        assert column in message
    assert "Name, Address, Phone" in message


def test_empty_workbook_is_not_an_ice_list():
    with pytest.raises(NotAnIceList):
        read_workbook(make_workbook(None))


def test_header_only_is_an_empty_list_not_an_error():
    # The pending list really empties (2025-11-06pm and six more files).
    sheet = read_workbook(make_workbook(HEADER_PENDING, [], title="Sheet 1"))
    assert sheet.list_kind is ListKind.PENDING
    assert sheet.rows == []


# ---- properties -------------------------------------------------------------------------------

FIXTURE = make_workbook(
    HEADER_2025_07,
    [
        CATAWBA,
        [*CATAWBA[:6], "link pending"],
        ["TEXAS", "Aransas", "County", "", "Task", "7/72025"],
    ],
    hyperlinks={"G2": SAFELINK},
)
FUZZ = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])


def read_or_sheet_error(data: bytes) -> ParsedSheet | None:
    try:
        return read_workbook(data)
    except SheetError:
        return None


@FUZZ
@given(
    st.one_of(st.binary(max_size=2048), st.binary(max_size=512).map(lambda b: b"PK\x03\x04" + b))
)
def test_arbitrary_bytes_raise_only_sheet_errors(data):
    with pytest.raises(SheetError):
        read_workbook(data)


@FUZZ
@given(
    flips=st.lists(st.tuples(st.integers(0, len(FIXTURE) - 1), st.integers(0, 255)), max_size=8),
    keep=st.integers(0, len(FIXTURE)),
)
def test_damaged_workbook_parses_or_raises_a_sheet_error(flips, keep):
    data = bytearray(FIXTURE)
    for position, value in flips:
        data[position] = value
    sheet = read_or_sheet_error(bytes(data[:keep]))
    if sheet is not None:
        assert len(sheet.rows) <= 3


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


MEMBERS = _members(FIXTURE)


@FUZZ
@given(
    member=st.sampled_from(sorted(MEMBERS)),
    flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=6),
)
def test_damaged_xml_inside_a_sound_zip_parses_or_raises_a_sheet_error(member, flips):
    # Flipped bytes in the zip are mostly caught by its CRC; these reach openpyxl's XML parsing.
    xml = bytearray(MEMBERS[member])
    for position, value in flips:
        xml[position % len(xml)] = value
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in MEMBERS.items():
            archive.writestr(name, bytes(xml) if name == member else content)
    read_or_sheet_error(buffer.getvalue())


PRINTABLE = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=40)


@settings(deadline=None, max_examples=200)
@given(
    st.lists(
        st.tuples(st.lists(PRINTABLE, min_size=8, max_size=8), st.one_of(st.none(), PRINTABLE)),
        min_size=1,
        max_size=6,
    )
)
def test_any_printable_text_parses_and_is_kept_raw(rows):
    # Every cell holds arbitrary text; the MOA cell may also carry an arbitrary hyperlink target.
    grid = SheetGrid(
        name="Sheet1",
        rows=[list(HEADER_2025_07), *(list(texts) for texts, _ in rows)],
        links={index: {6: target} for index, (_, target) in enumerate(rows, start=1) if target},
    )
    sheet = parse_rows(grid)
    expected = [
        (number, texts, target)
        for number, (texts, target) in enumerate(rows, start=2)
        if any(text.strip() for text in texts)
    ]
    assert [r.row for r in sheet.rows] == [number for number, _, _ in expected]
    assert sheet.blank_rows_skipped == len(rows) - len(expected)
    for parsed, (_, texts, target) in zip(sheet.rows, expected, strict=True):
        assert parsed.cells == {
            header: text if text.strip() else None
            for header, text in zip(HEADER_2025_07, texts, strict=True)
        }
        assert parsed.links == ({"MOA": target} if target else {})
        assert parsed.moa_pending is False or not target


# Text openpyxl would write as something else: a leading "=" makes a formula.
CELL_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda text: not text.startswith("=")
)


@settings(deadline=None, max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CELL_TEXT, min_size=8, max_size=8))
def test_printable_text_survives_an_xlsx_round_trip(row):
    sheet = read_workbook(make_workbook(HEADER_2025_07, [row]))
    if not any(text.strip() for text in row):
        assert sheet.rows == []
        return
    (parsed,) = sheet.rows
    assert list(parsed.cells.values()) == [text if text.strip() else None for text in row]


def test_a_note_typed_beside_the_table_is_not_a_listing():
    note_only = [None] * len(HEADER_2025_07) + ["checked by J. 3/4"]
    sheet = read_workbook(make_workbook(HEADER_2025_07, [CATAWBA, note_only]))
    assert [r.row for r in sheet.rows] == [2]
    assert sheet.blank_rows_skipped == 1
    assert any("outside the table" in w and "checked by J." in w for w in sheet.warnings)
