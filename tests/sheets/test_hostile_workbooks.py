"""Hostile workbooks are refused quickly, in little memory, with a message naming the problem.

A workbook arrives from the network (ICE's page, or anyone's upload to a curator): a DTD (entity
expansion, external entities), a zip bomb, or a sheet reaching cell XFD1048576 must cost neither
the memory nor the minutes of the machine that reads it. The time and memory of the worst cases are
measured in a fresh process, so that nothing this test process holds counts.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from rawbooks import (
    DECLARATION,
    HEADER_ROW,
    WORKBOOK,
    deflate_zeros,
    raw_workbook,
    sheet_xml,
    workbook_parts,
    zip_with_a_lying_part,
)

from deputized.sheets import UnreadableWorkbook, read_workbook
from deputized.sheets.limits import MAX_PART_BYTES

BILLION_LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
)
EXTERNAL = '<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
SHARED_STRINGS = (
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    'uniqueCount="1"><si><t>&secret;</t></si></sst>'
)
SHEET = sheet_xml(HEADER_ROW)


def refusal(data: bytes) -> str:
    with pytest.raises(UnreadableWorkbook) as caught:
        read_workbook(data)
    return str(caught.value)


# ---- XML: no DTD anywhere ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "data"),
    [
        pytest.param(
            "xl/worksheets/sheet1.xml",
            raw_workbook(sheet_xml(HEADER_ROW.replace("STATE", "&d;STATE"), prolog=BILLION_LAUGHS)),
            id="entity expansion in the sheet",
        ),
        pytest.param(
            "xl/workbook.xml",
            raw_workbook(SHEET, {"xl/workbook.xml": WORKBOOK.replace(DECLARATION, EXTERNAL)}),
            id="external entity in the workbook part",
        ),
        pytest.param(
            "xl/sharedStrings.xml",
            raw_workbook(SHEET, {"xl/sharedStrings.xml": DECLARATION + EXTERNAL + SHARED_STRINGS}),
            id="external entity in the shared strings (read by calamine)",
        ),
        pytest.param(
            "xl/worksheets/_rels/sheet1.xml.rels",
            raw_workbook(
                SHEET,
                {"xl/worksheets/_rels/sheet1.xml.rels": '<!DOCTYPE r SYSTEM "http://x/r.dtd"><r/>'},
            ),
            id="external DTD in the hyperlinks' relationships",
        ),
        pytest.param(
            "docProps/core.xml",
            raw_workbook(SHEET, {"docProps/core.xml": BILLION_LAUGHS + "<worksheet/>"}),
            id="a part nobody reads",
        ),
    ],
)
def test_a_workbook_declaring_a_dtd_is_refused_naming_the_part(part, data):
    message = refusal(data)
    assert part in message
    assert "declares a DTD or an XML entity" in message


# ---- resources: measured in a fresh process ---------------------------------------------------

# The peak resident memory of the measuring process: VmHWM, not getrusage's ru_maxrss, which on
# Linux outlives exec and so reports the (large) test worker the process was forked from.
MEASURE = """
import json, sys, time
from deputized.sheets import SheetError, read_workbook


def peak_megabytes():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024

data = open(sys.argv[1], "rb").read()
started = time.perf_counter()
try:
    read_workbook(data)
    outcome = "read"
except SheetError as exc:
    outcome = f"{type(exc).__name__}: {exc}"
seconds = time.perf_counter() - started
print(json.dumps({"outcome": outcome, "seconds": seconds,
                  "megabytes": peak_megabytes()}))
