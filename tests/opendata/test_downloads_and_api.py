"""Open data on the whole real archive: the downloads the ingest rebuilt, the API, their agreement
with ICE's own rows on every date, provenance, the data dictionary, and a property-based run of
the API against its own OpenAPI document."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import defaultdict
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from django.test import Client

from deputized.archive.models import Publication, SheetRow
from deputized.history.models import Agency, Agreement, ChangeEvent
from deputized.opendata import build, records

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

DICTIONARY = Path(__file__).resolve().parents[2] / "docs" / "data-dictionary.md"


@pytest.fixture(scope="module")
def built(placed) -> Path:
    """The archive database's downloads (nowhere near the developer's var/): first built on the
    empty archive, then rebuilt by the history update of the last ingest (tests/conftest.py)."""
    return placed.downloads


@pytest.fixture
def api(built, settings):
    settings.API_RATE_LIMIT = None
    return Client(HTTP_HOST="127.0.0.1")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def last_participating(day: dt.date) -> Publication | None:
    """The answer key's reading: the last participating list published on or before the day."""
    return (
        Publication.objects.filter(list_kind="participating", published_on__lte=day)
        .order_by("-published_on", "-slot_rank", "-first_seen_at", "-id")
        .first()
    )


# --- the downloads ---


def test_the_ingest_rebuilt_every_download_with_its_manifest(built, placed):
    assert placed.manifest_before["as_of"] is None  # the first build: as of nothing
    manifest = json.loads((built / "manifest.json").read_text())
    latest = Publication.objects.order_by("-published_on").first()
    assert manifest["as_of"] == latest.published_on.isoformat()
    assert manifest["license"] == "CC BY 4.0" and "Deputized" in manifest["citation"]
    counts = {
        "agencies": Agency.objects.count(),
        "agreements": Agreement.objects.count(),
        "events": ChangeEvent.objects.count(),
        "publications": Publication.objects.count(),
        "rows": SheetRow.objects.count(),
    }
    files = {(f["dataset"], f["format"]): f for f in manifest["files"]}
    for dataset, count in counts.items():
        for kind in ("csv", "json", "parquet"):
            entry = files[(dataset, kind)]
            assert entry["records"] == count, (dataset, kind)
            assert (built / entry["name"]).stat().st_size == entry["bytes"]
    assert pq.read_metadata(built / "rows.parquet").num_rows == counts["rows"]
    assert len(read_csv(built / "agreements.csv")) == counts["agreements"]
    assert len(json.loads((built / "events.json").read_text())) == counts["events"]
    geo = json.loads((built / "nc-counties.geojson").read_text())
    assert len(geo["features"]) == 100
    duplin = next(f for f in geo["features"] if f["properties"]["fips"] == "37061")
    assert duplin["properties"]["status"] == "active" and "WSO" in duplin["properties"]["models"]
    # The data dictionary travels with the files, as the repository has it.
    assert files[("dictionary", "md")]["name"] == "data-dictionary.md"
    assert (built / "data-dictionary.md").read_bytes() == DICTIONARY.read_bytes()
    assert not list(built.glob(".tmp-*"))  # nothing half-written left behind


def test_nc_agreements_on_every_date_match_the_last_participating_list(api, built):
    """From the API and from the files, on every publication date of the archive: the NC
    agreements are exactly the NC rows (agency, model) of the last participating list."""
    publications = read_csv(built / "publications.csv")
    listed: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in read_csv(built / "rows.csv"):
        if row["state"] == "NC" and row["agreement_id"]:
            listed[row["source_sha256"]].add((row["agency"], row["model"]))
    dates = sorted(set(Publication.objects.values_list("published_on", flat=True)))
    for day in dates:
        last = last_participating(day)
        expected = (
            set(
                SheetRow.objects.filter(publication=last, state="NC")
                .exclude(model="")
                .values_list("agency", "model")
            )
            if last
            else set()
        )
        response = api.get(f"/api/v1/agreements?state=NC&as_of={day}&page_size=1000")
        assert response.status_code == 200, (day, response.content[:300])
        items = response.json()["items"]
        assert {(i["name_in_source"], i["model"]) for i in items} == expected, day
        assert len(items) == len(expected), day  # no two NC agencies merged into one
        assert all(i["source"]["sha256"] == last.sha256 for i in items), day
        # The files: the last participating list on or before the day, then its NC rows.
        on_or_before = [
            p
            for p in publications
            if p["list"] == "participating" and p["published_on"] <= day.isoformat()
        ]
        if not on_or_before:
            assert expected == set(), day
            continue
        chosen = max(on_or_before, key=lambda p: int(p["sequence"]))
        assert chosen["sha256"] == last.sha256, day
        assert listed[chosen["sha256"]] == expected, day


