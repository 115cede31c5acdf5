"""File names from outside are cleaned before they are stored and served back in a header."""

from __future__ import annotations

import pytest

from deputized.sheets.filenames import MAX_FILE_NAME_CHARS, clean_file_name
from tests.conftest import SNAPSHOTS, WAYBACK, require_shared


def test_every_real_ice_name_comes_out_unchanged():
    require_shared()
    names = [p.name for folder in (SNAPSHOTS, WAYBACK) for p in folder.glob("*.xlsx")]
    assert len(names) == 472
    assert [n for n in names if clean_file_name(n) != n] == []


@pytest.mark.parametrize(
    ("name", "cleaned"),
    [
        (
            "pendingAgencies02272026am\r\nSet-Cookie: a=b.xlsx",
            "pendingAgencies02272026am Set-Cookie_ a=b.xlsx",
        ),
        ("../../etc/participatingAgencies.xlsx", "participatingAgencies.xlsx"),
        ("..\\..\\participatingAgencies.xlsx", "participatingAgencies.xlsx"),
        ("participating\u202eslx.exe.xlsx", "participating slx.exe.xlsx"),
        ('pending"Agencies".xlsx', "pending_Agencies_.xlsx"),
        ("pending\x00Agencies\x1b[31m.xlsx", "pending Agencies [31m.xlsx"),
        ("\u00a0 pending\tAgencies  .xlsx", "pending Agencies .xlsx"),
        ("..", ""),
        ("\r\n", ""),
    ],
)
def test_what_cannot_be_in_a_file_name_is_cleaned(name, cleaned):
    assert clean_file_name(name) == cleaned


def test_a_long_name_is_cut_keeping_its_extension():
    cleaned = clean_file_name("p" * 500 + ".xlsx")
    assert len(cleaned) == MAX_FILE_NAME_CHARS and cleaned.endswith("p.xlsx")
