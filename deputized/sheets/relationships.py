"""Relationship parts (`_rels/*.rels`) and the first worksheet, resolved as openpyxl resolved them.

openpyxl's meaning is kept on purpose (the reader used it until 2026 and every stored reading came
from it): a target that is not `TargetMode="External"` is a path inside the package, made absolute
against the folder of the part that owns the relationship. That applies to a hyperlink too: a
hyperlink relationship without TargetMode="External" gets its URL joined to a folder path.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from deputized.sheets.errors import NotAnIceList, UnreadableWorkbook
from deputized.sheets.package import Package
from deputized.sheets.xmlparts import element_attributes

PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOCUMENT_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIP_ID = f"{{{DOCUMENT_RELS}}}id"
# calamine opens the workbook part at this fixed name.
WORKBOOK_PART = "xl/workbook.xml"
# Characters openpyxl refuses in a sheet title (it fails to load such a workbook).
_INVALID_TITLE = re.compile(r"[\\*?:/\[\]]")


@dataclass(frozen=True, slots=True)
class Relationship:
    id: str | None
    type: str
    target: str


def rels_part(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def relationships(package: Package, part: str) -> list[Relationship]:
    """The relationships of `part`, in document order; none when it has no .rels part."""
    path = rels_part(part)
    if path not in package.parts:
        return []
    found = element_attributes(package.read(path), path, f"{{{PACKAGE_RELS}}}Relationship")
    if any(attrib.get("Type") is None or attrib.get("Target") is None for attrib in found):
        # openpyxl drops the whole list (with a warning) when one relationship is incomplete.
        return []
    folder = posixpath.dirname(part)
    resolved = []
    for attrib in found:
        target = attrib["Target"]
        if attrib.get("TargetMode") == "External":
            pass
        elif target.startswith("/"):
            target = target[1:]
        else:
            target = posixpath.normpath(posixpath.join(folder, target))
        resolved.append(Relationship(attrib.get("Id"), attrib["Type"], target))
    return resolved


@dataclass(frozen=True, slots=True)
class FirstSheet:
    name: str
    part: str  # e.g. xl/worksheets/sheet1.xml
    relationships: list[Relationship]


def first_worksheet(package: Package) -> FirstSheet:
    """openpyxl's `workbook.worksheets[0]`: the first sheet of the workbook whose part exists and
    is not a chartsheet (ICE's own pivot in a second sheet is never looked at)."""
    sheets = element_attributes(package.read(WORKBOOK_PART), WORKBOOK_PART, f"{{{MAIN}}}sheet")
    # openpyxl looks sheets up in a dict of the workbook's relationships: the last of an id wins.
    by_id = {rel.id: rel for rel in relationships(package, WORKBOOK_PART)}
    names = [sheet.get("name") for sheet in sheets]
    for sheet in sheets:
        rel_id = sheet.get(RELATIONSHIP_ID)
        if not rel_id:
            continue  # openpyxl drops a sheet without a relationship
        rel = by_id.get(rel_id)
        if rel is None:
            raise UnreadableWorkbook(f"corrupt workbook: sheet {sheet.get('name')!r} has no part")
        if rel.target not in package.parts or "chartsheet" in rel.type:
            continue
        name = sheet.get("name") or ""
        bad = _INVALID_TITLE.search(name)
        if not name or bad:
            raise UnreadableWorkbook(f"corrupt workbook: invalid sheet name {name!r}")
        if names.count(name) > 1:
            raise UnreadableWorkbook(f"corrupt workbook: two sheets are named {name!r}")
        return FirstSheet(name, rel.target, relationships(package, rel.target))
    raise NotAnIceList("the workbook has no worksheet")
