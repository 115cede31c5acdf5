"""Issue 13, "the site as its users found it": the basics, on the whole real archive.

Hotline links that dial, no curators' note or repository file name on any public page, alerts
within reach, compression, favicon, share cards, robots.txt and the sitemap, the change log's
state filter, the ACLU-NC's pages where they help, the sheriff's records request, and the error
pages in both languages."""

from __future__ import annotations

import gzip
import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.test import Client, override_settings

from deputized.community.models import CommunityLink
from deputized.earlier.models import EarlierCounty
from deputized.history.models import Agreement
from deputized.places.models import County, Municipality, State
from deputized.web.selectors import nc_county_statuses
from tests.conftest import SHARED

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "es")
E164_US = re.compile(r"^tel:\+1[2-9]\d{2}[2-9]\d{6}$")
KB = 1024


@pytest.fixture
def site(placed, client):
    return client


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def html_of(response) -> str:
    assert response.status_code == 200, (response.status_code, response.get("Location"))
    return body(response).decode()


def text(html: str) -> str:
    """The page as a reader sees it (and a search engine indexes it): tags dropped."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'")


def tel_links(html: str) -> list[str]:
    return re.findall(r'href="(tel:[^"]*)"', html)


def nc_counties() -> list[County]:
    return list(County.objects.filter(state_id="NC").order_by("slug"))


def town_sample() -> list[Municipality]:
    """Every 20th NC town by Census code, and the towns the issue's readers walked."""
    towns = list(Municipality.objects.filter(state_id="NC").order_by("geoid"))
    named = {"teachey", "beulaville", "carrboro", "charlotte", "robbins"}
    return [t for i, t in enumerate(towns) if i % 20 == 0 or t.slug in named]


def quiet_county() -> County:
    """An NC county no agency of which is on ICE's lists (status none), first by name."""
    rows = sorted(nc_county_statuses().values(), key=lambda row: row[0].slug)
    return next(county for county, status, _models in rows if status == "none")


def earlier_county() -> County:
    """An NC county whose page shows earlier agreements (before 2021)."""
    fips = EarlierCounty.objects.filter(county_fips__startswith="37").values_list(
        "county_fips", flat=True
    )
    return County.objects.filter(fips__in=fips).order_by("slug").first()


def page_types() -> dict[str, str]:
    """One page of every public page type (without the language prefix)."""
    agency = Agreement.objects.filter(status="active", agency__state="NC").first().agency_id
    texas = (
        Agreement.objects.filter(status="active", agency__state="TX").first().agency.place.county
    )
    earlier = earlier_county()
    return {
        "home": "",
        "states": "states/",
        "state": "states/nc/",
        "other state": "states/tx/",
        "county": "states/nc/counties/duplin/",
        "county with earlier agreements": f"states/nc/counties/{earlier.slug}/",
        "county outside NC": f"states/tx/counties/{texas.slug}/",
        "town": "states/nc/places/teachey/",
        "town with police": "states/nc/places/beulaville/",
        "agency": f"agencies/{agency}/",
        "rights": "rights/",
        "changes": "changes/",
        "changes filtered": "changes/?state=NC&kind=activated",
        "sources": "sources/",
        "methodology": "methodology/",
        "search": "search/?q=duplin",
        "alerts sign-up": "alerts/",
        "downloads": "downloads/",
    }


# -- 1. hotline links ----------------------------------------------------------------------------


def test_every_hotline_link_dials_a_valid_e164_number(site):
    pages = ["rights/", "states/nc/counties/duplin/", "states/nc/counties/alamance/"]
    pages += [f"states/nc/places/{t.slug}/" for t in town_sample()[:6]]
    for language in LANGUAGES:
        for page in pages:
            links = tel_links(html_of(site.get(f"/{language}/{page}")))
            assert links, page
            for link in links:
                assert E164_US.match(link), (page, link)
    assert "tel:+13365430353" in tel_links(html_of(site.get("/es/states/nc/counties/duplin/")))


# -- 2. nothing internal on a public page -------------------------------------------------------


def repository_file_names(offered: set[str]) -> set[str]:
    """Every file name in this repository and in the shared documents and reference data, but
    ICE's own workbooks (pages name them as sources) and the site's public downloads."""
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    shared = [
        p.name
        for folder in ("docs", "data/nc", "data/ice/aux")
        for p in (SHARED / folder).rglob("*")
    ]
    names = {Path(p).name for p in tracked} | set(shared) | {"MANIFEST.csv", "README.md"}
    return {
        n
        for n in names
        if "." in n.strip(".") and not n.endswith((".xlsx", ".xls")) and n not in offered
    }


INTERNAL = re.compile(
    r"Have it reviewed|before each publication|Written by the Deputized project|README|"
    r"\bVERIFY\b|\bTODO\b|\bFIXME\b|nc-policy|verified on'|shared/(docs|data)|seeds/",
)


