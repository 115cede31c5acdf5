"""County, town and agency pages show the earlier agreements (before 2021) on the real archive,
and say "none" only for the dates the archive and the earlier layer cover."""

from __future__ import annotations

import re

import pytest

from deputized.earlier.selectors import earlier_agency_links
from deputized.history.models import Agency

pytestmark = pytest.mark.django_db

HEADING_EN = "Earlier agreements (from ICE fact sheets and reports, not from ICE's spreadsheets)"
HEADING_ES = (
    "Acuerdos anteriores (de hojas informativas e informes de ICE, no de las hojas de cálculo de "
    "ICE)"
)


@pytest.fixture
def site(placed, client):
    """The whole archive, with the earlier layer loaded as `make run` loads it (conftest)."""
    return client


def text(response) -> str:
    """The page as a reader sees it: tags dropped, whitespace and entities normalised."""
    assert response.status_code == 200, response.status_code
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    return page.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")


@pytest.mark.parametrize(
    ("slug", "signed_en", "signed_es", "ended", "source", "quote"),
    [
        (
            "mecklenburg",
            "Signed Feb. 27, 2006.",
            "Firmado el 27 de febrero de 2006.",
            "2018-12-05",
            "https://www.wbtv.com/2018/12/05/first-day-office-mecklenburg-co-sheriff-ends-",
            "On his first day in office, Mecklenburg County Sheriff Garry McFadden ended the "
            "287(g) program",
        ),
        (
            "wake",
            "Signed June 25, 2008.",
            "Firmado el 25 de junio de 2008.",
            "2018-12-07",
            "https://abc11.com/politics/wake-county-ends-cooperation-with-feds-over-deportation/",
            "Wake County has officially ended the 287 (g) agreement",
        ),
    ],
)
def test_mecklenburg_and_wake_show_their_earlier_agreements_with_sources_in_both_languages(
    site, slug, signed_en, signed_es, ended, source, quote
):
    en = text(site.get(f"/en/states/nc/counties/{slug}/"))
    es = text(site.get(f"/es/states/nc/counties/{slug}/"))
    name = f"{slug.title()} County Sheriff's Office"
    assert HEADING_EN in en and HEADING_ES in es
    for page in (en, es):
        assert name in page
        assert ended in page
        assert "never" not in page.lower() and "nunca" not in page.lower()
        assert source in page and quote in page
    assert signed_en in en and f"Ended {ended}." in en
    assert signed_es in es and f"Terminó el {ended}." in es
    assert "Jail Enforcement Model (JEM)" in en and "Modelo de Control en la Cárcel (JEM)" in es
    assert "ICE's lists since Jan. 13, 2021 show no agreement with an agency of this county." in en
    assert "There were agreements before: see the earlier agreements below." in en
    assert "Hubo acuerdos antes: vea los acuerdos anteriores más abajo." in es
    assert "Sources and their words" in en and "Las fuentes y sus palabras" in es


def test_a_county_with_neither_says_so_with_the_dates_covered(site):
    en = text(site.get("/en/states/nc/counties/orange/"))
    es = text(site.get("/es/states/nc/counties/orange/"))
    assert (
        "ICE's lists since Jan. 13, 2021 show no agreement with an agency of this county. "
        "The earlier sources we hold (2002–2020) show none before either." in en
    )
    assert "Las fuentes anteriores que tenemos (2002–2020) tampoco muestran ninguno antes." in es
    assert HEADING_EN not in en and "never" not in en.lower()


def test_a_county_outside_nc_says_its_earlier_sources_are_incomplete(site):
    # Vermont's Addison County: on no list of either kind; the earlier data has gaps outside NC.
    page = text(site.get("/en/states/vt/counties/addison/"))
    assert "show none before either. Outside North Carolina those sources are incomplete." in page


def test_durhams_town_page_shows_its_police_task_force_agreement_as_the_historical_model(site):
    page = text(site.get("/en/states/nc/places/durham/"))
    assert HEADING_EN in page and "Durham Police Department" in page
    assert "Signed Feb. 1, 2008." in page
    assert "the historical task-force model (ended 2012), not today's Task Force Model" in page
    assert "No source states when it ended." in page


def test_an_agency_page_shows_its_earlier_agreement_linked_by_ori_or_name(site):
    links = earlier_agency_links()
    for earlier_id, agency_id in [
        ("NC-gaston-county-so-JEM-2007", "nc-gaston-county-sheriffs-office"),
        ("NC-cabarrus-county-so-JEM-2007", "nc-cabarrus-county-sheriffs-office"),
        ("NC-henderson-county-so-JEM-2008", "nc-henderson-county-sheriffs-office"),
    ]:
        assert links[earlier_id] == agency_id
    page = text(site.get("/en/agencies/nc-gaston-county-sheriffs-office/"))
    assert HEADING_EN in page and "Signed Feb. 22, 2007." in page
    assert "Still in force when our archive starts: its later history is in ICE's lists." in page


def test_no_link_is_invented_for_an_agency_todays_history_does_not_hold(site):
    links = earlier_agency_links()
    assert not Agency.objects.filter(state="NC", name__icontains="Mecklenburg").exists()
    assert "NC-mecklenburg-county-so-JEM-2006" not in links
    assert "NC-wake-county-so-JEM-2008" not in links


def test_a_county_known_only_from_the_earlier_layer_reads_earlier_only(site):
    from deputized.earlier.models import EarlierCounty
    from deputized.places.status import county_statuses

    statuses = {c.name: status for c, status, _ in county_statuses(state="NC").values()}
    earlier = set(EarlierCounty.objects.values_list("county_fips", flat=True))
    # Mecklenburg's and Wake's sheriffs ended their agreements in 2018; ICE has not listed an
    # agency of either since 2021.
    assert statuses["Mecklenburg"] == statuses["Wake"] == "earlier_only"
    assert statuses["Duplin"] == "active"  # what ICE lists today comes first
    for fips, (county, status, _) in county_statuses(state="NC").items():
        if status == "earlier_only":
            assert fips in earlier, county.name
    nc = {"en": text(site.get("/en/states/nc/")), "es": text(site.get("/es/states/nc/"))}
    assert re.search(r"Mecklenburg County ended before 2021 \(earlier records\)", nc["en"])
    assert re.search(
        r"Mecklenburg terminado antes de 2021 \(registros anteriores\)", nc["es"], re.I
    ), re.findall(r".{40}Mecklenburg.{60}", nc["es"])
