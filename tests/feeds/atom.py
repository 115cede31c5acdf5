"""An Atom (RFC 4287) checker for the tests: the RFC's own RELAX NG schema (atom.rng, written out
from Appendix B), then the RFC's rules a schema cannot say."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

ATOM_NS = "http://www.w3.org/2005/Atom"
A = f"{{{ATOM_NS}}}"
SCHEMA = etree.RelaxNG(etree.parse(str(Path(__file__).with_name("atom.rng"))))

# RFC 3339 section 5.6 date-time; RFC 4287 section 3.3 also wants an uppercase T and Z.
RFC3339 = re.compile(
    r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)"
    r"(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$"
)


def _date_problems(element: etree._Element, where: str) -> list[str]:
    problems = []
    for date in element.findall(f"{A}updated") + element.findall(f"{A}published"):
        text = date.text or ""
        if not RFC3339.match(text):
            problems.append(f"{where}: {etree.QName(date).localname} {text!r} is not RFC 3339")
            continue
        try:
            dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            problems.append(f"{where}: {etree.QName(date).localname} {text!r} is no real date")
    return problems


def _alternate_problems(element: etree._Element, where: str) -> list[str]:
    """RFC 4287 4.1.1 / 4.1.2: at most one alternate link per type and hreflang."""
    alternates = Counter(
        (link.get("type"), link.get("hreflang"))
        for link in element.findall(f"{A}link")
        if link.get("rel", "alternate") == "alternate"
    )
    return [f"{where}: two alternate links for {key}" for key, n in alternates.items() if n > 1]


def _single_problems(element: etree._Element, where: str) -> list[str]:
    problems = []
    for name in ("id", "title", "updated"):
        count = len(element.findall(f"{A}{name}"))
        if count != 1:
            problems.append(f"{where}: {count} atom:{name} elements, not exactly one")
    for element_id in element.findall(f"{A}id"):
        if not urlsplit((element_id.text or "").strip()).scheme:
            problems.append(f"{where}: id {element_id.text!r} is not an absolute IRI")
    return problems


def atom_problems(document: bytes) -> list[str]:
    """Everything that makes `document` an invalid Atom feed document; empty when valid."""
    root = etree.fromstring(document)
    problems = []
    if not SCHEMA.validate(root):
        problems += [f"schema: line {e.line}: {e.message}" for e in SCHEMA.error_log]
    if root.tag != f"{A}feed":
        return [*problems, f"the root is {root.tag}, not atom:feed"]
    problems += _single_problems(root, "feed")
    problems += _date_problems(root, "feed")
    problems += _alternate_problems(root, "feed")
    selves = [link for link in root.findall(f"{A}link") if link.get("rel") == "self"]
    if len(selves) != 1:
        problems.append(f"feed: {len(selves)} atom:link rel=self, not one (RFC 4287 4.1.1)")
    feed_author = root.find(f"{A}author") is not None
    entries = root.findall(f"{A}entry")
    for index, entry in enumerate(entries):
        where = f"entry {index + 1}"
        problems += _single_problems(entry, where)
        problems += _date_problems(entry, where)
        problems += _alternate_problems(entry, where)
        has_alternate = any(
            link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{A}link")
        )
        if not has_alternate and entry.find(f"{A}content") is None:
            problems.append(f"{where}: neither an alternate link nor content")
        if not feed_author and entry.find(f"{A}author") is None:
            problems.append(f"{where}: no author, and the feed has none")
    ids = Counter(entry.findtext(f"{A}id") for entry in entries)
    problems += [f"entry id {i!r} appears {n} times" for i, n in ids.items() if n > 1]
    return problems
