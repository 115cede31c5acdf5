"""Checks on a curator's upload of a body's adopted text: only a real PDF or Word (DOCX) file, of
bounded size, is kept, under a name of our own (never the uploader's file name).

The file is read, not trusted: its extension, its first bytes (PDF) or its zip directory (DOCX)
must agree, a DOCX may carry no macros, and its unpacked size is bounded (a zip bomb is refused
before anything is written). A refused file is never stored, and the record is not saved.
"""

from __future__ import annotations

import secrets
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
KINDS = {".pdf": "PDF", ".docx": "Word (DOCX)"}


def validate_copy(upload: UploadedFile) -> None:
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in KINDS:
        raise ValidationError("Upload a PDF or a Word (.docx) file.")
    if upload.size is None or upload.size > MAX_BYTES:
        raise ValidationError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    if upload.size == 0:
        raise ValidationError("The file is empty.")
    upload.seek(0)
    try:
        if suffix == ".pdf":
            _check_pdf(upload)
        else:
            _check_docx(upload)
    finally:
        upload.seek(0)


def _check_pdf(upload: UploadedFile) -> None:
    head = upload.read(1024)
    if not head.startswith(b"%PDF-"):
        raise ValidationError("This file is not a PDF (it does not begin as one).")
    upload.seek(max(upload.size - 2048, 0))
    if b"%%EOF" not in upload.read():
        raise ValidationError("This PDF is incomplete (it has no end marker).")


def _check_docx(upload: UploadedFile) -> None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ValidationError("This file is not a Word (.docx) document.") from error
    if not {"[Content_Types].xml", "word/document.xml"} <= names:
        raise ValidationError("This file is not a Word (.docx) document.")
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError("Documents with macros are not accepted.")
    if unpacked > MAX_UNPACKED_BYTES:
        raise ValidationError("This document unpacks to more than 50 MB.")


def copy_name(instance: object, filename: str) -> str:
    """A random name with the checked extension: the uploader's file name may name a person."""
    return f"copies/{secrets.token_hex(12)}{PurePath(filename).suffix.lower()}"
