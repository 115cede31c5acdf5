"""What the reader takes from the first sheet's XML itself, beside the values calamine returns.

openpyxl (whose reading the project keeps) saw three things calamine does not give back:
- the text ICE printed in a formula-error cell (`<c t="e"><v>#N/A</v></c>`): calamine returns it
  empty, and `#N/A` in COUNTY is a reading (ice-sheets.md §2.1);
- every `<c>` element, even an empty formatted one: the last of them sets how many rows the sheet
  has, and so how many padding rows are counted as skipped;
- the `<hyperlinks>` and `<mergeCells>` elements.

Two ways to find them, with one result. Excel's own XML ("plain": one default namespace, every
cell written `<c r="A1"…`, no comment, CDATA or DTD) is scanned as bytes, which costs a few
milliseconds: since `<` cannot occur inside text or an attribute value, a tag found in the bytes
is a tag of the document. Anything else is parsed with defusedxml, element by element, exactly as
openpyxl's parser walks it (slow, but such files are not ICE's). The small `<hyperlinks>` and
`<mergeCells>` elements are always parsed with defusedxml.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from deputized.sheets import limits
from deputized.sheets.errors import UnreadableWorkbook
from deputized.sheets.relationships import MAIN
from deputized.sheets.xmlparts import element_attributes

_ROW = f"{{{MAIN}}}row"
_VALUE = f"{{{MAIN}}}v"
_HYPERLINKS = f"{{{MAIN}}}hyperlinks"
_HYPERLINK = f"{{{MAIN}}}hyperlink"
_MERGE_CELLS = f"{{{MAIN}}}mergeCells"
_MERGE_CELL = f"{{{MAIN}}}mergeCell"
_DIMENSION = f"{{{MAIN}}}dimension"
_REFERENCE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


@dataclass(slots=True)
class SheetLayout:
    max_row: int = 0  # the last row holding a <c> element; 0 when the sheet has none
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) -> "#N/A"
    hyperlinks: list[dict[str, str]] = field(default_factory=list)  # each <hyperlink>'s attributes
    merged: list[str] = field(default_factory=list)  # each <mergeCell>'s ref, "A1:B2"
    dimension: str | None = None  # <dimension ref>, as declared


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_position(reference: str, part: str) -> tuple[int, int]:
    """ "B12" -> (12, 2), as openpyxl reads a cell reference (`$` and lower case allowed)."""
    match = _REFERENCE.match(reference)
    if not match or not int(match.group(2)):
        raise UnreadableWorkbook(f"corrupt workbook: bad cell reference {reference!r} in {part}")
    return int(match.group(2)), column_number(match.group(1))


def check_extent(rows: int, columns: int, what: str, part: str) -> None:
    """Refuse a sheet reaching past the limits, before anything fills the rectangle up to it."""
    if rows > limits.MAX_ROWS or columns > limits.MAX_COLUMNS:
        corner = f"{column_letters(columns)}{rows}"
        raise UnreadableWorkbook(
            f"{part}: {what} reaches {corner}, far beyond any ICE list (limit "
            f"{column_letters(limits.MAX_COLUMNS)}{limits.MAX_ROWS}); refused unread"
        )


def check_dimension(dimension: str | None, part: str) -> None:
    """The declared used range (`A1:M885`) is only a claim; an absurd one marks a crafted file."""
    if not dimension:
        return
    corner = dimension.split(":")[-1]
    match = _REFERENCE.match(corner)
    if match:
        check_extent(int(match.group(2)), column_number(match.group(1)), "its dimension", part)


# ---- plain XML, scanned as bytes ---------------------------------------------------------------


class _NotPlain(Exception):
    """The bytes scan met something it does not read: parse the XML instead."""


_DECLARATION = re.compile(rb"<\?xml[^>]*\?>")
_XMLNS = re.compile(rb"xmlns\s*=")
_MAIN_DEFAULT = b'xmlns="' + MAIN.encode() + b'"'
# A <c> start tag not written `<c r="A1"` (one to three letters, a row number without a leading 0).
_ODD_CELL = re.compile(rb'<c(?=[\s/>])(?! r="[A-Z]{1,3}[1-9][0-9]{0,6}"[\s/>])')
_LAST_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]+)"')
_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*)(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*>")
_CELL_TAG = re.compile(rb"<c((?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>")
_ATTRIBUTE = re.compile(rb"([^\s=/>]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
# What an error cell holds after its start tag: an optional formula, then its cached value.
_ERROR_BODY = re.compile(
    rb"\s*(?:<f\b[^<>]*/>\s*|<f\b[^<>]*>[^<]*</f>\s*)?(?:<v>([^<&]*)</v>\s*|<v/>\s*)?</c>"
)
_DIMENSION_REF = re.compile(rb"<dimension\s+ref=\"([^\"]*)\"")


def _greater(token: bytes, low: int) -> bytes:
    """A regex for the tokens (row numbers, or column letters) greater than `token`.

    Tokens are compared as numbers without leading zeros: a longer token is greater; of equal
    length, the first differing character decides. `low` is the alphabet's first character.
    """
    top = 0x39 if low == 0x30 else 0x5A  # 9 or Z
    char = b"[0-9]" if low == 0x30 else b"[A-Z]"
    lead = b"[1-9]" if low == 0x30 else b"[A-Z]"
    options = [lead + char + b"{%d,}" % len(token)]
    for index, value in enumerate(token):
        if value < top:
            higher = b"[" + bytes([value + 1]) + b"-" + bytes([top]) + b"]"
            rest = char + b"{%d}" % (len(token) - index - 1)
            options.append(re.escape(token[:index]) + higher + rest)
    return b"(?:" + b"|".join(options) + b")"


# A cell in a column past the limit (its letters are one to three, as _ODD_CELL made sure).
_WIDE_CELL = re.compile(
    rb'<c r="(' + _greater(column_letters(limits.MAX_COLUMNS).encode(), 0x41) + rb')([0-9]+)"'
)


def _max_row(xml: bytes) -> int:
    """The last row holding a cell. Excel writes rows in order, so the last cell element is
    normally on it; one search for any row number above it proves that."""
    start = xml.rfind(b'<c r="')
    if start < 0:
        return 0
    last = _LAST_CELL.match(xml, start)
    if last is None:
        raise _NotPlain
    row = last.group(2)
    if re.search(rb'<c r="[A-Z]{1,3}' + _greater(row, 0x30) + rb'"', xml) is None:
        return int(row)
    return max(int(number) for number in set(re.findall(rb'<c r="[A-Z]{1,3}([0-9]+)"', xml)))


def _attributes(tag: bytes) -> dict[bytes, bytes]:
    return {name: first or second for name, first, second in _ATTRIBUTE.findall(tag)}


def _plain_errors(xml: bytes, part: str) -> dict[tuple[int, int], str]:
    """Cells typed `t="e"`: every attribute value "e" is looked at, in its tag."""
    errors: dict[tuple[int, int], str] = {}
    seen: set[int] = set()
    for quoted in (b'"e"', b"'e'"):
        hit = xml.find(quoted)
        while hit >= 0:
            start = xml.rfind(b"<", 0, hit)
            if start not in seen:
                seen.add(start)
                tag = _CELL_TAG.match(xml, start)
                if tag is not None and tag.end() > hit:
                    attributes = _attributes(tag.group(1))
                    if attributes.get(b"t") == b"e" and not tag.group(2):
                        body = _ERROR_BODY.match(xml, tag.end())
                        if body is None:
                            raise _NotPlain
                        if body.group(1):
                            reference = attributes[b"r"].decode()
                            errors[cell_position(reference, part)] = body.group(1).decode()
            hit = xml.find(quoted, hit + 1)
    return errors


def _fragment(xml: bytes, root: re.Match[bytes], name: bytes, tag: str, part: str) -> list[dict]:
    """The attributes of the `tag` children of the document's last `<name>` element, parsed
    with defusedxml inside a copy of the root's start tag (which declares the namespaces)."""
    start = xml.rfind(b"<" + name)
    while start >= 0 and xml[start + len(name) + 1 : start + len(name) + 2] not in b" \t\r\n/>":
        start = xml.rfind(b"<" + name, 0, start)
    if start < 0:
        return []
    end = xml.find(b"</" + name + b">", start)
    body = xml[start : end + len(name) + 3] if end >= 0 else xml[start : xml.find(b">", start) + 1]
    document = root.group(0) + body + b"</" + root.group(1) + b">"
    return element_attributes(document, part, tag)