def test_no_internal_note_or_repository_file_name_on_any_public_page(site, placed):
    offered = {p.name for p in Path(placed.downloads).iterdir()}
    names = repository_file_names(offered)
    assert {"nc-policy.md", "nc_municipalities.csv", "0002_seed_hotlines_and_rights.py"} <= names
    pages = {**page_types(), "not found": "no-such-page/"}
    for language in LANGUAGES:
        for kind, page in pages.items():
            response = site.get(f"/{language}/{page}")
            assert response.status_code in (200, 404), (kind, response.status_code)
            html = body(response).decode()
            # What shows, and what a share card or a search result shows.
            visible = text(html) + " ".join(re.findall(r'<meta [^>]*content="([^"]*)"', html))
            found = INTERNAL.search(visible)
            assert not found, (language, kind, found and found.group(0))
            leaked = [n for n in names if n in visible]
            assert not leaked, (language, kind, leaked)


def test_the_rights_page_no_longer_publishes_the_editors_note(site):
    for language in LANGUAGES:
        page = text(html_of(site.get(f"/{language}/rights/")))
        assert "immigration lawyer before each publication" not in page
        assert "nc-policy.md" not in page


# -- 3. alerts within reach ---------------------------------------------------------------------


def test_alerts_are_linked_from_the_menu_home_nc_and_every_place_page(site):
    towns = town_sample()
    for language in LANGUAGES:
        signup = f"/{language}/alerts/"
        for kind, page in page_types().items():
            html = html_of(site.get(f"/{language}/{page}"))
            menu = re.search(r'<nav class="main".*?</nav>', html, flags=re.S).group(0)
            assert f'href="{signup}"' in menu, (language, kind)
        assert f'href="{signup}?topic=state%3ANC"' in html_of(site.get(f"/{language}/"))
        assert f'href="{signup}?topic=state%3ANC"' in html_of(site.get(f"/{language}/states/nc/"))
        for county in nc_counties()[::10]:
            html = html_of(site.get(f"/{language}/states/nc/counties/{county.slug}/"))
            assert f'href="{signup}?topic=county%3A{county.fips}"' in html, county.slug
        for town in towns:
            html = html_of(site.get(f"/{language}/states/nc/places/{town.slug}/"))
            assert f'href="{signup}?topic=town%3A{town.geoid}"' in html, town.slug


# -- 8. compression, sizes, favicon, share cards, robots, sitemap, the state filter -------------


def get_gzip(client: Client, path: str):
    return client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")


def test_every_nc_county_page_is_small_and_compressed_under_30_kb(site):
    for county in nc_counties():
        path = f"/en/states/nc/counties/{county.slug}/"
        plain = site.get(path)
        assert plain.status_code == 200 and "Content-Encoding" not in plain
        assert len(plain.content) < 200 * KB, (county.slug, len(plain.content))
        packed = get_gzip(site, path)
        assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
        assert len(packed.content) < 30 * KB, (county.slug, len(packed.content))
        assert gzip.decompress(packed.content) == plain.content


def test_every_nc_county_and_town_page_answers_in_both_languages_under_200_kb(site):
    towns = list(Municipality.objects.filter(state_id="NC").order_by("geoid"))
    assert len(towns) == 554
    pages = [f"counties/{county.slug}" for county in nc_counties()]
    pages += [f"places/{town.slug}" for town in towns]
    for language in LANGUAGES:
        for page in pages:
            response = site.get(f"/{language}/states/nc/{page}/")
            assert response.status_code == 200, (language, page, response.status_code)
            assert len(response.content) < 200 * KB, (language, page, len(response.content))


def test_html_json_svg_and_csv_are_compressed_and_packed_files_are_not(site):
    for path, kind in [
        ("/en/states/", "text/html"),
        ("/api/v1/places/counties?state=NC", "application/json"),
        ("/static/web/favicon.svg", "image/svg+xml"),
        ("/downloads/agreements.csv", "text/csv"),
    ]:
        response = get_gzip(site, path)
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith(kind), (path, response["Content-Type"])
        assert response["Content-Encoding"] == "gzip", path
    states = get_gzip(site, "/en/states/")
    assert len(states.content) < len(site.get("/en/states/").content) / 4
    # A resumed download gets the bytes of the file as stored, never a compressed part.
    whole = body(site.get("/downloads/agreements.csv"))
    part = site.get(
        "/downloads/agreements.csv", HTTP_RANGE="bytes=100-199", HTTP_ACCEPT_ENCODING="gzip"
    )
    assert part.status_code == 206 and "Content-Encoding" not in part
    assert body(part) == whole[100:200]
    parquet = get_gzip(site, "/downloads/agreements.parquet")
    assert parquet.status_code == 200 and "Content-Encoding" not in parquet


