"""The public pages on the whole real archive: what residents, organizers and journalists check."""

from __future__ import annotations

import re

import pytest

from deputized.archive.models import Publication
from deputized.history.models import Agreement, ChangeEvent, Listing
from deputized.history.selectors import last_publication_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(placed, client):
    return client


def text(response) -> str:
    """The page as a reader sees it: tags dropped, whitespace collapsed."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'")


def test_root_sends_each_reader_to_their_language(site):
    assert site.get("/", HTTP_ACCEPT_LANGUAGE="es").url == "/es/"
    assert site.get("/", HTTP_ACCEPT_LANGUAGE="en-US").url == "/en/"


def test_duplin_county_shows_its_sheriff_and_its_towns_police_with_dates_and_sources(site):
    page = text(site.get("/en/states/nc/counties/duplin/"))
    sheriff = Agreement.objects.get(agency_id="nc-duplin-county-sheriffs-office", status="active")
    assert "Duplin County Sheriff's Office" in page
    assert "Warrant Service Officer (WSO)" in page and "signed June 25, 2020" in page
    beulaville = Agreement.objects.get(agency_id="nc-beulaville-police-department", status="active")
    assert "Beulaville Police Department" in page and "Task Force Model (TFM)" in page
    assert "signed Oct. 17, 2025" in page
    # Each agreement names the ICE file and row that lists it, with the list's date.
    for agreement in (sheriff, beulaville):
        publication = agreement.publication
        assert f"file {publication.file_name}, row {agreement.row}" in page
    # The towns, and who polices each: a town without police is policed by the sheriff.
    assert "Teachey" in page and "no police department of its own" in page
    assert "Get help now" in page and "336-543-0353" in page


def test_a_town_without_police_shows_its_sheriff_and_his_agreement(site):
    page = text(site.get("/en/states/nc/places/teachey/"))
    assert "has no police department of its own" in page
    assert "Duplin County Sheriff's Office" in page and "Warrant Service Officer" in page
    assert "What local officials can do" in page


def test_a_town_with_its_own_police_shows_that_department_and_the_sheriff(site):
    page = text(site.get("/en/states/nc/places/beulaville/"))
    assert "has its own police department" in page
    assert "Beulaville Police Department" in page and "Task Force Model" in page
    # The county sheriff works in the town too and runs the jail: his agreement is shown after.
    sheriff = page.index("The county sheriff")
    assert "Duplin County Sheriff's Office" in page[sheriff:]
    assert "Warrant Service Officer" in page[sheriff:]
    assert "Duplin County Sheriff" not in text(site.get("/en/states/nc/places/raleigh/"))


def test_an_agency_page_lists_every_event_with_the_file_row_and_date(site):
    response = site.get("/en/agencies/nc-beulaville-police-department/")
    page = text(response)
    events = ChangeEvent.objects.filter(agency_id="nc-beulaville-police-department")
    assert events.count() >= 2  # pending listed, then activated
    for event in events.select_related("publication"):
        assert event.publication.file_name in page
        assert f"row {event.row}" in page
    assert "listed as pending" in page and "pending, now participating" in page


def test_the_home_page_numbers_match_the_latest_list(site):
    page = text(site.get("/en/"))
    latest = last_publication_on(Publication.objects.latest("published_on").published_on)
    national = Listing.objects.filter(publication=latest).values("agreement_id").distinct().count()
    nc = (
        Listing.objects.filter(publication=latest, agreement__agency__state="NC")
        .values("agreement_id")
        .distinct()
        .count()
    )
    assert f"{national:,} active agreements in the states and territories" in page
    assert f"{nc} active agreements in North Carolina" in page
    assert f"({latest.file_name})" in page
    assert "Latest changes" in page


def test_the_nc_map_links_every_county_to_its_page(site):
    html = site.get("/en/").content.decode()
    links = set(re.findall(r'href="(/en/states/nc/counties/[a-z-]+/)"', html))
    assert len(links) == 100
    assert "/en/states/nc/counties/new-hanover/" in links


def test_the_change_log_filters_and_pages(site):
    nc_removed = ChangeEvent.objects.filter(agency__state="MD", kind="removed").count()
    page = text(site.get("/en/changes/?state=MD&kind=removed"))
    assert f"{nc_removed} change" in page
    everything = text(site.get("/en/changes/"))
    assert "Page 1 of" in everything
    second = site.get("/en/changes/?page=2")
    assert second.status_code == 200


def test_a_bad_filter_is_refused_with_a_message(site):
    response = site.get("/en/changes/?kind=exploded&state=ZZ")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_the_county_filter_keeps_the_county_agencies(site):
    html = site.get("/en/changes/?county=duplin").content.decode()
    table = html[html.index('<table class="stack events">') : html.index("</table>")]
    agencies = set(re.findall(r'href="/en/agencies/([a-z0-9-]+)/"', table))
    # Duplin's sheriff was on the archive's first list and has not changed since: no change.
    assert agencies == {"nc-beulaville-police-department"}


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("duplin", "Duplin County"),
        ("Duplin Co.", "Duplin County"),
        ("DÚPLIN county", "Duplin County"),
        ("Dupiln", "Duplin County"),
        ("new hanover", "New Hanover County"),
        ("robbins", "Robbins"),
        ("Beulaville police", "Beulaville Police Department"),
        ("condado de wake", "Wake County"),
    ],
)
def test_search_forgives_accents_case_abbreviations_and_typos(site, query, first):
    html = site.get("/en/search/", {"q": query}).content.decode()
    listing = html[html.index('<ul class="results">') :]
    results = re.findall(r'<li><a href="[^"]+">([^<]+)</a>', listing)
    assert results and results[0] == first, results[:5]


def test_search_with_no_match_says_so(site):
    assert "Nothing matches" in text(site.get("/en/search/", {"q": "zzzzqqq"}))


def test_the_pages_speak_spanish_and_the_switch_keeps_the_page(site):
    response = site.get("/es/states/nc/counties/duplin/")
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert 'href="/en/states/nc/counties/duplin/"' in html
    page = text(response)
    assert "Qué pueden hacer las autoridades locales" in page
    assert "firmado el 25 de junio de 2020" in page
    total = ChangeEvent.objects.changes().count()  # the archive's first lists are no change
    assert re.search(
        rf"<caption>{total} cambios</caption>", site.get("/es/changes/").content.decode()
    )


def test_an_unknown_place_is_a_404(site):
    assert site.get("/en/states/nc/counties/atlantis/").status_code == 404
    assert site.get("/en/agencies/nc-nobody/").status_code == 404


def test_the_pages_load_no_script_and_stay_small(site):
    for url in (
        "/en/states/nc/counties/duplin/",
        "/en/states/nc/places/teachey/",
        "/en/agencies/nc-duplin-county-sheriffs-office/",
        "/en/changes/",
        "/en/search/?q=duplin",
        "/en/",
    ):
        html = site.get(url).content
        assert b"<script" not in html, url
        assert len(html) < 200_000, (url, len(html))


def test_the_country_maps_link_every_state_and_each_county_with_an_agreement(site):
    html = site.get("/en/states/").content.decode()
    states = set(re.findall(r'href="(/en/states/[a-z]{2}/)"', html))
    assert len(states) >= 50
    counties = sorted(set(re.findall(r'href="(/en/states/[a-z]{2}/counties/[a-z0-9-]+/)"', html)))
    assert "/en/states/nc/counties/duplin/" in counties
    from deputized.places.status import county_statuses

    # No agreement known, since 2021 or before: drawn, not linked.
    none = [c.slug for c, status, _ in county_statuses(state="NC").values() if status == "none"]
    assert none and not {f"/en/states/nc/counties/{slug}/" for slug in none} & set(counties)
    for url in counties[:: max(len(counties) // 5, 1)]:
        assert site.get(url).status_code == 200, url
