"""Workbooks written part by part, for what openpyxl would never write: hostile or unusual XML,
cells without references, a DTD, a zip whose sizes lie.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Mapping

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_SPREADSHEETML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CONTENT_TYPES = (
    DECLARATION + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_SPREADSHEETML}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_SPREADSHEETML}.worksheet+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    DECLARATION + f'<Relationships xmlns="{PKG_RELS}"><Relationship Id="rId1" '
    f'Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    DECLARATION + f'<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>'
    '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    DECLARATION + f'<Relationships xmlns="{PKG_RELS}"><Relationship Id="rId1" '
    f'Type="{DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>STATE</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>LAW ENFORCEMENT AGENCY</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>SUPPORT TYPE</t></is></c></row>'
)


def sheet_xml(sheet_data: str, *, prolog: str = "", before: str = "", after: str = "") -> str:
    """A worksheet part: `sheet_data` is what goes inside <sheetData>."""
    return (
        DECLARATION + prolog + f'<worksheet xmlns="{MAIN}" xmlns:r="{DOC_RELS}">{before}'
        f"<sheetData>{sheet_data}</sheetData>{after}</worksheet>"
    )


def raw_workbook(sheet: str | bytes, extra: Mapping[str, str | bytes] | None = None) -> bytes:
    """An xlsx file holding one sheet part as given; `extra` adds or replaces parts by name."""
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet,
        **(extra or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _stored_entry(name: bytes, content: bytes, offset: int) -> tuple[bytes, bytes]:
    crc = zlib.crc32(content)
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0, crc, len(content), len(content), len(name), 0
    )
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50, 20, 20, 0, 0, 0, 0, crc, len(content), len(content), len(name),
        0, 0, 0, 0, 0, offset,
    )  # fmt: skip
    return local + name + content, central + name


def zip_with_a_lying_part(
    parts: Mapping[str, bytes], name: str, stream: bytes, declared: int, crc: int
) -> bytes:
    """A zip of stored `parts` plus `name`, whose deflate `stream` is written as it is, with
    whatever uncompressed size and CRC the caller declares (zipfile cannot write a lie)."""
    body, directory = b"", b""
    for part, content in parts.items():
        local, central = _stored_entry(part.encode(), content, len(body))
        body, directory = body + local, directory + central
    raw = name.encode()
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(stream), declared, len(raw), 0
    )
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(stream), declared, len(raw),
        0, 0, 0, 0, 0, len(body),
    )  # fmt: skip
    body, directory = body + local + raw + stream, directory + central + raw
    count = len(parts) + 1
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), len(body), 0)
    return body + directory + end


def deflate_zeros(megabytes: int) -> bytes:
    """A raw deflate stream of `megabytes` MB of zeros, about 1 KB per MB, built in milliseconds:
    one fully flushed block (which refers to nothing before it) repeated, then a final block."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b"\0" * 1024 * 1024) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block * megabytes + b"\x03\x00"  # an empty final block with fixed codes


def workbook_parts() -> dict[str, bytes]:
    """The parts of raw_workbook around a sheet, to build a zip by hand."""
    return {
        "[Content_Types].xml": CONTENT_TYPES.encode(),
        "_rels/.rels": PACKAGE_RELS.encode(),
        "xl/workbook.xml": WORKBOOK.encode(),
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS.encode(),
    }
