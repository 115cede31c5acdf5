"""The bare read: the least any reader of ICE's workbooks must do, the benchmarks' baseline.

calamine reads the first sheet's cells, and the sheet's relationship part (where the hyperlink
targets are) is read from the zip and parsed with defusedxml. Nothing is checked, normalized or
stored. `deputized.sheets.read_workbook` does this plus what makes a reading (error cells, padding
rows, hyperlinks bound to their cells, limits, the normalization), and is measured against it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from defusedxml.ElementTree import fromstring
from python_calamine import CalamineWorkbook

# ICE's first sheet is always this part (the reader itself resolves it from the workbook part).
SHEET_RELS = "xl/worksheets/_rels/sheet1.xml.rels"
RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def bare_read(path: Path) -> tuple[int, int]:
    """(cells, hyperlink targets) of one workbook's first sheet."""
    data = path.read_bytes()
    with CalamineWorkbook.from_object(io.BytesIO(data)) as workbook:
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        rels = fromstring(archive.read(SHEET_RELS), forbid_dtd=True) if SHEET_RELS in names else []
    targets = [rel.get("Target") for rel in rels if rel.tag == RELATIONSHIP]
    return sum(len(row) for row in rows), len(targets)