def test_every_agreement_event_and_row_points_to_the_row_it_came_from(api, built):
    printed = {
        (sha, row): (state, agency, model)
        for sha, row, state, agency, model in SheetRow.objects.values_list(
            "publication__sha256", "row", "state", "agency", "model"
        )
    }
    for item in read_csv(built / "agreements.csv"):
        state, _agency, model = printed[(item["source_sha256"], int(item["source_row"]))]
        assert (state, model) == (item["state"], item["model"]), item["id"]
        assert item["source_published_on"] and item["source_file_name"]
    corrected: dict[str, set[str]] = {}
    for renamed in ChangeEvent.objects.filter(kind="renamed"):
        if fix := renamed.details.get("state_corrected"):
            corrected.setdefault(renamed.agency_id, set()).add(fix["old"])
    absences = 0
    for event in read_csv(built / "events.csv"):
        if not event["source_row"]:
            absences += 1
            assert event["kind"] in {"removed", "pending_withdrawn"}, event
            continue
        state, _agency, model = printed[(event["source_sha256"], int(event["source_row"]))]
        # A row ICE printed under a state it later corrected belongs to the corrected agency.
        assert state in {event["state"], *corrected.get(event["agency_id"], ())}, event["seq"]
    assert absences > 0  # removals are absences: no row shows them
    duplin = api.get("/api/v1/agreements?county=37061&status=active").json()["items"]
    assert {i["agency_id"] for i in duplin} >= {"nc-duplin-county-sheriffs-office"}
    for item in duplin:
        source = item["source"]
        assert printed[(source["sha256"], source["row"])][2] == item["model"]
        rows = api.get(f"/api/v1/publications/{source['sha256']}/rows?page_size=1000").json()
        row = next(r for r in rows["items"] if r["source"]["row"] == source["row"])
        assert row["agreement_id"] == item["id"]


def test_a_publication_serves_its_file_byte_for_byte(api):
    publication = Publication.objects.select_related("file").order_by("-published_on").first()
    response = api.get(f"/api/v1/publications/{publication.sha256}/file")
    assert response.status_code == 200
    assert bytes(response.content) == bytes(publication.file.content)
    assert publication.file_name in response["Content-Disposition"]
    detail = api.get(f"/api/v1/publications/{publication.sha256}").json()
    assert detail["file_path"] == f"/api/v1/publications/{publication.sha256}/file"
    assert detail["row_count"] == publication.row_count


def test_a_county_and_a_town_show_who_polices_them_and_what_officials_can_do(api):
    english = api.get("/api/v1/places/counties/37061").json()
    spanish = api.get("/api/v1/places/counties/37061?lang=es").json()
    assert english["status"] == "active"
    assert "nc-duplin-county-sheriffs-office" in {a["agency_id"] for a in english["agencies"]}
    assert english["guidance"]["measures"] and english["guidance"]["body"] == "county"
    assert english["guidance"]["who"] != spanish["guidance"]["who"]
    towns = api.get("/api/v1/places/towns?county=37061&page_size=100").json()["items"]
    beulaville = next(t for t in towns if t["name"] == "Beulaville")
    town = api.get(f"/api/v1/places/towns/{beulaville['geoid']}").json()
    assert town["policed_by"]["own_police"] is True
    assert "nc-beulaville-police-department" in {a["agency_id"] for a in town["agencies"]}