"""


def read_in_a_fresh_process(data: bytes, folder: Path) -> dict:
    path = folder / "hostile.xlsx"
    path.write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
        check=True,
    )
    return json.loads(done.stdout)


def zip_bomb(declared: int) -> bytes:
    """1.5 GB of zeros in about 1.5 MB, declared as `declared` bytes, as the shared strings."""
    parts = {**workbook_parts(), "xl/worksheets/sheet1.xml": SHEET.encode()}
    stream = deflate_zeros(1500)
    assert 1_400_000 < len(stream) < 1_700_000
    crc = zlib.crc32(b"\0" * min(declared, 1024))  # right for the declared prefix, when small
    return zip_with_a_lying_part(parts, "xl/sharedStrings.xml", stream, declared, crc)


XFD = sheet_xml(
    HEADER_ROW + '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        pytest.param(
            zip_bomb(declared=1500 * 1024 * 1024),
            "part xl/sharedStrings.xml declares 1,500.0 MB uncompressed",
            id="zip bomb, declared",
        ),
        pytest.param(
            zip_bomb(declared=1024),
            "xl/sharedStrings.xml is not well-formed XML",
            id="zip bomb declaring 1 KB",
        ),
        pytest.param(raw_workbook(XFD), "a cell reaches XFD1048576", id="a cell at XFD1048576"),
    ],
)
def test_hostile_workbook_is_refused_fast_in_little_memory(tmp_path, data, problem):
    result = read_in_a_fresh_process(data, tmp_path)
    assert problem in result["outcome"]
    assert result["outcome"].startswith("UnreadableWorkbook")
    assert result["seconds"] < 2
    assert result["megabytes"] < 300


def test_the_cell_at_xfd1048576_sits_in_a_small_file():
    assert len(raw_workbook(XFD)) < 5_000
    assert "beyond any ICE list" in refusal(raw_workbook(XFD))


@pytest.mark.parametrize(
    ("sheet", "problem"),
    [
        pytest.param(
            sheet_xml(HEADER_ROW + '<row r="40001"><c r="A40001" s="1"/></row>'),
            "a cell reaches A40001",
            id="an empty formatted cell past the last row allowed",
        ),
        pytest.param(
            sheet_xml(
                HEADER_ROW + '<row r="2"><c r="BM2" t="inlineStr"><is><t>x</t></is></c></row>'
            ),
            "a cell reaches BM2",
            id="a cell past the last column allowed",
        ),
        pytest.param(
            sheet_xml(HEADER_ROW, before='<dimension ref="A1:XFD1048576"/>'),
            "its dimension reaches XFD1048576",
            id="an absurd dimension",
        ),
        pytest.param(
            sheet_xml(
                HEADER_ROW,
                after='<hyperlinks><hyperlink ref="A1:XFD1048576" location="A1"/></hyperlinks>',
            ),
            "a hyperlink reaches XFD1048576",
            id="a hyperlink over the whole sheet",
        ),
        pytest.param(
            sheet_xml(
                HEADER_ROW,
                after="<hyperlinks>"
                + '<hyperlink ref="A1:BL40000" location="A1"/>' * 2
                + "</hyperlinks>",
            ),
            "hyperlinks cover too many cells",
            id="hyperlinks covering the sheet twice",
        ),
        pytest.param(
            sheet_xml(HEADER_ROW + "<!-- parsed -->" + '<row><c r="A50000"/></row>'),
            "a cell reaches A50000",
            id="a cell past the limits, found by the parser",
        ),
    ],
)
def test_a_sheet_reaching_past_the_limits_is_refused(sheet, problem):
    message = refusal(raw_workbook(sheet))
    assert problem in message
    assert "refused unread" in message


def test_a_part_compressed_too_well_is_refused():
    # 10 MB of one repeated row: under the size limit, but compressed 1000 to 1.
    padding = '<row r="2"><c r="A2" s="1"/></row>' * (10 * 1024 * 1024 // 34)
    message = refusal(raw_workbook(sheet_xml(HEADER_ROW + padding)))
    assert "compressed" in message and "to 1" in message and "zip bomb" in message


def test_too_many_parts_are_refused():
    extra = {f"xl/media/image{i}.bin": b"" for i in range(600)}
    assert "the workbook has 605 parts" in refusal(raw_workbook(SHEET, extra))


def test_a_part_larger_than_the_limit_is_refused():
    big = {"xl/media/big.bin": b"\x00" * (MAX_PART_BYTES + 1)}
    assert "zip bomb" in refusal(raw_workbook(SHEET, big))


def test_a_password_protected_workbook_is_named_as_such():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    assert "password-protected" in refusal(ole)


def test_broken_xml_that_calamine_reads_is_unreadable():
    # Well-formed up to the root element (so the DTD check passes), broken after it.
    broken = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<si><t>STATE</si></sst>"
    )
    data = raw_workbook(
        sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
        {"xl/sharedStrings.xml": broken},
    )
    assert "corrupt workbook" in refusal(data)


def test_a_missing_hyperlink_relationship_is_unreadable():
    data = raw_workbook(
        sheet_xml(HEADER_ROW, after='<hyperlinks><hyperlink ref="A1" r:id="rId9"/></hyperlinks>')
    )
    assert "missing relationship rId9" in refusal(data)


def test_the_zip_declares_what_the_limits_check():
    # The bomb's sizes really are declared in the zip's directory, where they are checked.
    with zipfile.ZipFile(io.BytesIO(zip_bomb(1500 * 1024 * 1024))) as archive:
        info = archive.getinfo("xl/sharedStrings.xml")
    assert info.file_size == 1500 * 1024 * 1024
    assert info.compress_size < 1_700_000
