"""The records API on the places database (detention data loaded): facilities, public requests
(reviewed only, never an email), the cost model; schemathesis on these operations; and a scan
that nothing private reaches a page, the API or a download."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from django.test import Client

from deputized.records.models import ResponseDocument, TrackedRequest
from tests.records.helpers import make_agency

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("places")]

ALAMANCE = "ice-fac-nc-alamance-county-detention-facility"
SO = "nc-alamance-county-sheriffs-office"
SECRET_EMAIL = "private.requester@example.org"


@pytest.fixture
def requests_made() -> None:
    make_agency(SO, "Alamance County Sheriff's Office", ori="NC0010000", county="37001")
    common = {
        "agency_id": SO,
        "sent_on": dt.date(2026, 12, 1),
        "status_on": dt.date(2026, 12, 1),
        "follow_up_due": dt.date(2026, 12, 15),
        "mediation_due": dt.date(2026, 12, 30),
        "confirmed_at": dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
    }
    public = TrackedRequest.objects.create(
        public_id="public1",
        email="public.requester@example.org",
        is_public=True,
        reviewed=True,
        **common,
    )
    private = TrackedRequest.objects.create(
        public_id="private1", email=SECRET_EMAIL, is_public=False, reviewed=True, **common
    )
    TrackedRequest.objects.create(  # public but not reviewed: not in the API
        public_id="unreviewed1", email="x@example.org", is_public=True, **common
    )
    for tracked, title in ((public, "Public invoice"), (private, "Private invoice secret")):
        ResponseDocument.objects.create(
            agency_id=SO,
            request=tracked,
            title=title,
            received_on=dt.date(2026, 12, 10),
            source="by email",
            kind="csv",
            filename="x.csv",
            size=4,
            sha256="0" * 64,
            data=b"a,b\n",
            reviewed=True,
        )


def test_facilities_and_their_history(client: Client) -> None:
    page = client.get("/api/v1/facilities?county=37001").json()
    assert [f["facility_id"] for f in page["items"]] == [ALAMANCE]
    detail = client.get(f"/api/v1/facilities/{ALAMANCE}").json()
    assert detail["type_detailed"] == "IGSA" and len(detail["reports"]) == 141
    assert sum(1 for r in detail["reports"] if r["data_quality_flag"]) == 1
    assert any("$135 per inmate" in r["quote"] for r in detail["rates"])
    assert client.get("/api/v1/facilities/no-such").status_code == 404


def test_only_public_reviewed_requests_without_emails(client: Client, requests_made) -> None:
    body = client.get(f"/api/v1/records-requests?agency={SO}").content.decode()
    data = json.loads(body)
    assert [r["id"] for r in data["items"]] == ["public1"]
    assert [d["title"] for d in data["items"][0]["responses"]] == ["Public invoice"]
    assert "@" not in body


def test_the_cost_model_by_hand(client: Client, requests_made) -> None:
    query = "officers=4&salary=50000&benefits_percent=30&overtime=15000&tier=80&budget=10000000"
    data = client.get(f"/api/v1/agencies/{SO}/cost?{query}").json()
    assert data["reimbursement_per_year"] == "310000.00"
    assert data["awards_per_year"] == "12000.00"
    assert data["budget_share_percent"] == "3.22"
    assert data["inputs"]["officers"] == 4
    assert client.get("/api/v1/agencies/nc-nowhere/cost").status_code == 404
    assert client.get(f"/api/v1/agencies/{SO}/cost?officers=-1").status_code == 400


def test_nothing_private_is_listed_publicly(client: Client, requests_made) -> None:
    """Pages, the API, its document and the downloads: no private request, response or email."""
    paths = [
        f"/en/agencies/{SO}/",
        f"/es/agencies/{SO}/",
        "/en/states/nc/counties/alamance/",
        "/en/records/requests/public1/",
        "/api/v1/records-requests",
        f"/api/v1/records-requests?agency={SO}",
        "/api/v1/facilities",
        "/api/v1/openapi.json",
        f"/en/agencies/{SO}/records-request/",
        f"/en/agencies/{SO}/records-request.docx",
        f"/en/agencies/{SO}/records-request.pdf",
        "/feeds/agencies/" + SO + "/",
        "/en/downloads/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        content = b"".join(response.streaming_content) if response.streaming else response.content
        for secret in (SECRET_EMAIL, "public.requester@example.org", "Private invoice secret"):
            assert secret.encode() not in content, (path, secret)
        assert b"private1" not in content, path
    assert client.get("/en/records/requests/private1/").status_code == 404
    private_doc = ResponseDocument.objects.get(title="Private invoice secret")
    assert client.get(f"/en/records/responses/{private_doc.pk}/file").status_code == 404
    public_page = client.get(f"/en/agencies/{SO}/").content.decode()
    assert "Public invoice" in public_page


@pytest.fixture
def wsgi_in_test_transaction() -> Iterator[None]:
    """As the API tests do: schemathesis calls the WSGI application, whose request signals
    would close the test transaction's connection."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_the_records_api_keeps_to_its_schema(requests_made, wsgi_in_test_transaction) -> None:
    import schemathesis
    from hypothesis import HealthCheck, given
    from hypothesis import settings as hypothesis_settings

    from deputized.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [
        op
        for op in (result.ok() for result in schema.get_all_operations())
        if "/facilities" in op.path or "/records-requests" in op.path or op.path.endswith("/cost")
    ]
    assert len(operations) == 4
    for operation in operations:
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @hypothesis_settings(
                max_examples=25,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            def check(case: schemathesis.Case) -> None:
                headers = {"Host": "127.0.0.1", "Accept-Encoding": "identity"}
                case.headers = {**(case.headers or {}), **headers}
                case.call_and_validate()

            check()
