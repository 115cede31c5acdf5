"""An MOA link is labelled as ICE's only when it is an https link on ice.gov.

A workbook (or an altered copy of ICE's page) can hold any link; the label is what a reader trusts,
so a link anywhere else says where it leads instead. Rendered without a database: the agreement,
its agency and its publication are unsaved records.
"""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from deputized.archive.models import Publication
from deputized.history.models import Agency, Agreement


def rendered(moa_url: str, language: str = "en") -> tuple[str, list[str]]:
    """The card as a reader sees it, and the links it holds."""
    agency = Agency(id="nc-duplin-county-sheriffs-office", name="Duplin County Sheriff's Office")
    publication = Publication(
        file_name="participatingAgencies04302026am.xlsx", published_on=dt.date(2026, 4, 30)
    )
    agreement = Agreement(
        agency=agency,
        model="WSO",
        signed=dt.date(2020, 6, 25),
        status="active",
        first_listed_on=dt.date(2025, 3, 6),
        last_listed_on=dt.date(2026, 4, 30),
        moa_url=moa_url,
        publication=publication,
        row=12,
    )
    entry = SimpleNamespace(agency=agency, status="active", current=[agreement], past=[])
    with translation.override(language):
        html = render_to_string(
            "web/includes/agreements.html", {"entry": entry, "support_models": {}}
        )
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'")
    return text, re.findall(r'href="([^"]+)"', html)


def test_an_ice_https_link_is_labelled_as_on_ice_s_site():
    url = "https://www.ice.gov/doclib/287gMOA/287gWSO_DuplinCoSO_2020-06-25.pdf"
    text, links = rendered(url)
    assert "The signed agreement (MOA), on ICE's site" in text
    assert url in links


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://evil.example/moa.pdf", "evil.example"),
        ("http://www.ice.gov/doclib/287gMOA/x.pdf", "www.ice.gov"),
        ("https://www.ice.gov.evil.example/doclib/x.pdf", "www.ice.gov.evil.example"),
        ("https://www.ice.gov@evil.example/doclib/x.pdf", "evil.example"),
        ("https://web.archive.org/web/2024/https://www.ice.gov/doclib/x.pdf", "web.archive.org"),
    ],
    ids=["another host", "plain http", "look-alike host", "user part", "web archive"],
)
def test_any_other_link_says_where_it_leads_and_is_not_called_ice_s(url, host):
    text, links = rendered(url)
    assert "on ICE's site" not in text
    assert f"The signed agreement (MOA), at {host} (not ICE's site)" in text
    assert url in links


def test_the_label_is_in_spanish_too():
    text, _ = rendered("https://evil.example/moa.pdf", "es")
    assert "evil.example" in text and "sitio de ICE" in text
    assert "(not ICE's site)" not in text
