"""287(g) before and after on a generated SBI extract, with the real earlier-agreements layer.

Wake County Sheriff's Office signed in June 2008 and ended in December 2018 (the earlier layer,
loaded into the `places` database): in the generated stops its Hispanic drivers' discretionary
search rate jumps by 6 points from 2009, while five sheriffs never under an agreement keep the
common trend. Henderson County Sheriff's Office (also June 2008) reports only from 2007: too few
years before, so no claim; Guilford County Sheriff's Office's task-force agreement (October 2009 to
November 2010) leaves no full year under it.
"""

from __future__ import annotations

import json
import random
import re
from datetime import date, datetime

import pytest
from django.core.management import CommandError, call_command
from django.template import Context, Template
from django.utils import translation

from deputized.stops.analysis import effects
from deputized.stops.ingest import load

from .sbi_fixtures import Stop, write_extract

pytestmark = pytest.mark.django_db

WAKE = "Wake County Sheriff's Office"
HENDERSON = "Henderson County Sheriff's Office"
GUILFORD = "Guilford County Sheriff's Office"
# Never under an agreement in Wake's years (its own began in 2020), the right size, but 20.6 % of
# its residents were Hispanic in 2010 against Wake's 9.8 %: not a comparison agency.
DUPLIN = "Duplin County Sheriff's Office"
CONTROLS = [
    "Chatham County Sheriff's Office",
    "Franklin County Sheriff's Office",
    "Harnett County Sheriff's Office",
    "Johnston County Sheriff's Office",
    "Orange County Sheriff's Office",
]
TRUTH = 0.06
YEARS = range(2003, 2014)
HISPANIC, WHITE = 150, 100  # stops per agency and year


def _year(agency: str, year: int, rate: float, rng: random.Random) -> list[Stop]:
    stops = []
    rng_white = random.Random(f"{agency}{year}")  # the Hispanic share varies, by chance only
    for i in range(HISPANIC):
        searched = rng.random() < rate
        stops.append(
            Stop(
                agency,
                datetime(year, 1 + i % 12, 5, 10),
                ethnicity="H",
                purpose=5 if i % 4 == 0 else 1,
                search_type=(1 if i % 2 else 3) if searched else None,
                driver_arrest=rng.random() < 0.05,
            )
        )
    for i in range(WHITE + rng_white.randint(-20, 20)):
        stops.append(
            Stop(agency, datetime(year, 1 + i % 12, 6, 10), search_type=3 if i < 3 else None)
        )
    return stops


def _extract() -> list[Stop]:
    rng = random.Random(18)
    stops: list[Stop] = []
    for year in YEARS:
        trend = 0.04 + 0.003 * (year - 2003)
        for n, agency in enumerate(CONTROLS):
            stops += _year(agency, year, trend + 0.005 * n, rng)
        stops += _year(WAKE, year, trend + 0.01 + (TRUTH if year >= 2009 else 0), rng)
        if year >= 2007:
            stops += _year(HENDERSON, year, trend, rng)
        stops += _year(GUILFORD, year, trend, random.Random(year))
        stops += _year(DUPLIN, year, trend, random.Random(-year))
    # The extract's first and last years are full (a partial one is left out of the panel).
    first, last = datetime(YEARS[0], 1, 1, 9), datetime(YEARS[-1], 12, 31, 9)
    return [Stop(CONTROLS[0], first), *stops, Stop(CONTROLS[0], last)]


@pytest.fixture(scope="module")
def extract(tmp_path_factory):
    return write_extract(_extract(), tmp_path_factory.mktemp("extract"))


@pytest.fixture
def analyzed(places, extract, tmp_path, settings):
    settings.STOPS_DIR = tmp_path / "stops"
    load.run(extract, target=settings.STOPS_DIR)
    call_command("stops", "analyze")
    return settings.STOPS_DIR


def _render(name: str) -> str:
    html = Template("{% load stops %}{% stops_section name=n %}").render(Context({"n": name}))
    return re.sub(r"\s+", " ", html).replace("&#x27;", "'")