def test_the_csrf_token_differs_in_every_compressed_form_page(site):
    """BREACH needs a secret that repeats: Django masks the CSRF token anew in each response."""
    tokens = set()
    for _ in range(3):
        html = gzip.decompress(get_gzip(Client(), "/en/alerts/").content).decode()
        tokens.add(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1))
    assert len(tokens) == 3


def test_the_favicon_is_linked_and_served(site):
    html = html_of(site.get("/es/"))
    assert '<link rel="icon" href="/static/web/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="icon" href="/static/web/favicon.ico" sizes="32x32">' in html
    svg = site.get("/static/web/favicon.svg")
    assert svg.status_code == 200 and b"<svg" in b"".join(svg.streaming_content)
    root = site.get("/favicon.ico")
    assert root.status_code == 301 and root["Location"] == "/static/web/favicon.ico"
    ico = site.get("/static/web/favicon.ico")
    body = b"".join(ico.streaming_content)
    assert ico.status_code == 200 and body[:4] == b"\x00\x00\x01\x00" and b"PNG" in body[:40]


def meta(html: str, prop: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)
    assert found, prop
    return found.group(1).replace("&#x27;", "'").replace("&amp;", "&")


def test_place_and_agency_pages_have_share_cards_that_give_the_answer(site):
    duplin = html_of(site.get("/en/states/nc/counties/duplin/"))
    assert meta(duplin, "og:title") == "Duplin County, North Carolina"
    assert meta(duplin, "og:url") == "http://testserver/en/states/nc/counties/duplin/"
    description = meta(duplin, "og:description")
    assert "have an active 287(g) agreement" in description
    assert "Duplin County Sheriff's Office" in description
    spanish = html_of(site.get("/es/states/nc/counties/duplin/"))
    assert meta(spanish, "og:locale") == "es_US"
    assert "Condado de Duplin" in meta(spanish, "og:title")
    assert "acuerdo 287(g) activo" in meta(spanish, "og:description")
    town = html_of(site.get("/en/states/nc/places/teachey/"))
    assert meta(town, "og:title") == "Teachey, North Carolina"
    assert "Duplin County Sheriff's Office" in meta(town, "og:description")
    agency = html_of(site.get("/en/agencies/nc-duplin-county-sheriffs-office/"))
    assert meta(agency, "og:title").startswith("Duplin County Sheriff")
    assert meta(agency, "twitter:card") == "summary"
    quiet = html_of(site.get(f"/en/states/nc/counties/{quiet_county().slug}/"))
    assert "no agency serving it has an active or pending" in meta(quiet, "og:description")


def test_robots_txt_names_the_sitemap_and_keeps_personal_links_out(site):
    response = site.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /en/alerts/manage/" in body and "Disallow: /admin/" in body
    assert "Disallow: /en/states/" not in body


NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_the_sitemap_lists_every_public_page_in_both_languages(site):
    index = ElementTree.fromstring(site.get("/sitemap.xml").content)
    locations, alternates = set(), {}
    for part in index.findall("s:sitemap/s:loc", NS):
        sitemap = ElementTree.fromstring(
            site.get(part.text.replace("http://testserver", "")).content
        )
        for url in sitemap.findall("s:url", NS):
            loc = url.find("s:loc", NS).text.replace("http://testserver", "")
            locations.add(loc)
            alternates[loc] = {
                link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
            }
    for language in LANGUAGES:
        for page in ["", "states/", "rights/", "changes/", "sources/", "alerts/", "downloads/"]:
            assert f"/{language}/{page}" in locations, page
        for county in nc_counties():
            assert f"/{language}/states/nc/counties/{county.slug}/" in locations
        for town in Municipality.objects.filter(state_id="NC"):
            assert f"/{language}/states/nc/places/{town.slug}/" in locations
        for code in State.objects.values_list("code", flat=True):
            assert f"/{language}/states/{code.lower()}/" in locations
        assert f"/{language}/agencies/nc-duplin-county-sheriffs-office/" in locations
    assert len([loc for loc in locations if "/counties/" in loc]) == 2 * County.objects.count()
    assert alternates["/en/states/nc/counties/duplin/"]["es"].endswith(
        "/es/states/nc/counties/duplin/"
    )
    assert not [loc for loc in locations if "//" in loc or "/alerts/manage/" in loc]
    # Every address answers.
    for loc in ["/es/states/nc/counties/duplin/", "/en/states/um/", "/es/downloads/"]:
        assert site.get(loc).status_code == 200, loc


