"""Uploads of responses: type checked by content, size limited, a clear message when refused;
public only after a curator's review, and only from a public request."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document
from openpyxl import Workbook

from deputized.history.models import Agency
from deputized.records import responses, tracker
from deputized.records.models import ResponseDocument, TrackedRequest

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def docx_bytes() -> bytes:
    document = Document()
    document.add_paragraph("Invoice 42: bed-days 1,240")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    book = Workbook()
    book.active.append(["month", "bed days"])
    book.active.append(["2026-01", 1240])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("claim.pdf", PDF, "pdf"),
        ("photo.png", PNG, "png"),
        ("invoice.docx", None, "docx"),
        ("bed-days.xlsx", None, "xlsx"),
        ("holds.csv", b"month,holds\n2026-01,12\n", "csv"),
    ],
)
def test_files_that_are_what_their_name_says_are_taken(name: str, data: bytes, kind: str) -> None:
    data = data or (docx_bytes() if kind == "docx" else xlsx_bytes())
    assert responses.check(filename=name, size=len(data), data=data) == kind


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("claim.pdf", EXE, "its content is not a PDF file"),
        ("claim.pdf", PNG, "its content is not a PDF file"),
        ("invoice.docx", None, "its content is not a DOCX file"),  # an xlsx renamed
        ("run.exe", EXE, "Only PDF, XLSX, CSV, DOCX"),
        ("holds.csv", EXE, "its content is not a CSV file"),
    ],
)
def test_files_that_are_not_are_refused_clearly(name: str, data: bytes, message: str) -> None:
    data = data or xlsx_bytes()
    with pytest.raises(responses.Refused, match=message):
        responses.check(filename=name, size=len(data), data=data)


def test_a_file_over_the_limit_is_refused_unread() -> None:
    with pytest.raises(responses.Refused, match="too large: at most 20 MB"):
        responses.check(filename="big.pdf", size=responses.MAX_BYTES + 1, data=b"")


@pytest.fixture
def tracked(db) -> TrackedRequest:
    Agency.objects.create(
        id="nc-test-county-sheriffs-office",
        state="NC",
        name="Test County Sheriff's Office",
        first_seen_on=dt.date(2025, 1, 1),
    )
    return TrackedRequest.objects.create(
        public_id="abc",
        agency_id="nc-test-county-sheriffs-office",
        email="requester@example.org",
        is_public=True,
        confirmed_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
        sent_on=dt.date(2026, 12, 1),
        status_on=dt.date(2026, 12, 1),
        follow_up_due=dt.date(2026, 12, 15),
        mediation_due=dt.date(2026, 12, 30),
    )


def upload(client: Client, tracked: TrackedRequest, name: str, data: bytes, title: str):
    url = f"/en/records/manage/{tracker.manage_token(tracked)}/upload/"
    return client.post(
        url,
        {
            "file": SimpleUploadedFile(name, data),
            "title": title,
            "received_on": "2026-12-20",
            "source": "Test County Sheriff's Office, by email",
        },
    )


def test_upload_review_then_public_on_the_agency_page(client: Client, tracked) -> None:
    refused = upload(client, tracked, "claim.pdf", EXE, "Fake")
    assert refused.status_code == 400
    html = refused.content.decode()
    assert 'role="alert"' in html and "its content is not a PDF file" in html
    assert upload(client, tracked, "invoice.docx", docx_bytes(), "ICE invoice").status_code == 200
    document = ResponseDocument.objects.get()
    assert document.kind == "docx" and "bed-days 1,240" in document.text
    agency_page = "/en/agencies/nc-test-county-sheriffs-office/"
    file_url = f"/en/records/responses/{document.pk}/file"
    assert client.get(file_url).status_code == 404  # not reviewed
    ResponseDocument.objects.update(reviewed=True)
    response = client.get(file_url)
    assert response.status_code == 200 and response.content == bytes(document.data)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    listed = client.get(agency_page).content.decode()
    assert "ICE invoice" in listed and file_url in listed
    assert "requester@example.org" not in listed
    # The requester makes the request private: its response is no longer public.
    tracker.request_status_set(tracked, status="partial", on=dt.date(2026, 12, 20), is_public=False)
    assert client.get(file_url).status_code == 404


def test_a_reviewed_response_of_a_public_request_is_listed(client: Client, tracked) -> None:
    upload(client, tracked, "bed-days.xlsx", xlsx_bytes(), "Bed-day counts")
    ResponseDocument.objects.update(reviewed=True)
    listed = list(responses.public_for_agency("nc-test-county-sheriffs-office"))
    assert [d.title for d in listed] == ["Bed-day counts"]


def test_a_curators_review_moves_the_data_version(client: Client, tracked) -> None:
    from django.contrib.admin.sites import site

    from deputized.history.version import data_version

    upload(client, tracked, "holds.csv", b"month,holds\n2026-01,12\n", "Holds")
    before = data_version()
    admin = site._registry[ResponseDocument]
    admin.mark_reviewed(None, ResponseDocument.objects.all())
    assert data_version() != before
    assert ResponseDocument.objects.get().reviewed