def test_estimate_near_truth_with_named_controls(analyzed):
    data = json.loads((analyzed / "effects.json").read_text())
    wake = data["agencies"][WAKE]
    assert wake["periods"][0]["start"] == "2008-06-25"
    assert wake["periods"][0]["sources"][0]["source"] == "earlier"
    assert wake["years_before"] == [2003, 2004, 2005, 2006, 2007]
    assert wake["years_after"] == [2009, 2010, 2011, 2012, 2013]
    assert wake["controls"] == CONTROLS  # not Guilford (under one in 2009–10), nor Duplin
    assert wake["hispanic_residents"][WAKE] == pytest.approx(0.098, abs=0.001)
    assert all(abs(wake["hispanic_residents"][c] - 0.098) <= 0.05 for c in CONTROLS)
    assert wake["ended"]["reason"] == "few_years_after"
    search = wake["outcomes"]["hispanic_search_rate"]
    assert abs(search["effect"] - TRUTH) < 0.02
    assert search["low"] < TRUTH < search["high"]
    assert search["placebo_share"] == 0  # no comparison sheriff shows a change as large
    assert not search["pretrend"]
    # Nothing changed in the Hispanic share of stops: the interval covers 0.
    share = wake["outcomes"]["hispanic_share"]
    assert share["low"] <= 0 <= share["high"]


def test_too_few_years_before_makes_no_claim(analyzed):
    data = json.loads((analyzed / "effects.json").read_text())
    henderson = data["agencies"][HENDERSON]
    assert henderson["reason"] == "few_years_before" and "outcomes" not in henderson
    assert CONTROLS[0] not in data["agencies"]  # never under an agreement: no entry
    guilford = data["agencies"][GUILFORD]
    assert guilford["periods"][0]["end"] == "2010-11-01"
    assert guilford["years_after"] == [] and guilford["reason"] == "few_years_after"
    html = _render(HENDERSON)
    assert "No before-and-after estimate is made for this agency" in html
    assert "fewer than 2 full years before the agreement began" in html
    with translation.override("es"):
        html = _render(HENDERSON)
    assert "No se hace ninguna estimación de antes y después para esta agencia" in html


def test_page_shows_estimate_controls_and_caveats_in_both_languages(analyzed):
    html = _render(WAKE)
    assert "Before and after the 287(g) agreement" in html
    assert "Under a 287(g) agreement from June 25, 2008 to Dec. 7, 2018." in html
    assert "the record of agreements before 2021" in html
    assert "Compared with: " + "; ".join(CONTROLS) in html
    assert "associations, not proof" in html
    assert "of the comparison agencies" not in html  # every one had Hispanic drivers stopped
    assert "After the agreement ended" in html  # the data ends in 2013
    assert "fewer than 2 full years after the agreement ended" in html
    estimate = json.loads((analyzed / "effects.json").read_text())["agencies"][WAKE]
    search = estimate["outcomes"]["hispanic_search_rate"]
    effect, low, high = (search[k] * 100 for k in ("effect", "low", "high"))
    shown = f"{effect:.1f} ({low:.1f} to {high:.1f})"
    assert shown in html
    with translation.override("es"):
        html = _render(WAKE)
    assert "Antes y después del acuerdo 287(g)" in html
    assert "Comparado con: " + "; ".join(CONTROLS) in html
    assert "asociaciones, no prueba" in html
    assert f"{search['effect'] * 100:.1f}".replace(".", ",") in html


def test_county_page_shows_its_sheriffs_estimate(analyzed):
    html = Template("{% load stops %}{% stops_section county_fips=f %}").render(
        Context({"f": "37183"})
    )
    assert "Before and after the 287(g) agreement" in html and "Orange County Sheriff" in html


def test_load_with_analyze_writes_the_estimates(places, extract, tmp_path, settings, capsys):
    settings.STOPS_DIR = tmp_path / "again"
    call_command("load_stops", str(extract), "--analyze")
    assert "before/after estimates: 1 of 4 agencies" in capsys.readouterr().out
    assert WAKE in json.loads((settings.STOPS_DIR / "effects.json").read_text())["agencies"]


