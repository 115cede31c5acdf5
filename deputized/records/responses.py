"""Responses to records requests: uploads checked by content (magic bytes and structure, never
by name alone), size-limited, text extracted for search (never executed), public only once a
curator reviewed them (and, for a tracked request, only if its requester made it public)."""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import zipfile
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from deputized.records.models import ResponseDocument, TrackedRequest

log = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024
MAX_TEXT = 200_000
# The name's extension -> the kind its content must be.
EXTENSIONS = {
    "pdf": "pdf",
    "xlsx": "xlsx",
    "csv": "csv",
    "docx": "docx",
    "png": "png",
    "jpg": "jpeg",
    "jpeg": "jpeg",
    "webp": "webp",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
}


class Refused(Exception):
    """An upload that is refused, with the message to show."""


def _office_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    return None


def _is_csv(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    if not lines:
        return False
    rows = list(csv.reader(lines))
    return len(rows[0]) >= 2 or len(lines) == 1


def sniff(data: bytes) -> str | None:
    """The kind the content is, by its first bytes and structure (None: none we accept)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    if _is_csv(data):
        return "csv"
    return None


def check(*, filename: str, size: int, data: bytes) -> str:
    """The file's kind, or `Refused` saying why: too big, a type we do not take, or content
    that is not what its name says."""
    if size > MAX_BYTES or len(data) > MAX_BYTES:
        raise Refused(
            _("The file is too large: at most %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    expected = EXTENSIONS.get(extension)
    if expected is None:
        raise Refused(_("Only PDF, XLSX, CSV, DOCX, PNG, JPEG or WebP files are accepted."))
    found = sniff(data)
    if found != expected:
        raise Refused(
            _("The file's name says %(ext)s, but its content is not a %(ext)s file.")
            % {"ext": extension.upper()}
        )
    return found


def extract_text(kind: str, data: bytes) -> str:
    """Searchable text, read without running anything in the file (best effort)."""
    try:
        if kind == "pdf":
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(data))
            text = "\n".join((page.extract_text() or "") for page in reader.pages[:200])
        elif kind == "docx":
            from docx import Document

            text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
        elif kind == "xlsx":
            from openpyxl import load_workbook

            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            parts = []
            for sheet in book.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    parts.append(" ".join(str(v) for v in row if v is not None))
                    if sum(len(p) for p in parts) > MAX_TEXT:
                        break
            text = "\n".join(parts)
        elif kind == "csv":
            text = data.decode("utf-8-sig")
        else:
            text = ""
    except Exception:  # a damaged file still uploads; it is only not searchable
        log.warning("no text extracted from an uploaded %s", kind)
        text = ""
    return text[:MAX_TEXT]


@dataclass(frozen=True)
class Upload:
    filename: str
    size: int
    data: bytes


def response_upload(
    *,
    agency_id: str,
    upload: Upload,
    title: str,
    received_on: object,
    source: str,
    request: TrackedRequest | None = None,
) -> ResponseDocument:
    kind = check(filename=upload.filename, size=upload.size, data=upload.data)
    return ResponseDocument.objects.create(
        agency_id=agency_id,
        request=request,
        title=title,
        received_on=received_on,
        source=source,
        kind=kind,
        filename=upload.filename.rsplit("/", 1)[-1][:200],
        size=len(upload.data),
        sha256=hashlib.sha256(upload.data).hexdigest(),
        data=upload.data,
        text=extract_text(kind, upload.data),
    )


def public_responses() -> QuerySet[ResponseDocument]:
    """Reviewed, and either uploaded without a request or from a public, confirmed one."""
    return (
        ResponseDocument.objects.filter(reviewed=True)
        .filter(
            Q(request__isnull=True)
            | Q(request__is_public=True, request__confirmed_at__isnull=False)
        )
        .defer("data", "text")
    )


def public_for_agency(agency_id: str) -> QuerySet[ResponseDocument]:
    return public_responses().filter(agency_id=agency_id)