def _scan_plain(xml: bytes, part: str) -> SheetLayout:
    declaration = _DECLARATION.match(xml)
    after = declaration.end() if declaration else 0
    if (
        b"<!" in xml
        or xml.find(b"<?", after) >= 0
        or (
            declaration
            and b"encoding" in declaration.group(0).lower()
            and b"utf-8" not in declaration.group(0).lower()
        )
        or xml.count(MAIN.encode()) != 1
        or _MAIN_DEFAULT not in xml
        or len(_XMLNS.findall(xml)) != 1
        or _ODD_CELL.search(xml) is not None
    ):
        raise _NotPlain
    root = _ROOT.search(xml, after)
    if root is None:
        raise _NotPlain
    layout = SheetLayout(max_row=_max_row(xml))
    if layout.max_row > limits.MAX_ROWS:
        lowest = re.search(rb'<c r="([A-Z]{1,3})%d"' % layout.max_row, xml)
        column = column_number(lowest.group(1).decode()) if lowest else 1
        check_extent(layout.max_row, column, "a cell", part)
    wide = _WIDE_CELL.search(xml)
    if wide is not None:
        check_extent(int(wide.group(2)), column_number(wide.group(1).decode()), "a cell", part)
    layout.errors = _plain_errors(xml, part)
    layout.hyperlinks = _fragment(xml, root, b"hyperlinks", _HYPERLINK, part)
    layout.merged = [
        attributes.get("ref", "")
        for attributes in _fragment(xml, root, b"mergeCells", _MERGE_CELL, part)
    ]
    dimension = _DIMENSION_REF.search(xml)
    try:
        layout.dimension = dimension.group(1).decode() if dimension else None
    except UnicodeDecodeError:
        raise _NotPlain from None  # the XML parser says what is wrong with the part
    return layout