def test_analyze_failure_leaves_previous_files(analyzed):
    before = (analyzed / "effects.json").read_bytes()
    (analyzed / "thresholds.json").write_text('{"agencies": {}}')
    parquet = analyzed / "stops.parquet"
    good = parquet.read_bytes()
    parquet.write_bytes(b"not parquet")
    try:
        with pytest.raises(CommandError, match="nothing written"):
            call_command("stops", "analyze", "--thresholds")
    finally:
        parquet.write_bytes(good)
    assert (analyzed / "effects.json").read_bytes() == before
    assert (analyzed / "thresholds.json").read_text() == '{"agencies": {}}'
    assert sorted(p.name for p in analyzed.iterdir() if p.name.startswith(".")) == []


def test_periods_merge_and_names_match_across_spellings():
    def agreement(source, start, end=None, name=WAKE):
        return {
            "source": source,
            "id": f"{source}-{start}",
            "names": [name],
            "agency_type": "",
            "county_fips": [],
            "start": date.fromisoformat(start),
            "end": date.fromisoformat(end) if end else None,
        }

    # A jail agreement ended in 2012, a warrant-service one from 2020: two periods.
    two = effects.periods(
        [agreement("earlier", "2020-05-21"), agreement("earlier", "2007-01-10", "2012-09-18")]
    )
    assert [(p.start.year, p.end and p.end.year) for p in two] == [(2007, 2012), (2020, None)]
    # An earlier agreement still in force when ICE's lists begin, continued in the history: one.
    one = effects.periods([agreement("earlier", "2007-02-22"), agreement("history", "2021-01-13")])
    assert len(one) == 1 and [s["source"] for s in one[0].sources] == ["earlier", "history"]
    found = effects.match(
        [WAKE, "Wake Forest Police Department"],
        [agreement("history", "2025-03-01", name="WAKE COUNTY SO")],
    )
    assert list(found) == [WAKE]


def test_after_the_agreement_ended_on_a_panel():
    """The comparison of the last years under an agreement with the years after it ended, on an
    agency × year panel built directly (Mecklenburg's dates: 2006-02-27 to 2018-12-05)."""
    rng = random.Random(7)
    meck = "Mecklenburg County Sheriff's Office"
    others = ["Union County Sheriff's Office", *CONTROLS]

    def row(rate: float) -> dict:
        hispanic = 1000 + rng.randint(-100, 100)
        searches = sum(rng.random() < rate for _ in range(hispanic))
        return {
            "stops": hispanic + 400,
            "hispanic_stops": hispanic,
            "hispanic_discretionary_searches": searches,
            "hispanic_arrests": sum(rng.random() < 0.05 for _ in range(hispanic)),
            "hispanic_regulatory": hispanic // 4,
            "hispanic_checkpoints": 0,
        }

    data = {
        agency: {
            y: row(
                0.05 + 0.002 * (y - 2000) + (0.05 if agency == meck and 2006 <= y <= 2018 else 0)
            )
            for y in range(2000, 2024)
        }
        for agency in [meck, *others]
    }
    own = effects.periods(
        [
            {
                "source": "earlier",
                "id": "NC-mecklenburg-county-so-JEM-2006",
                "names": [meck],
                "start": date(2006, 2, 27),
                "end": date(2018, 12, 5),
            }
        ]
    )
    result = effects.agency_effect(meck, own, data, {meck: effects._years_under(own)})
    start = result["outcomes"]["hispanic_search_rate"]
    assert result["years_before"] == [2001, 2002, 2003, 2004, 2005]
    assert start["low"] < 0.05 < start["high"] and abs(start["effect"] - 0.05) < 0.02
    ended = result["ended"]
    assert ended["years_before"] == [2013, 2014, 2015, 2016, 2017]
    assert ended["years_after"] == [2019, 2020, 2021, 2022, 2023]
    assert ended["controls"] == sorted(others)
    search = ended["outcomes"]["hispanic_search_rate"]
    assert search["low"] < -0.05 < search["high"] and abs(search["effect"] + 0.05) < 0.02
