"""Issue 13, point 7: the growth charts' series as a download and in the API, each month with
the ICE list it counts, read by the one status rule (`places.status.growth`)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from django.test import Client

from deputized.places import status as place_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(placed, settings):
    settings.API_RATE_LIMIT = None
    return Client(HTTP_HOST="127.0.0.1")


def expected(state: str | None) -> list[dict[str, object]]:
    """The series the charts draw, month by month, with the list each month counts."""
    return [
        {
            "month": publication.published_on.strftime("%Y-%m"),
            "jem": counts["JEM"],
            "wso": counts["WSO"],
            "tfm": counts["TFM"],
            "total": sum(counts.values()),
            "file_name": publication.file_name,
            "sha256": publication.sha256,
        }
        for publication, counts in place_status.growth(state=state)
    ]


def test_the_api_serves_the_nc_and_national_series_with_their_lists(api):
    for scope, state in (("NC", "NC"), ("US", None)):
        body = api.get("/api/v1/growth", {"scope": scope, "page_size": 1000}).json()
        got = [
            {
                **{k: item[k] for k in ("month", "jem", "wso", "tfm", "total")},
                "file_name": item["source"]["file_name"],
                "sha256": item["source"]["sha256"],
            }
            for item in body["items"]
        ]
        assert got == expected(state)
        assert body["count"] == len(got) > 12  # the archive spans years of monthly lists
        assert {item["scope"] for item in body["items"]} == {scope}
        assert {item["source"]["list"] for item in body["items"]} == {"participating"}
    # The latest month's NC total is a number the NC page prints elsewhere: it grows.
    nc = expected("NC")
    assert nc[-1]["total"] > nc[0]["total"]


def test_a_scope_other_than_us_or_nc_is_refused(api):
    response = api.get("/api/v1/growth", {"scope": "XX"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "scope"


def test_the_downloads_carry_the_growth_series_with_the_as_of_date(placed):
    folder = Path(placed.downloads)
    with (folder / "growth.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for scope, state in (("NC", "NC"), ("US", None)):
        got = [
            {
                "month": r["month"],
                **{k: int(r[k]) for k in ("jem", "wso", "tfm", "total")},
                "file_name": r["source_file_name"],
                "sha256": r["source_sha256"],
            }
            for r in rows
            if r["scope"] == scope
        ]
        assert got == expected(state)
    manifest = json.loads((folder / "manifest.json").read_text())
    entry = next(f for f in manifest["files"] if f["name"] == "growth.csv")
    assert entry["records"] == len(rows) and manifest["as_of"]
