"""Issue 13, point 1: a hotline's `tel:` link is built in one place and always dials."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string

from deputized.community.phones import tel_uri
from deputized.community.selectors import HotlineEntry


@pytest.mark.parametrize(
    ("written", "uri"),
    [
        ("336-543-0353", "tel:+13365430353"),
        ("(704) 740-7737", "tel:+17047407737"),
        ("1-800-559-8714", "tel:+18005598714"),
        ("+1 919 555 0100", "tel:+19195550100"),
        ("tel:+13365430353", "tel:+13365430353"),  # a curator pasting a link gets one prefix
        ("555-0100", ""),  # too short to dial from anywhere
        ("033-543-0353", ""),  # no US area code starts with 0 or 1
        ("44 20 7946 0958", ""),  # not a US number
    ],
)
def test_a_tel_uri_is_e164_or_nothing(written, uri):
    assert tel_uri(written) == uri


def test_the_help_box_prints_the_link_once_and_no_link_for_a_bad_number():
    def entry(phone: str) -> HotlineEntry:
        return HotlineEntry("Line", phone, tel_uri(phone), "Statewide", "", "", None)

    html = render_to_string(
        "web/includes/help.html", {"hotlines": [entry("336-543-0353"), entry("555-0100")]}
    )
    assert 'href="tel:+13365430353"' in html and "tel:tel:" not in html
    assert "555-0100" in html and html.count('href="tel:') == 1
