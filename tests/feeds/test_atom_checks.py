"""The Atom checker the feed tests rely on says no to what RFC 4287 forbids."""

from __future__ import annotations

import pytest

from tests.feeds.atom import atom_problems

VALID = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>Example Feed</title>
<link href="http://example.org/" rel="alternate"/>
<link href="http://example.org/feed.atom" rel="self"/>
<updated>2003-12-13T18:30:02Z</updated>
<author><name>John Doe</name></author>
<id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
<entry>
<title>Atom-Powered Robots Run Amok</title>
<link href="http://example.org/2003/12/13/atom03" rel="alternate"/>
<id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
<updated>2003-12-13T18:30:02-05:00</updated>
<summary type="html">&lt;p&gt;Some text.&lt;/p&gt;</summary>
</entry>
{extra}</feed>"""

SECOND = """<entry><title>Second</title><link href="http://example.org/2"/>
<id>urn:uuid:2225c695-cfb8-4ebb-aaaa-80da344efa6a</id><updated>2003-12-14T00:00:00Z</updated></entry>"""


def feed(extra: str = "", **replace: str) -> bytes:
    text = VALID.replace("{extra}", extra)
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    return text.encode()


def test_the_rfcs_example_is_valid():
    assert atom_problems(feed()) == []
    assert atom_problems(feed(SECOND)) == []


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (feed(**{"<id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>": ""}), "atom:id"),
        (feed(**{"<title>Example Feed</title>": "<title>A</title><title>B</title>"}), "title"),
        (feed(**{"2003-12-13T18:30:02Z": "2003-12-13"}), "updated"),
        (feed(**{"2003-12-13T18:30:02-05:00": "2003-12-13 18:30:02-05:00"}), "updated"),
        (feed(**{"2003-12-13T18:30:02-05:00": "2003-02-30T18:30:02-05:00"}), "real date"),
        (feed(**{' rel="self"': ' rel="related"'}), "rel=self"),
        (feed(SECOND.replace("urn:uuid:2225", "urn:uuid:1225")), "appears 2 times"),
        (feed(**{"<author><name>John Doe</name></author>": ""}), "no author"),
        (feed(**{"<id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>": "<id>42</id>"}), "IRI"),
        (feed(**{"&lt;p&gt;Some text.&lt;/p&gt;": "<p>Some text.</p>"}), "schema"),
        (feed(**{"<author><name>John Doe</name></author>": "<author/>"}), "schema"),
    ],
)
def test_what_the_rfc_forbids_is_refused(broken, expected):
    problems = atom_problems(broken)
    assert any(expected in problem for problem in problems), problems
