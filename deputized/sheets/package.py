"""An xlsx file's zip container, opened within the limits of `limits.py`.

The zip's declared sizes are checked before any part is inflated; each part is then inflated here,
by the standard library, which stops at the declared size and checks the CRC. calamine is handed a
stored (uncompressed) copy of exactly these bytes, so it never inflates anything itself: a part
whose compressed stream runs on past its declared size (a CRC forged for the prefix) cannot grow
inside calamine either.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from deputized.sheets import limits
from deputized.sheets.errors import UnreadableWorkbook
from deputized.sheets.xmlparts import refuse_dtd

# An OLE2 compound file: what Excel writes for a password-protected workbook, or an old .xls.
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_XML_SUFFIXES = (".xml", ".rels")
_MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Package:
    parts: dict[str, bytes]  # part name -> its uncompressed bytes

    def read(self, name: str) -> bytes:
        try:
            return self.parts[name]
        except KeyError:
            raise UnreadableWorkbook(f"not an xlsx workbook: it has no {name}") from None

    def stored_copy(self) -> bytes:
        """The same parts in a zip without compression, for calamine."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
            for name, content in self.parts.items():
                archive.writestr(zipfile.ZipInfo(name), content)
        return buffer.getvalue()


def _check_declared_sizes(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > limits.MAX_PARTS:
        raise UnreadableWorkbook(
            f"the workbook has {len(infos)} parts, far more than any ICE list "
            f"(limit {limits.MAX_PARTS}); refused unread"
        )
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        if size > limits.MAX_PART_BYTES:
            raise UnreadableWorkbook(
                f"part {info.filename} declares {size / _MB:,.1f} MB uncompressed, far more than "
                f"any ICE list (limit {limits.MAX_PART_BYTES // _MB} MB): a zip bomb? "
                "refused unread"
            )
        if size > limits.RATIO_CHECKED_FROM_BYTES and (
            size > info.compress_size * limits.MAX_COMPRESSION_RATIO
        ):
            ratio = size / max(info.compress_size, 1)
            raise UnreadableWorkbook(
                f"part {info.filename} is compressed {ratio:,.0f} to 1, far more than any ICE list "
                f"(limit {limits.MAX_COMPRESSION_RATIO}): a zip bomb? refused unread"
            )
    if total > limits.MAX_TOTAL_BYTES:
        raise UnreadableWorkbook(
            f"the workbook declares {total / _MB:,.1f} MB uncompressed, far more than any ICE list "
            f"(limit {limits.MAX_TOTAL_BYTES // _MB} MB): a zip bomb? refused unread"
        )


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    if info.flag_bits & 0x1:
        raise UnreadableWorkbook(f"part {info.filename} is encrypted")
    try:
        # At most the declared size: zipfile's read() of a whole part would first inflate all of a
        # stream whose header lies about its size (1.5 GB from 1.5 MB, in memory).
        with archive.open(info) as part:
            return part.read(info.file_size)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise UnreadableWorkbook(f"corrupt or truncated part {info.filename} ({exc})") from exc
    except NotImplementedError as exc:  # a compression method Excel never uses
        raise UnreadableWorkbook(f"part {info.filename}: {exc}") from exc


def open_package(data: bytes) -> Package:
    """Every part of the workbook, inflated within the limits; XML parts checked for a DTD."""
    if len(data) > limits.MAX_FILE_BYTES:
        raise UnreadableWorkbook(
            f"file is {len(data) / _MB:,.1f} MB, far larger than any ICE list "
            f"(limit {limits.MAX_FILE_BYTES // _MB} MB)"
        )
    if data.startswith(_OLE_SIGNATURE):
        raise UnreadableWorkbook(
            "not an xlsx workbook: a password-protected workbook or an old .xls file"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise UnreadableWorkbook(f"not an xlsx workbook, or a truncated one ({exc})") from exc
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        _check_declared_sizes(infos)
        # A name listed twice is read as its last copy, as zipfile (and so openpyxl) does.
        parts = {info.filename: _inflate(archive, info) for info in infos}
    for name, content in parts.items():
        if name.endswith(_XML_SUFFIXES):
            refuse_dtd(content, name)
    return Package(parts)
