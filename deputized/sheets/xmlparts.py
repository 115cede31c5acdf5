"""The workbook's XML, parsed only by defusedxml: no DTD, no entity, no external reference.

An xlsx file never needs a DTD. A part that declares one (the vehicle of "billion laughs" entity
expansion and of external-entity reads) is refused, with the part named, before anything else reads
the workbook.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, fromstring

from deputized.sheets.errors import UnreadableWorkbook

# The prolog (XML declaration, comments, DOCTYPE) comes before the root element; it is fed to the
# parser in slices of this size until the root opens, so a large part costs one slice.
_PROLOG_SLICE = 64 * 1024


class _RootReached(Exception):
    """Raised by the parser's target at the first element: the prolog is over."""


class _StopAtRoot:
    def start(self, tag: str, attrib: dict[str, str]) -> None:
        raise _RootReached

    def close(self) -> None:
        return None


def _dtd_refused(part: str, exc: DefusedXmlException) -> UnreadableWorkbook:
    return UnreadableWorkbook(
        f"{part} declares a DTD or an XML entity, which no workbook needs; "
        f"refused unread ({type(exc).__name__})"
    )


def refuse_dtd(data: bytes, part: str) -> None:
    """Raise UnreadableWorkbook when `data` declares a DTD (checked up to its root element)."""
    parser = DefusedXMLParser(target=_StopAtRoot(), forbid_dtd=True)
    try:
        for start in range(0, len(data), _PROLOG_SLICE):
            parser.feed(data[start : start + _PROLOG_SLICE])
        parser.close()
    except _RootReached:
        return
    except DefusedXmlException as exc:
        raise _dtd_refused(part, exc) from exc
    except ParseError as exc:
        raise UnreadableWorkbook(f"{part} is not well-formed XML ({exc})") from exc
    raise UnreadableWorkbook(f"{part} holds no XML element")


def parse_part(data: bytes, part: str) -> Element:
    """A whole part as an element tree."""
    try:
        return fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise _dtd_refused(part, exc) from exc
    except ParseError as exc:
        raise UnreadableWorkbook(f"{part} is not well-formed XML ({exc})") from exc


class _Collect:
    """A parser target keeping the attributes of the elements named `tag` (no tree is built)."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.found: list[dict[str, str]] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if tag == self.tag:
            self.found.append(attrib)

    def close(self) -> list[dict[str, str]]:
        return self.found


def element_attributes(data: bytes, part: str, tag: str) -> list[dict[str, str]]:
    """The attributes of every `tag` element ("{namespace}name") of a part, in document order.

    Relationship parts run to 450 KB (ICE's SafeLinks targets are long): not building a tree
    saves a quarter of their parsing time.
    """
    parser = DefusedXMLParser(target=_Collect(tag), forbid_dtd=True)
    try:
        parser.feed(data)
        return parser.close()
    except DefusedXmlException as exc:
        raise _dtd_refused(part, exc) from exc
    except ParseError as exc:
        raise UnreadableWorkbook(f"{part} is not well-formed XML ({exc})") from exc
