"""The records shared by the API and the files: one list of fields each, kept in step."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pyarrow.parquet as pq
import pytest

from deputized.api import schemas
from deputized.opendata import build, records

pytestmark = pytest.mark.django_db

API_SCHEMAS = {
    "agencies": schemas.AgencyOut,
    "agreements": schemas.AgreementOut,
    "events": schemas.EventOut,
    "publications": schemas.PublicationOut,
    "rows": schemas.RowOut,
    "growth": schemas.GrowthOut,
    "earlier": schemas.EarlierOut,
    "adoptions": schemas.AdoptionOut,
    "activity_reports": schemas.ActivityReportOut,
}


# The officials' and meetings' files are flat (one line per office: the holder and each contact
# spread over columns, the source named for what it sources); the API nests them.
FLAT_FILES = {
    "officials": (
        schemas.OfficialOut,
        {
            "holder": ("holder_name", "holder_party", "holder_started_on", "holder_ends_on"),
            "contacts": ("email", "phone", "address", "website", "email_source"),
            "source": ("office_source",),
            "verified_on": ("office_verified_on",),
            "counties_source": (),  # one sentence for every legislator: in the dictionary
            "correction_path": (),  # a page of the site, not data
        },
    ),
    "meetings": (schemas.MeetingOut, {"source": ("meeting_source",)}),
}


@pytest.mark.parametrize("dataset", [d for d in build.DATASETS if d not in FLAT_FILES])
def test_the_api_schema_and_the_files_have_the_same_fields(dataset):
    assert tuple(API_SCHEMAS[dataset].model_fields) == records.FIELDS[dataset]


@pytest.mark.parametrize("dataset", sorted(FLAT_FILES))
def test_the_flat_files_carry_every_api_field(dataset):
    schema, spread = FLAT_FILES[dataset]
    columns = set(records.FIELDS[dataset])
    for field in schema.model_fields:
        expected = spread.get(field, (field,))
        assert set(expected) <= columns, (dataset, field)


def test_source_is_the_same_in_api_and_files():
    assert tuple(schemas.Source.model_fields) == records.SOURCE_FIELDS


def test_flatten_spreads_source_and_writes_lists_as_json():
    record = {
        "id": "x",
        "spellings": ["A", "Á"],
        "details": {"from": "A"},
        "signed": dt.date(2020, 5, 21),
        "source": {
            "published_on": dt.date(2026, 4, 30),
            "slot": "am",
            "list": "participating",
            "file_name": "f.xlsx",
            "sha256": "0" * 64,
            "row": None,
        },
    }
    flat = records.flatten(record)
    assert flat["spellings"] == '["A", "Á"]' and json.loads(flat["details"]) == {"from": "A"}
    assert flat["signed"] == dt.date(2020, 5, 21)
    assert flat["source_published_on"] == dt.date(2026, 4, 30) and flat["source_row"] is None
    assert "source" not in flat


def test_an_empty_archive_still_builds_every_file_with_its_columns(tmp_path):
    report = build.downloads_build(folder=tmp_path)
    names = {f["name"] for f in report.files}
    datasets = {f"{d}.{k}" for d in build.DATASETS for k in build.FORMATS}
    assert names == datasets | {build.GEOJSON, build.DICTIONARY}
    for dataset in build.DATASETS:
        with (tmp_path / f"{dataset}.csv").open(newline="") as handle:
            assert next(csv.reader(handle)) == records.flat_columns(dataset)
        assert json.loads((tmp_path / f"{dataset}.json").read_text()) == []
        assert pq.read_metadata(tmp_path / f"{dataset}.parquet").num_rows == 0
    manifest = build.manifest_read(tmp_path)
    assert manifest["as_of"] is None and {f["name"] for f in manifest["files"]} == names


@pytest.mark.django_db(transaction=True)
def test_a_build_on_a_connection_not_yet_opened_reads_its_own_snapshot(tmp_path):
    """As the site's worker threads do: a thread's first query is the build's."""
    import threading

    from django.db import connections

    outcome: dict[str, object] = {}

    def build_here() -> None:
        try:
            outcome["report"] = build.downloads_build(folder=tmp_path)
        except Exception as exc:
            outcome["error"] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=build_here)
    thread.start()
    thread.join(120)
    assert "error" not in outcome, outcome.get("error")
    assert build.manifest_read(tmp_path)["files"] == outcome["report"].files