# ---- any other XML, parsed as openpyxl parses it -----------------------------------------------


def _row_number(value: str, part: str) -> int:
    """A <row r> as openpyxl reads it: an integer, or a float holding one."""
    try:
        return int(value)
    except ValueError:
        pass
    try:
        number = float(value)
    except ValueError:
        number = 0.5
    if not number.is_integer():
        raise UnreadableWorkbook(f"corrupt workbook: bad row number {value!r} in {part}")
    return int(number)


def _scan_parsed(xml: bytes, part: str) -> SheetLayout:
    layout = SheetLayout()
    row = column = 0
    try:
        for _, element in iterparse(io.BytesIO(xml), forbid_dtd=True):
            tag = element.tag
            if tag == _ROW:
                number = element.get("r")
                row = _row_number(number, part) if number is not None else row + 1
                column = 0
                for cell in element:
                    reference = cell.get("r")
                    if reference:
                        at_row, column = cell_position(reference, part)
                    else:
                        at_row, column = row, column + 1
                    layout.max_row = max(layout.max_row, at_row)
                    check_extent(at_row, column, "a cell", part)
                    if cell.get("t", "n") == "e":
                        text = cell.findtext(_VALUE) or None
                        if text is not None:
                            layout.errors[(at_row, column)] = text
                element.clear()
            elif tag == _HYPERLINKS:
                layout.hyperlinks = [dict(link.attrib) for link in element.iter(_HYPERLINK)]
                element.clear()
            elif tag == _MERGE_CELLS:
                layout.merged = [merge.get("ref", "") for merge in element.iter(_MERGE_CELL)]
                element.clear()
            elif tag == _DIMENSION:
                layout.dimension = element.get("ref")
    except DefusedXmlException as exc:
        raise UnreadableWorkbook(
            f"{part} declares a DTD or an XML entity, which no workbook needs; refused unread"
        ) from exc
    except SyntaxError as exc:  # ParseError
        raise UnreadableWorkbook(f"{part} is not well-formed XML ({exc})") from exc
    return layout


def scan_sheet(xml: bytes, part: str, *, plain: bool = True) -> SheetLayout:
    """The layout of a sheet part; `plain=False` forces the parser (tests compare the two)."""
    try:
        layout = _scan_plain(xml, part) if plain else _scan_parsed(xml, part)
    except _NotPlain:
        layout = _scan_parsed(xml, part)
    check_dimension(layout.dimension, part)
    return layout
