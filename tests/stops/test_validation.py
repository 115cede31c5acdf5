"""The pipeline reproduces the saved Durham PD and Mecklenburg sheriff aggregates exactly.

Stop-level extracts in the SBI layout (with its quirks) are built from the saved aggregates, loaded
with `load_stops`, and the measures' counts compared cell by cell with the saved files
(shared/data/stops/, MANIFEST.csv): Durham PD stops and searches by year × purpose × race
(2002–2019, 322,891 stops); Mecklenburg sheriff by year × race (stops, searches, contraband,
force, consent and probable-cause searches, regulatory and investigation stops) and by
year × purpose × race (40,297 stops).
"""

from __future__ import annotations

import csv
from datetime import datetime

import pytest

from deputized.stops.analysis.measures import PURPOSES, counts
from deputized.stops.ingest import load
from tests.conftest import SHARED

from .sbi_fixtures import GROUP_CODES, Stop, write_extract

STOPS = SHARED / "data" / "stops"
CODE = {name: code for code, name in PURPOSES.items()}
SEARCH_CODE = {
    "Consent": 1,
    "Search Warrant": 2,
    "Probable Cause": 3,
    "Search Incident to Arrest": 4,
    "Protective Frisk": 5,
}


def _when(year: int, i: int) -> datetime:
    return datetime(year, 1 + i % 12, 1 + i % 28, 8 + i % 12, 30)


def _read(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def durham(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("durham")
    saved = _read(STOPS / "derived" / "durham_pd_stops_searches_by_purpose_year_race_2002_2019.csv")
    stops = []
    for row in saved:
        eth, race = GROUP_CODES[row["driver_race"]]
        for i in range(int(row["stops"])):
            searched = i < int(row["searches"])
            stops.append(
                Stop(
                    "Durham Police Department",
                    _when(int(row["year"]), i),
                    purpose=CODE[row["stop_purpose"]],
                    ethnicity=eth,
                    race=race,
                    search_type=(1 + i % 5) if searched else None,
                )
            )
    result = load.run(write_extract(stops, tmp / "in"), target=tmp / "stops")
    return saved, result


def test_durham_pd_stops_and_searches_by_year_purpose_race(durham):
    saved, result = durham
    assert result.quality["stops"] == 322_891
    assert result.unmatched == []
    got = {
        (r["year"], r["purpose"], r["race_group"]): r
        for r in counts(result.target, by=("year", "purpose", "race_group"))
    }
    for row in saved:
        key = (int(row["year"]), CODE[row["stop_purpose"]], row["driver_race"])
        stops, searches = int(row["stops"]), int(row["searches"])
        cell = got.get(key, {"stops": 0, "searches": 0})
        assert (cell["stops"], cell["searches"]) == (stops, searches), key
    assert sum(r["searches"] for r in got.values()) == 19_712


@pytest.fixture(scope="module")
def mecklenburg(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("meck")
    stops = []
    for row in _read(STOPS / "odp" / "mecklenburg_sheriff_2002_2022-04_stop_summary.csv"):
        eth, race = GROUP_CODES[row["driver_race"]]
        search = SEARCH_CODE.get(row["search_type"])
        for i in range(int(row["count"])):
            stops.append(
                Stop(
                    "Mecklenburg County Sheriff's Office",
                    _when(int(row["year"]), i),
                    purpose=CODE[row["stop_purpose"]],
                    ethnicity=eth,
                    race=race,
                    search_type=search,
                    contraband="nonzero" if row["contraband_found"] == "True" else None,
                    engage_force=row["engage_force"] == "True",
                )
            )
    return load.run(write_extract(stops, tmp / "in"), target=tmp / "stops")


def test_mecklenburg_sheriff_by_year_and_race(mecklenburg):
    assert mecklenburg.quality["stops"] == 40_297
    got = {
        (r["year"], r["race_group"]): r
        for r in counts(mecklenburg.target, by=("year", "race_group"))
    }
    saved = _read(STOPS / "derived" / "mecklenburg_sheriff_by_year_race_2002_2022-04.csv")
    names = {
        "stops": "stops",
        "searches": "searches",
        "contraband_found": "hits",
        "engage_force": "engage_force",
        "consent_searches": "search_consent",
        "probable_cause_searches": "search_probable_cause",
        "regulatory_equipment_stops": "regulatory_equipment",
        "investigation_checkpoint_stops": "investigation_checkpoint",
    }
    compared = 0
    for row in saved:
        cell = got.get((int(row["year"]), row["driver_race"]))
        for column, ours in names.items():
            assert (cell[ours] if cell else 0) == int(row[column]), (
                row["year"],
                row["driver_race"],
                column,
            )
            compared += 1
    assert len(saved) == 123 and compared == 123 * 8


def test_mecklenburg_sheriff_by_year_purpose_race(mecklenburg):
    got = {
        (r["year"], r["purpose"], r["race_group"]): r["stops"]
        for r in counts(mecklenburg.target, by=("year", "purpose", "race_group"))
    }
    saved = _read(STOPS / "odp" / "mecklenburg_sheriff_2002_2022-04_stop_purpose_counts.csv")
    for row in saved:
        for group in GROUP_CODES:
            want = int(float(row[group] or 0))
            key = (int(row["year"]), CODE[row["stop_purpose"]], group)
            assert got.get(key, 0) == want, key
