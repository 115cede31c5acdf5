"""The threshold test per agency (location = agency) from the loaded stops, with few samples.

Format and wiring only (what the pages show); convergence is a bench matter (docs/stops.md).
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

from deputized.stops import selectors
from deputized.stops.analysis import threshold
from deputized.stops.ingest import load

from .sbi_fixtures import Stop, write_extract

pytestmark = pytest.mark.django_db

AGENCIES = ["Apex Police Department", "Cary Police Department"]
SMALL = "Garner Police Department"  # 10 searches of each group: below the minimum


def _extract() -> list[Stop]:
    stops = []
    for agency, searches in [(a, 40) for a in AGENCIES] + [(SMALL, 10)]:
        for ethnicity in ("H", "N"):
            for i in range(200):
                stops.append(
                    Stop(
                        agency,
                        datetime(2020 + i % 3, 1 + i % 12, 9, 10),
                        ethnicity=ethnicity,
                        search_type=3 if i < searches else None,
                        contraband="nonzero"
                        if i < searches // (4 if ethnicity == "N" else 8)
                        else None,
                    )
                )
    # An old year outside the latest five: not counted.
    stops.append(Stop(AGENCIES[0], datetime(2010, 1, 1, 10), ethnicity="H", search_type=3))
    return stops


@pytest.fixture
def loaded(tmp_path, settings):
    settings.STOPS_DIR = tmp_path / "stops"
    load.run(write_extract(_extract(), tmp_path / "in"), target=settings.STOPS_DIR)
    return settings.STOPS_DIR


def test_cells_per_agency_with_enough_searches(loaded):
    cells, years = threshold.agency_cells(loaded)
    assert years == [2018, 2019, 2020, 2021, 2022]
    assert {(c.location, c.race) for c in cells} == {
        (a, g) for a in AGENCIES for g in ("Hispanic", "White")
    }
    apex = next(c for c in cells if c.location == AGENCIES[0] and c.race == "Hispanic")
    assert (apex.stops, apex.searches, apex.hits) == (200, 40, 5)


def test_analyze_writes_thresholds_and_the_page_shows_them(loaded):
    call_command(
        "stops", "analyze", "--thresholds", "--warmup", "30", "--samples", "30", "--chains", "1"
    )
    data = json.loads((loaded / "thresholds.json").read_text())
    assert sorted(data["agencies"]) == AGENCIES
    assert data["years"] == [2018, 2022] and data["minimum_searches"] == 20
    for cells in data["agencies"].values():
        for c in cells:
            assert 0 <= c["threshold_low"] <= c["threshold"] <= c["threshold_high"] <= 1
    assert json.loads((loaded / "effects.json").read_text())["agencies"] == {}
    render = Template("{% load stops %}{% stops_section name=n %}").render
    # 30 draws of one chain cannot show convergence: the page says the test was run, no table.
    assert not selectors.converged(data["diagnostics_by_agency"][AGENCIES[1]])
    html = render(Context({"n": AGENCIES[1]}))
    assert "did not settle on stable estimates" in html and "Estimated search" not in html
    # The same cells with a converged fit's diagnostics are shown.
    converged = {"rhat_max": 1.004, "ess_min": 420.0, "divergences": 0}
    data["diagnostics_by_agency"] = {agency: converged for agency in AGENCIES}
    (loaded / "thresholds.json").write_text(json.dumps(data))
    html = render(Context({"n": AGENCIES[1]}))
    assert "Search thresholds (threshold test)" in html and "not proof of bias" in html
    assert "Estimated search thresholds by group, 2018–2022" in html
    with translation.override("es"):
        html = render(Context({"n": AGENCIES[1]}))
    assert "Umbrales de registro (prueba de umbral)" in html
    assert "Search thresholds" not in render(Context({"n": SMALL}))


def test_analyze_one_agency(loaded):
    """`--agency` fits only the agencies named; one agency alone has no location effects."""
    call_command(
        "stops",
        "analyze",
        "--thresholds",
        "--agency",
        AGENCIES[0],
        "--warmup",
        "20",
        "--samples",
        "20",
        "--chains",
        "1",
    )
    data = json.loads((loaded / "thresholds.json").read_text())
    assert list(data["agencies"]) == [AGENCIES[0]]
    assert data["diagnostics"]["divergences"] >= 0
    # Another agency's run adds to the file: the first agency's thresholds stay.
    call_command(
        "stops", "analyze", "--thresholds", "--agency", AGENCIES[1],
        "--warmup", "20", "--samples", "20", "--chains", "1",
    )  # fmt: skip
    data = json.loads((loaded / "thresholds.json").read_text())
    assert sorted(data["agencies"]) == sorted(AGENCIES[:2])
    assert sorted(data["diagnostics_by_agency"]) == sorted(AGENCIES[:2])
