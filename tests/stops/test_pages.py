"""The stops section, methods page, downloads and API, in both languages."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from deputized.stops.ingest import load

from .sbi_fixtures import Stop, write_extract

MECK = "Mecklenburg County Sheriff's Office"
DURHAM = "Durham Police Department"


def _extract() -> list[Stop]:
    stops = []
    # Mecklenburg 2019: 400 Hispanic (60 searched), 1000 white (30 searched): a ratio of 5.
    for i in range(400):
        stops.append(
            Stop(
                MECK,
                datetime(2019, 1 + i % 12, 3, 10),
                ethnicity="H",
                search_type=1 if i < 60 else None,
                contraband="nonzero" if i < 5 else None,
            )
        )
    for i in range(1000):
        stops.append(
            Stop(MECK, datetime(2019, 1 + i % 12, 4, 10), search_type=3 if i < 30 else None)
        )
    # Durham 2019: too few searches to compare (3 and 2).
    for i in range(50):
        stops.append(
            Stop(DURHAM, datetime(2019, 5, 1, 9), ethnicity="H", search_type=1 if i < 3 else None)
        )
        stops.append(Stop(DURHAM, datetime(2019, 5, 2, 9), search_type=1 if i < 2 else None))
    return stops


@pytest.fixture
def loaded(tmp_path, settings):
    settings.STOPS_DIR = tmp_path / "stops"
    load.run(write_extract(_extract(), tmp_path / "in"), target=settings.STOPS_DIR)
    return settings.STOPS_DIR


def _render(**kwargs) -> str:
    args = " ".join(f"{k}=v_{k}" for k in kwargs)
    return Template("{% load stops %}{% stops_section " + args + " %}").render(
        Context({f"v_{k}": v for k, v in kwargs.items()})
    )


def test_county_section_shows_ratio_with_interval_and_caveat(loaded):
    html = _render(county_fips="37119")
    assert "Traffic stops" in html and "<svg" in html and "<table>" in html
    assert "1400 traffic stops" in html
    assert "searched 5.0 times as often as white drivers" in html
    assert "does not prove bias" in html


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
    rows = list(csv.DictReader(io.StringIO(data.content.decode())))
    hisp = next(r for r in rows if r["agency"] == MECK and r["race_group"] == "Hispanic")
    assert hisp["stops"] == "400" and hisp["searches"] == "60"
    assert client.get("/en/stops/measures.parquet").content[:4] == b"PAR1"
    api = client.get("/api/v1/stops/measures", {"agency": DURHAM}).json()
    assert {r["race_group"] for r in api} == {"Hispanic", "White"}
    assert all(r.get("search_rate_ratio") is None for r in api)
    agencies = client.get("/api/v1/stops/agencies").json()
    assert {a["agency"]: a["census_geoid"] for a in agencies}[MECK] == "37119"
