"""Header rows of every era (ice-sheets.md §1) and the list kind they imply (§2.3)."""

from __future__ import annotations

import pytest
from workbooks import (
    HEADER_2025_03,
    HEADER_2025_04,
    HEADER_2025_07,
    HEADER_PENDING,
    HEADER_PENDING_2026,
    HEADER_WAYBACK,
)

from deputized.sheets.columns import map_columns
from deputized.sheets.errors import NotAnIceList, SheetError
from deputized.sheets.types import ListKind


@pytest.mark.parametrize(
    ("header", "kind", "positions"),
    [
        pytest.param(
            HEADER_2025_03,
            ListKind.PARTICIPATING,
            {"state": 0, "agency": 1, "agency_type": 2, "support_type": 3, "signed": 4, "moa": 5},
            id="2025-03 no COUNTY",
        ),
        pytest.param(
            HEADER_2025_04,
            ListKind.PARTICIPATING,
            {
                "state": 0,
                "agency": 1,
                "agency_type": 2,
                "county": 3,
                "support_type": 4,
                "signed": 5,
                "moa": 6,
            },
            id="2025-04 no ADDENDUM",
        ),
        pytest.param(
            HEADER_2025_07,
            ListKind.PARTICIPATING,
            {
                "state": 0,
                "agency": 1,
                "agency_type": 2,
                "county": 3,
                "support_type": 4,
                "signed": 5,
                "moa": 6,
                "addendum": 7,
            },
            id="2025-07 with ADDENDUM",
        ),
        pytest.param(
            HEADER_PENDING,
            ListKind.PENDING,
            {"state": 0, "agency": 1, "agency_type": 2, "county": 3, "support_type": 4},
            id="pending without MOA",
        ),
        pytest.param(
            HEADER_PENDING_2026,
            ListKind.PENDING,
            {"state": 0, "agency": 1, "agency_type": 2, "county": 3, "support_type": 4, "moa": 5},
            id="pending with MOA (2026)",
        ),
        pytest.param(
            HEADER_WAYBACK,
            ListKind.PARTICIPATING,
            {"state": 0, "agency": 1, "support_type": 2, "signed": 3, "moa": 4},
            id="wayback roster",
        ),
    ],
)
def test_each_eras_header(header, kind, positions):
    mapped = map_columns(list(header))
    assert mapped.list_kind is kind
    assert mapped.positions == positions
    assert mapped.headers == list(header)


def test_list_kind_comes_from_signed_not_from_moa():
    # The 2025-09-22pm "participating" file had pending columns; pending files from 2026 have MOA.
    assert map_columns(HEADER_PENDING_2026).list_kind is ListKind.PENDING
    assert map_columns([*HEADER_PENDING, "SIGNED"]).list_kind is ListKind.PARTICIPATING


def test_header_spacing_and_case_do_not_matter_but_are_kept_as_printed():
    printed = ["State ", "law enforcement\xa0agency", " TYPE", "SUPPORT  TYPE", "Signed", "MOA "]
    mapped = map_columns(printed)
    assert mapped.list_kind is ListKind.PARTICIPATING
    assert mapped.positions == {
        "state": 0,
        "agency": 1,
        "agency_type": 2,
        "support_type": 3,
        "signed": 4,
        "moa": 5,
    }
    assert mapped.headers == [
        "State",
        "law enforcement\xa0agency",
        "TYPE",
        "SUPPORT  TYPE",
        "Signed",
        "MOA",
    ]


def test_column_order_does_not_matter():
    mapped = map_columns(["MOA", "SUPPORT TYPE", "SIGNED", "LAW ENFORCEMENT AGENCY", "STATE"])
    assert mapped.positions == {"moa": 0, "support_type": 1, "signed": 2, "agency": 3, "state": 4}


def test_trailing_empty_header_cells_of_a_wide_used_range_are_dropped():
    mapped = map_columns([*HEADER_2025_07, None, None, "", "  ", None])
    assert mapped.headers == HEADER_2025_07


def test_unknown_extra_columns_are_kept_in_headers_but_not_mapped():
    mapped = map_columns([*HEADER_PENDING, "NOTES"])
    assert mapped.headers[-1] == "NOTES"
    assert "NOTES" not in mapped.positions
    assert set(mapped.positions) == {"state", "agency", "agency_type", "county", "support_type"}


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        (["Total", "JEM", "TFM", "WSO"], ["STATE", "LAW ENFORCEMENT AGENCY", "SUPPORT TYPE"]),
        (["STATE", "NAME", "MODEL NUMBER"], ["LAW ENFORCEMENT AGENCY", "SUPPORT TYPE"]),
        (["STATE", "LAW ENFORCEMENT AGENCY", "TYPE"], ["SUPPORT TYPE"]),
    ],
)
def test_missing_columns_are_named_in_the_error(header, missing):
    with pytest.raises(NotAnIceList) as caught:
        map_columns(header)
    lacking, _, shown = str(caught.value).partition(";")
    # "the first sheet's header row lacks LAW ENFORCEMENT AGENCY, SUPPORT TYPE; it reads: ..."
    assert lacking.split(" lacks ", 1)[1].split(", ") == missing
    assert ", ".join(header) in shown


@pytest.mark.parametrize("header", [[], [None], [None, "", " "]])
def test_empty_header_row_is_not_an_ice_list(header):
    with pytest.raises(NotAnIceList, match="STATE") as caught:
        map_columns(header)
    assert isinstance(caught.value, SheetError)
    assert "(empty)" in str(caught.value)


def test_non_text_header_cells_do_not_crash():
    with pytest.raises(NotAnIceList):
        map_columns([1, 2.5, True, None])