def test_the_downloads_page_lists_every_file_with_license_and_citation(api, built):
    for language in ("en", "es"):
        response = api.get(f"/{language}/downloads/")
        assert response.status_code == 200
        page = b"".join(response.streaming_content).decode()
        assert f'lang="{language}"' in page
        files = ("agreements.csv", "rows.parquet", "events.json", "nc-counties.geojson")
        for name in (*files, "data-dictionary.md"):
            assert f'href="/downloads/{name}"' in page
        assert "CC BY 4.0" in page and "Deputized. 287(g) agreements" in page
    home = api.get("/en/").content.decode()
    assert 'href="/en/downloads/"' in home  # linked from every page's footer
    response = api.get("/downloads/agreements.csv")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    assert b"".join(response.streaming_content) == (built / "agreements.csv").read_bytes()
    dictionary = api.get("/downloads/data-dictionary.md")
    assert dictionary.status_code == 200 and dictionary["Content-Type"].startswith("text/markdown")
    assert b"".join(dictionary.streaming_content) == DICTIONARY.read_bytes()
    assert api.get("/downloads/secret.csv").status_code == 404


# --- the data dictionary ---


def dictionary_sections() -> list[tuple[set[str], set[str]]]:
    """(names in the heading's backticks, field names in the first column) for each section."""
    sections: list[tuple[set[str], set[str]]] = []
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            sections.append((set(re.findall(r"`([^`]+)`", line)), set()))
        elif line.startswith("|") and sections:
            first = line.split("|")[1]
            sections[-1][1].update(re.findall(r"`([^`]+)`", first))
    return sections


def documented(name: str) -> set[str]:
    return set().union(*(fields for heading, fields in dictionary_sections() if name in heading))


def test_every_field_of_the_api_and_the_files_is_in_the_data_dictionary(api, built):
    schema = api.get("/api/v1/openapi.json").json()
    missing = []
    for component, spec in schema["components"]["schemas"].items():
        for field in spec.get("properties", {}):
            if field not in documented(component):
                missing.append(f"{component}.{field}")
    parameters = documented("parameters")
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] not in parameters:
                    missing.append(f"{path} ?{parameter['name']}")
    for dataset in build.DATASETS:
        with (built / f"{dataset}.csv").open(newline="", encoding="utf-8") as handle:
            columns = next(csv.reader(handle))  # the header: a data set may have no rows yet
        assert list(columns) == records.flat_columns(dataset)
        assert pq.read_schema(built / f"{dataset}.parquet").names == list(columns)
        missing += [f"{dataset}.csv {c}" for c in columns if c not in documented(f"{dataset}.csv")]
    geo = json.loads((built / "nc-counties.geojson").read_text())
    properties = geo["features"][0]["properties"]
    missing += [f"geojson {p}" for p in properties if p not in documented(build.GEOJSON)]
    manifest = json.loads((built / "manifest.json").read_text())
    fields = {*manifest, *manifest["files"][0]}
    missing += [f"manifest {f}" for f in sorted(fields) if f not in documented(build.MANIFEST)]
    assert missing == []


# --- property-based: the API against its own OpenAPI document ---


@pytest.fixture
def wsgi_in_test_transaction():
    """schemathesis calls the WSGI application itself, whose request signals close the database
    connection after each request; inside a test's transaction that would close it for good.
    Django's test client disconnects them the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_the_api_never_errs_and_always_keeps_to_its_schema(api, wsgi_in_test_transaction):
    """schemathesis generates requests for every operation from /api/v1/openapi.json (a bounded
    number each) and checks every response: no server error, status, content type, headers and
    body as the document says."""
    import schemathesis
    from hypothesis import HealthCheck, given
    from hypothesis import settings as hypothesis_settings

    from deputized.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    paths = schema.raw_schema["paths"]
    for operation in operations:
        modes = [schemathesis.GenerationMode.POSITIVE]
        # An operation with no parameter has no invalid request to make (hypothesis would find
        # the negative mode unsatisfiable).
        if paths[operation.path][operation.method.lower()].get("parameters"):
            modes.append(schemathesis.GenerationMode.NEGATIVE)
        for mode in modes:

            @given(case=operation.as_strategy(generation_mode=mode))
            @hypothesis_settings(
                max_examples=40,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            def check(case: schemathesis.Case) -> None:
                # schemathesis's WSGI transport asks for gzip but never decompresses; a real
                # client does (compression is tested in tests/web/test_basics.py).
                headers = {"Host": "127.0.0.1", "Accept-Encoding": "identity"}
                case.headers = {**(case.headers or {}), **headers}
                case.call_and_validate()

            check()
