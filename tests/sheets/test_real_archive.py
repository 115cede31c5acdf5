"""Every real ICE workbook in shared/data/ice reads to the counts measured in snapshot_counts.csv.

Each file is read once (module-level cache): about 30 s for all 472. A missing shared/ folder is a
failure, never a skip.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from workbooks import COUNTS_CSV, ICE_DATA, MANIFEST_CSV, MISSING_SHARED, real_workbook

from deputized.sheets import ListKind, ParsedSheet, SupportModel, read_workbook

pytestmark = pytest.mark.slow

COUNT_FIELDS = (
    "content_kind",
    "rows",
    "jem",
    "wso",
    "tfm",
    "model_blank",
    "distinct_agencies",
    "states",
    "nc_rows",
    "nc_jem",
    "nc_wso",
    "nc_tfm",
    "nc_distinct_agencies",
    "moa_hyperlinks",
    "moa_safelinks",
    "moa_link_pending",
    "duplicate_rows",
)


def _csv_rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def _params(rows: list[dict[str, str]]) -> list:
    """One param per file, named after it; a single failing param when shared/ is missing."""
    if not rows:
        return [pytest.param(None, id="shared-data-missing")]
    return [pytest.param(row, id=Path(row["file"]).name) for row in rows]


COUNTS = _csv_rows(COUNTS_CSV)
WAYBACK = [row for row in _csv_rows(MANIFEST_CSV) if row["file"].startswith("wayback_converted/")]
EVERY_FILE = COUNTS + WAYBACK


def require(row: dict[str, str] | None) -> dict[str, str]:
    if row is None:
        pytest.fail(MISSING_SHARED)
    return row


def read(relative: str) -> ParsedSheet:
    path = ICE_DATA / relative
    if not path.is_file():
        pytest.fail(f"{MISSING_SHARED}; missing: {path}")
    return read_workbook(path)


@dataclass(frozen=True)
class Summary:
    counts: dict[str, str]
    unclean_urls: list[tuple[int, str, list[str]]]


@functools.cache
def summary(relative: str) -> Summary:
    """What the per-file tests check, from one read. Keeping every ParsedSheet instead would hold
    half a million rows in memory and slow the reading down (garbage collection) by half."""
    sheet = read(relative)
    return Summary(counts=measured(sheet), unclean_urls=unclean_urls(sheet))


def measured(sheet: ParsedSheet) -> dict[str, str]:
    """The snapshot_counts.csv columns, measured on what the reader returned."""
    moa = sheet.columns.get("moa")
    nc = [r for r in sheet.rows if r.state == "NC"]

    def models(rows: list, model: SupportModel) -> int:
        return sum(r.model is model for r in rows)

    counts = {
        "content_kind": sheet.list_kind.value,
        "rows": len(sheet.rows),
        "jem": models(sheet.rows, SupportModel.JEM),
        "wso": models(sheet.rows, SupportModel.WSO),
        "tfm": models(sheet.rows, SupportModel.TFM),
        "model_blank": sum(r.model is None for r in sheet.rows),
        "distinct_agencies": len({(r.state, r.agency) for r in sheet.rows}),
        "states": len({r.state for r in sheet.rows}),
        "nc_rows": len(nc),
        "nc_jem": models(nc, SupportModel.JEM),
        "nc_wso": models(nc, SupportModel.WSO),
        "nc_tfm": models(nc, SupportModel.TFM),
        "nc_distinct_agencies": len({(r.state, r.agency) for r in nc}),
        "moa_hyperlinks": sum(1 for r in sheet.rows if moa in r.links),
        "moa_safelinks": sum(1 for r in sheet.rows if "safelinks" in r.links.get(moa, "")),
        "moa_link_pending": sum(r.moa_pending for r in sheet.rows),
        "duplicate_rows": len(sheet.duplicates),
    }
    return {name: str(value) for name, value in counts.items()}


def test_every_snapshot_is_listed():
    # The parametrized tests below cover exactly the 451 files on disk.
    if not COUNTS:
        pytest.fail(MISSING_SHARED)
    on_disk = {p.name for p in (ICE_DATA / "snapshots").glob("*.xlsx")}
    listed = {Path(row["file"]).name for row in COUNTS}
    assert len(COUNTS) == 451
    assert listed == on_disk


@pytest.mark.parametrize("expected", _params(COUNTS))
def test_counts_match_snapshot_counts_csv(expected):
    expected = require(expected)
    got = summary(expected["file"]).counts
    assert got == {name: expected[name] for name in COUNT_FIELDS}


# Where a cleaned URL could still leak a staff mailbox or a wrapper.
LEAKS = ("safelinks", "outlook.com", "chrome-extension", "@", "%40", "data=", " ")


def unclean_urls(sheet: ParsedSheet) -> list[tuple[int, str, list[str]]]:
    """(row, url, what is wrong) for every MOA or ADDENDUM URL that is not a clean web address."""
    bad = []
    for row in sheet.rows:
        for url in (row.moa_url, row.addendum_url):
            if url is None:
                continue
            parts = urlsplit(url)
            problems = [leak for leak in LEAKS if leak in url]
            if parts.scheme not in {"http", "https"}:
                problems.append("not http(s)")
            if not parts.netloc:
                problems.append("no host")
            if problems:
                bad.append((row.row, url, problems))
    return bad


@pytest.mark.parametrize("expected", _params(EVERY_FILE))
def test_every_url_is_clean(expected):
    assert summary(require(expected)["file"]).unclean_urls == []


@pytest.mark.parametrize("expected", _params(WAYBACK))
def test_wayback_rosters_read_as_participating(expected):
    expected = require(expected)
    sheet = read(expected["file"])
    assert sheet.list_kind is ListKind.PARTICIPATING
    assert str(len(sheet.rows)) == expected["rows"]
    assert sheet.sheet_name == "287(g) Agreements"
    # SIGNED is ISO text; the MOA, when there is one, a web.archive.org URL typed in the cell.
    assert [r.row for r in sheet.rows if not (r.state and r.model and r.signed)] == []
    typed = [r for r in sheet.rows if r.cells["MOA"]]
    assert typed
    assert [r.row for r in typed if not r.moa_url.startswith("https://web.archive.org/")] == []


def test_there_are_21_wayback_rosters():
    if not WAYBACK:
        pytest.fail(MISSING_SHARED)
    assert len(WAYBACK) == 21


def test_swapped_participating_file_of_2025_09_22pm_reads_as_pending():
    # ICE's participating link served the pending list that afternoon (ice-sheets.md §2.3).
    real_workbook("2025-09-22pm_participatingAgencies09222025pm.xlsx")
    sheet = read("snapshots/2025-09-22pm_participatingAgencies09222025pm.xlsx")
    assert sheet.list_kind is ListKind.PENDING
    assert sheet.sheet_name == "Sheet 1"
    assert "signed" not in sheet.columns
    assert len(sheet.rows) == 42


def test_pivot_in_sheet2_of_2026_03_02am_is_not_read():
    real_workbook("2026-03-02am_participatingAgencies03022026am.xlsx")
    sheet = read("snapshots/2026-03-02am_participatingAgencies03022026am.xlsx")
    assert sheet.sheet_name == "Sheet1"
    assert sheet.list_kind is ListKind.PARTICIPATING
    assert len(sheet.rows) == 1499
    # Sheet2 holds `Total, JEM, TFM, WSO` and state names only: none of it may appear as a row.
    assert all(r.agency and r.model for r in sheet.rows)
    assert not any("Total" in (r.cells.get("STATE") or "") for r in sheet.rows)
    assert [r.row for r in sheet.rows] == list(range(2, 1501))
