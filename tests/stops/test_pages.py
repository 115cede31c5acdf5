"""The stops section, methods page, downloads and API, in both languages."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

from deputized.stops import selectors
from deputized.stops.ingest import load

from .sbi_fixtures import DURHAM, MECK, section_extract, write_extract


@pytest.fixture
def loaded(tmp_path, settings):
    settings.STOPS_DIR = tmp_path / "stops"
    load.run(write_extract(section_extract(), tmp_path / "in"), target=settings.STOPS_DIR)
    return settings.STOPS_DIR


def _render(**kwargs) -> str:
    args = " ".join(f"{k}=v_{k}" for k in kwargs)
    return Template("{% load stops %}{% stops_section " + args + " %}").render(
        Context({f"v_{k}": v for k, v in kwargs.items()})
    )


def test_county_section_shows_ratio_with_interval_and_caveat(loaded):
    html = _render(county_fips="37119")
    assert "Traffic stops" in html and "<svg" in html and "<table " in html
    assert "1400 traffic stops" in html
    assert "searched 5.0 times as often as white drivers" in html
    assert "does not prove bias" in html


def test_county_section_other_measures_years_and_source(loaded):
    html = _render(county_fips="37119")
    # Hispanic drivers, 2019: 60 consent searches of 400 stops, 5 finds of 60 searches.
    assert "15.0 % (60/400)" in html and "8.3 % (5/60)" in html
    years = html[html.index('id="stops-years"') :]
    row_2019, row_2018 = '<th scope="row">2019</th>', '<th scope="row">2018</th>'
    assert years.index(row_2019) < years.index(row_2018)  # newest first
    # 2018: 10 and 3 searches, below the minimum: the ratio is withheld that year.
    row_2018 = years[years.index(row_2018) : years.index("</tr>", years.index(row_2018))]
    assert "too few to compare" in row_2018 and "10/100" in row_2018
    assert "STOPS_Extract.zip" in html and "stops from 2018-01-05 to 2019-12-04" in html
    with translation.override("es"):
        spanish = _render(county_fips="37119")
    assert "Año por año" in spanish and "Registros con consentimiento" in spanish
    assert "Fuente: el extracto de paradas de tráfico" in spanish


def test_county_section_compares_with_residents_with_its_caveats(loaded, settings):
    path = settings.REFERENCE_DATA_DIR / "nc" / "nc_county_race_ethnicity_2020.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        meck = next(r for r in csv.DictReader(handle) if r["county_fips"] == "37119")
    share = int(meck["eth_hispanic"]) / int(meck["total"]) * 100
    html = _render(county_fips="37119")
    assert (
        f"Hispanic people were {share:.1f}% of the county's residents in the 2020 census"
        f" ({meck['eth_hispanic']} of {meck['total']}, all ages" in html
    )
    assert "This is not a measure of bias" in html
    with translation.override("es"):
        assert "censo de 2020" in _render(county_fips="37119")


def test_agency_section_withholds_ratio_below_minimum(loaded):
    html = _render(name="DURHAM POLICE DEPARTMENT")
    assert "Too few searches to compare" in html
    assert "times as often" not in html
    assert "too few to compare" in html


def test_section_in_spanish(loaded):
    with translation.override("es"):
        html = _render(county_fips="37119")
    assert "Paradas de tráfico" in html
    assert "no prueba" in html


def test_an_agency_of_another_state_with_an_nc_name_has_no_nc_stops(loaded):
    assert "Traffic stops" in _render(name=DURHAM, state="NC")
    assert _render(name=DURHAM, state="AL").strip() == ""


@pytest.mark.django_db
def test_a_broken_or_stale_analysis_file_leaves_the_section_standing(loaded):
    call_command("stops", "analyze")
    effects = loaded / "effects.json"
    assert json.loads(effects.read_text())["load_stamp"] == (
        (loaded / "stops.parquet").stat().st_mtime_ns
    )
    effects.write_text("{not json")
    assert "Traffic stops" in _render(county_fips="37119")  # shown, without the estimates
    effects.write_text(json.dumps({"load_stamp": 1, "agencies": {MECK: {"reason": "x"}}}))
    assert selectors.stops_effect_get(agency=MECK) is None  # another load's results


def test_nothing_when_agency_not_loaded(loaded):
    assert _render(name="Wake County Sheriff's Office").strip() == ""


@pytest.mark.django_db
def test_methods_page_downloads_and_api(loaded, client):
    for lang, words, did_words in (
        ("en", "What these figures cannot show", "fewer than 3 comparison agencies"),
        ("es", "Lo que estas cifras no pueden mostrar", "menos de 3 agencias de comparación"),
    ):
        page = client.get(f"/{lang}/stops/methods/")
        assert page.status_code == 200 and words in page.content.decode()
        assert did_words in page.content.decode()
    data = client.get("/en/stops/measures.csv")
    assert data["Content-Disposition"] == 'attachment; filename="stops-measures.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(data.streaming_content).decode())))
    hisp = next(
        r
        for r in rows
        if r["agency"] == MECK and r["race_group"] == "Hispanic" and r["year"] == "2019"
    )
    assert hisp["stops"] == "400" and hisp["searches"] == "60"
    parquet = client.get("/en/stops/measures.parquet")
    assert b"".join(parquet.streaming_content)[:4] == b"PAR1"
    api = client.get("/api/v1/stops/measures", {"agency": DURHAM}).json()
    assert api["count"] == 2 and api["pages"] == 1
    assert {r["race_group"] for r in api["items"]} == {"Hispanic", "White"}
    assert all(r.get("search_rate_ratio") is None for r in api["items"])
    every = client.get("/api/v1/stops/measures", {"page_size": 1, "page": 2}).json()
    assert every["count"] == 6 and every["pages"] == 6 and len(every["items"]) == 1
    assert client.get("/api/v1/stops/measures", {"page_size": 5000}).status_code == 400
    agencies = client.get("/api/v1/stops/agencies").json()
    assert {a["agency"]: a["census_geoid"] for a in agencies}[MECK] == "37119"


def test_reasons_name_what_was_missing_for_each_comparison():
    from deputized.stops.templatetags.stops import reason_text

    minimums = {"stops": 100, "controls": 3}
    assert "stopped Hispanic drivers" in reason_text("few_controls", minimums, outcome=True)
    assert "reported stops" in reason_text("few_controls", minimums)
    after_end = reason_text("few_stops", minimums, ended=True)
    assert "fewer than 100 under the agreement, or after it ended" in after_end
    with translation.override("es"):
        assert "después de que terminó" in reason_text("few_stops", minimums, ended=True)


def test_a_new_load_shows_on_cached_pages_at_once(places, tmp_path, settings, client):
    from django.core.cache import cache

    settings.STOPS_DIR = tmp_path / "stops"
    cache.clear()
    county = "/en/states/nc/counties/mecklenburg/"
    assert b'id="stops-title"' not in client.get(county).content  # nothing loaded: cached so
    load.run(write_extract(section_extract(), tmp_path / "in"), target=settings.STOPS_DIR)
    assert b'id="stops-title"' in client.get(county).content
