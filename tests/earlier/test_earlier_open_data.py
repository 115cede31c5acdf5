"""The earlier agreements in the API and the downloads: all 215, each with its sources."""

from __future__ import annotations

import csv
import json

import pytest

from deputized.opendata.build import downloads_build, manifest_read

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(places):
    """The places database, where the earlier layer is loaded as `make run` loads it."""


def test_the_api_lists_the_215_agreements_with_their_sources(loaded, client):
    answer = client.get("/api/v1/earlier-agreements?page_size=1000")
    assert answer.status_code == 200
    body = answer.json()
    assert body["count"] == 215 and len(body["items"]) == 215
    for item in body["items"]:
        assert item["signed_source"] and item["signed_quote"]
    meck = next(
        i for i in body["items"] if i["agreement_id"] == "NC-mecklenburg-county-so-JEM-2006"
    )
    assert meck["signed_date"] == "2006-02-27" and meck["ended_date"] == "2018-12-05"
    assert meck["ended_source"].startswith("https://www.wbtv.com/") and meck["agency_id"] is None


def test_the_api_filters_by_state_and_county(loaded, client):
    nc = client.get("/api/v1/earlier-agreements?state=nc&page_size=1000").json()
    assert nc["count"] == 23 and {i["state"] for i in nc["items"]} == {"NC"}
    wake = client.get("/api/v1/earlier-agreements?county=37183").json()
    assert [i["agreement_id"] for i in wake["items"]] == ["NC-wake-county-so-JEM-2008"]
    jail = client.get("/api/v1/earlier-agreements?county=37139").json()  # Pasquotank
    assert [i["agreement_id"] for i in jail["items"]] == ["NC-albermarle-district-jail-WSO-2020"]
    assert client.get("/api/v1/earlier-agreements?county=99999").status_code == 404
    assert client.get("/api/v1/earlier-agreements?county=wake").status_code == 400


def test_the_downloads_carry_the_215_agreements_with_sources_and_terms(loaded, tmp_path):
    downloads_build(folder=tmp_path)
    with (tmp_path / "earlier.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 215 and all(r["signed_source"] and r["signed_quote"] for r in rows)
    wake = next(r for r in rows if r["agreement_id"] == "NC-wake-county-so-JEM-2008")
    assert wake["ended_date"] == "2018-12-07" and "abc11.com" in wake["ended_source"]
    items = json.loads((tmp_path / "earlier.json").read_text(encoding="utf-8"))
    assert len(items) == 215 and items[0].keys() == rows[0].keys()
    files = {(f["dataset"], f["format"]): f for f in manifest_read(tmp_path)["files"]}
    for kind in ("csv", "json", "parquet"):
        entry = files[("earlier", kind)]
        assert entry["records"] == 215
        assert "DHS OIG" in entry["source"] and "CC BY 4.0" in entry["terms"]
    assert "source" not in files[("agreements", "csv")]  # ICE-derived files: the site's license
