"""Issue 13, point 5: places, states and agencies named in Spanish where Spanish has a word, and
a search that understands Spanish; point 7's NC page numbers with their date and sources."""

from __future__ import annotations

import re

import pytest

from deputized.archive.models import Publication
from deputized.places import status as place_status
from deputized.places.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(placed, client):
    return client


def results(client, lang: str, query: str) -> list[tuple[str, str, str]]:
    """(link, name, what it is) of each search result, in order."""
    html = client.get(f"/{lang}/search/", {"q": query}).content.decode()
    found = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>\s*<small>([^<]*)</small>', html)
    return [(href, name.replace("&#x27;", "'"), what.strip()) for href, name, what in found]


@pytest.mark.parametrize(
    ("query", "href"),
    [
        ("alguacil duplin", "/es/agencies/nc-duplin-county-sheriffs-office/"),
        ("condado de wake", "/es/states/nc/counties/wake/"),
        ("carolina del norte", "/es/states/nc/"),
        ("policía de beulaville", "/es/agencies/nc-beulaville-police-department/"),
    ],
)
def test_search_finds_spanish_words(site, query, href):
    found = results(site, "es", query)
    assert found and found[0][0] == href, found[:3]


def test_search_names_counties_states_and_towns_in_spanish(site):
    [(_, county, what), *_] = results(site, "es", "duplin")
    assert county == "Condado de Duplin" and what == "condado, Carolina del Norte"
    kinds = {}
    for town in ("charlotte", "teachey"):
        [(_, name, what), *_] = results(site, "es", town)
        kinds[name] = what
    # Charlotte is a city in the Census's data, Teachey a town.
    assert Municipality.objects.get(state_id="NC", slug="charlotte").kind == "city"
    assert kinds == {
        "Charlotte": "ciudad, Condado de Mecklenburg",
        "Teachey": "pueblo, Condado de Duplin",
    }
    [(_, state, _), *_] = results(site, "es", "carolina del sur")
    assert state == "Carolina del Sur"
    [(_, county, what), *_] = results(site, "en", "duplin")
    assert county == "Duplin County" and what == "county, North Carolina"


def test_spanish_titles_breadcrumbs_and_the_nc_heading_say_carolina_del_norte(site):
    duplin = site.get("/es/states/nc/counties/duplin/").content.decode()
    assert "<title>Condado de Duplin, Carolina del Norte" in duplin
    assert '<p class="crumbs"><a href="/es/states/nc/">Carolina del Norte</a></p>' in duplin
    nc = site.get("/es/states/nc/").content.decode()
    assert "<h1>Acuerdos 287(g) en Carolina del Norte</h1>" in nc
    assert "North Carolina" not in re.sub(r"<[^>]+>", "", nc.split("<main", 1)[1]).replace(
        "North Carolina Border Protection Act", ""
    )


def test_the_spanish_sources_page_writes_its_dating_notes_in_spanish(site):
    if not Publication.objects.exclude(dating_rule="").exists():
        pytest.fail("the archive holds no misnamed file: the notes are not tested")
    html = site.get("/es/sources/").content.decode()
    assert "el nombre de ICE dice" in html
    assert "ICE's name says" not in html and "best fits the content" not in html


def test_the_nc_page_has_its_growth_chart_and_a_table_by_model_with_date_and_sources(site):
    counts = place_status.counts(state="NC")
    html = site.get("/en/states/nc/").content.decode()
    table = html[
        html.index('<table id="by-model">') : html.index("</table>", html.index("by-model"))
    ]
    for model, n in counts.active.items():
        assert re.search(rf"\({model}\)<br>.*?<td class=\"num\">{n}</td>", table), model
    assert f'<td class="num">{counts.total}</td>' in table
    assert 'id="growth-nc"' in html and 'id="growth-table"' in html
    latest = counts.participating
    assert f"({latest.file_name})" in html
    assert 'href="/en/sources/"' in html.split('id="state-numbers"', 1)[1].split("</section>")[0]
