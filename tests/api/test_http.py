"""The API's HTTP behaviour, on a small database: JSON errors naming the bad parameter, ETag and
Last-Modified with 304s, CORS, HEAD, the rate limit, and the OpenAPI document and docs page."""

from __future__ import annotations

import pytest
from django.test import Client

from deputized.archive.ingest.run import run

pytestmark = pytest.mark.django_db

ONE_FILE = "2026-04-30am_participatingAgencies04302026am.xlsx"


@pytest.fixture
def api(settings):
    settings.API_RATE_LIMIT = None
    return Client(HTTP_HOST="127.0.0.1")


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("as_of=2026-13-40", "as_of"),
        ("as_of=yesterday", "as_of"),
        ("page=0", "page"),
        ("page_size=5000", "page_size"),
        ("state=North%20Carolina", "state"),
        ("county=duplin", "county"),
        ("town=12", "town"),
        ("model=XYZ", "model"),
        ("status=gone", "status"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(api, query, parameter):
    response = api.get(f"/api/v1/agreements?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert [e["parameter"] for e in body["errors"]] == [parameter]
    assert parameter in body["detail"] and body["errors"][0]["message"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_unknown_things_are_404s_in_json(api):
    for path in (
        "/api/v1/agencies/nc-no-such-agency",
        "/api/v1/publications/" + "0" * 64,
        "/api/v1/places/counties/99999",
        "/api/v1/agreements?county=99999",
        "/api/v1/events?town=9999999",
    ):
        response = api.get(path)
        assert response.status_code == 404, path
        assert response.json()["detail"], path


def test_an_unchanged_answer_is_a_304_until_the_data_changes(api, snapshots_dir):
    first = api.get("/api/v1/agreements?state=NC")
    assert first.status_code == 200 and first.json()["count"] == 0
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    again = api.get("/api/v1/agreements?state=NC", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag and again["Access-Control-Allow-Origin"] == "*"
    assert (
        api.get("/api/v1/agreements?state=NC", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    )
    other = api.get("/api/v1/agreements?state=VA")
    assert other["ETag"] != etag  # the URL is part of the tag
    # `If-None-Match: *`: 304 for what exists, and what does not exist is still a 404.
    star = api.get("/api/v1/agreements?state=NC", HTTP_IF_NONE_MATCH="*")
    assert star.status_code == 304
    assert api.get("/api/v1/agencies/nc-nobody", HTTP_IF_NONE_MATCH="*").status_code == 404
    run(paths=[snapshots_dir / ONE_FILE])
    changed = api.get("/api/v1/agreements?state=NC", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    # The data changed within the same second: Last-Modified still moves on, so a client that
    # only sends If-Modified-Since gets the new answer.
    assert changed["Last-Modified"] != modified
    since = api.get("/api/v1/agreements?state=NC", HTTP_IF_MODIFIED_SINCE=modified)
    assert since.status_code == 200
    publications = api.get("/api/v1/publications").json()
    assert publications["count"] == 1 and ONE_FILE.endswith(publications["items"][0]["file_name"])


def test_reads_are_open_to_every_origin_and_head_has_no_body(api):
    response = api.get("/api/v1/events", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = api.options(
        "/api/v1/events",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    head = api.head("/api/v1/events")
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == response["ETag"]
    assert api.post("/api/v1/events").status_code == 405


def test_the_rate_limit_answers_429_with_retry_after_even_for_cached_answers(api, settings):
    settings.API_RATE_LIMIT = "3/min"
    statuses = [api.get("/api/v1/agencies").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = api.get("/api/v1/agencies")
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert refused.json()["detail"].startswith("Too many requests")
    other = Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR="10.0.0.9")
    assert other.get("/api/v1/agencies").status_code == 200  # counted per address
    # A forged X-Forwarded-For changes nothing without a proxy in front...
    forged = api.get("/api/v1/agencies", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert forged.status_code == 429
    # ...and behind one, only the address the proxy saw counts, not what the client wrote.
    settings.NUM_PROXIES = 1
    behind = Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR="10.0.0.1")
    hops = ["198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4"]
    statuses = [
        behind.get("/api/v1/agencies", HTTP_X_FORWARDED_FOR=f"{fake}, 192.0.2.50").status_code
        for fake in hops
    ]
    assert statuses == [200, 200, 200, 429]


def test_the_openapi_document_and_the_docs_page(api):
    schema = api.get("/api/v1/openapi.json").json()
    assert schema["openapi"] == "3.1.0"
    assert {
        "/api/v1/agreements",
        "/api/v1/agencies",
        "/api/v1/events",
        "/api/v1/publications/{sha256}/rows",
        "/api/v1/publications/{sha256}/file",
        "/api/v1/places/counties/{fips}",
        "/api/v1/places/towns/{geoid}",
    } <= set(schema["paths"])
    docs = api.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"/api/v1/openapi.json" in docs.content
    assert b"/static/ninja/swagger-ui-bundle.js" in docs.content  # served by the site, no CDN


def test_a_missing_resource_is_a_404_whatever_the_client_sends(api):
    """A conditional request names no resource into existence: never a 304 for a 404."""
    future = "Fri, 01 Jan 2100 00:00:00 GMT"
    for path in ("/api/v1/agencies/nc-nobody", "/api/v1/places/counties/99999"):
        answer = api.get(path, HTTP_IF_MODIFIED_SINCE=future)
        assert answer.status_code == 404, path
        assert answer.json()["detail"]
        assert "ETag" not in answer and "Last-Modified" not in answer
    # And what exists still gets its 304.
    assert api.get("/api/v1/agencies", HTTP_IF_MODIFIED_SINCE=future).status_code == 304


def test_junk_query_parameters_never_make_a_cache_entry(api):
    """150 requests with random parameters (the review's 94 MB) keep one answer: only the
    operation's own parameters, sorted, the last value of each, key the cache."""
    import secrets

    from django.core.cache import cache

    clean = api.get("/api/v1/agreements?page_size=5&state=NC")
    entries = len(cache._cache)
    for _ in range(150):
        junk = secrets.token_hex(8)
        answer = api.get(f"/api/v1/agreements?{junk}={junk * 50}&state=NC&since={junk}&page_size=5")
        assert answer.status_code == 200
        assert answer["ETag"] == clean["ETag"] and answer.content == clean.content
    assert len(cache._cache) == entries
    # A repeated parameter counts once, with the value the operation reads (the last).
    repeated = api.get("/api/v1/agreements?state=VA&state=NC&page_size=5")
    assert repeated["ETag"] == clean["ETag"]
    assert len(cache._cache) == entries