def test_the_change_log_state_filter_has_no_empty_state(site):
    """The Census list gives FIPS 74 (Midway Islands) no postal code: it was loaded as a state
    with an empty code and name, an empty option here and `/en/states//counties/…` in the API."""
    assert not State.objects.filter(code="").exists()
    assert not County.objects.filter(state_id="").exists()
    midway = County.objects.get(fips="74300")
    assert (midway.state_id, midway.state.name) == ("UM", "U.S. Minor Outlying Islands")
    for language in LANGUAGES:
        html = html_of(site.get(f"/{language}/changes/"))
        select = re.search(r'<select name="state".*?</select>', html, flags=re.S).group(0)
        options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)
        assert options[0][0] == ""  # the "any state" choice
        assert all(value and label.strip() for value, label in options[1:]), options
        assert ("UM", "U.S. Minor Outlying Islands") in options
    api = site.get("/api/v1/places/counties?page_size=1000&state=UM").json()["items"]
    assert [c["page_path"] for c in api] == ["/en/states/um/counties/midway-islands-district/"]
    assert site.get(api[0]["page_path"]).status_code == 200


# -- 9. the ACLU-NC's pages and the sheriff's records -------------------------------------------


def test_the_aclu_nc_links_come_from_the_seeds_and_show_where_they_help(site):
    seeds = "".join(p.read_text() for p in (SHARED / "docs" / "seeds").glob("*.txt"))
    links = list(CommunityLink.objects.filter(active=True))
    assert len(links) == 4
    for link in links:
        assert link.url in seeds, link.url  # never an invented address
        assert "seeds" in link.source
    toolkit = "https://www.acluofnorthcarolina.org/publications/287g-toolkit/"
    tracker = "https://www.acluofnorthcarolina.org/287g/"
    volunteer = "https://act.acluofnc.org/a/287g-agreement-all"
    voting = "https://www.acluofnorthcarolina.org/know-your-rights/voter-intimidation/"
    expected = {
        "rights/": {volunteer, voting},
        "states/nc/": {toolkit, tracker, volunteer, voting},
        "states/nc/counties/duplin/": {toolkit, tracker, volunteer},
        f"states/nc/counties/{quiet_county().slug}/": {toolkit, tracker, volunteer},
        "states/nc/places/teachey/": {toolkit, tracker, volunteer},
    }
    every = {toolkit, tracker, volunteer, voting}
    for language in LANGUAGES:
        for page, shown in expected.items():
            html = html_of(site.get(f"/{language}/{page}"))
            found = {url for url in every if f'href="{url}"' in html}
            assert found == shown, (language, page, found)
        spanish = text(html_of(site.get("/es/states/nc/")))
        if language == "es":
            assert "La guía sobre 287(g) de la ACLU de Carolina del Norte" in spanish
            assert "(en inglés)" in spanish
    texas = html_of(site.get("/en/states/tx/"))
    assert toolkit not in texas  # North Carolina's pages only


def test_a_county_whose_sheriff_has_an_active_agreement_shows_the_records_request(site):
    assert Agreement.objects.filter(
        agency_id="nc-duplin-county-sheriffs-office", status="active"
    ).exists()
    assert "Request the sheriff's records on 287(g)" in text(
        html_of(site.get("/en/states/nc/counties/duplin/"))
    )
    assert "Solicitar los registros del alguacil sobre el 287(g)" in text(
        html_of(site.get("/es/states/nc/counties/duplin/"))
    )


# -- error pages ---------------------------------------------------------------------------------

NOT_FOUND = {
    "en": ("Page not found", "Go to the home page"),
    "es": ("Página no encontrada", "Ir a la página de inicio"),
}
SERVER_ERROR = {"en": "Something went wrong on our side", "es": "Algo falló de nuestro lado"}


@override_settings(DEBUG=False)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_missing_page_says_so_in_the_readers_language_with_a_way_back(site, language):
    for path in (f"/{language}/no-such-page/", f"/{language}/states/nc/counties/atlantis/"):
        response = site.get(path)
        assert response.status_code == 404
        html = response.content.decode()
        title, home = NOT_FOUND[language]
        assert f"<h1>{title}</h1>" in html and f'<html lang="{language}">' in html
        assert f'<a href="/{language}/">{home}</a>' in html
        assert f'action="/{language}/search/"' in html and 'name="q"' in html
        assert '<nav class="main"' in html  # the site's own frame
        assert "Not Found" not in html


@override_settings(DEBUG=False)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_server_error_says_so_in_the_readers_language_with_a_way_back(
    placed, language, monkeypatch
):
    from deputized.web import views

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views, "rights_sections", broken)
    response = Client(raise_request_exception=False).get(f"/{language}/rights/")
    assert response.status_code == 500
    html = response.content.decode()
    assert f"<h1>{SERVER_ERROR[language]}</h1>" in html and f'<html lang="{language}">' in html
    assert f'href="/{language}/"' in html and f'action="/{language}/search/"' in html
    assert "a bug" not in html and "Traceback" not in html
