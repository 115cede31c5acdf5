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
    assert data["load_stamp"] == (analyzed / "stops.parquet").stat().st_mtime_ns
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


def _panel_row(rng: random.Random, rate: float, checkpoints: int = 0) -> dict:
    hispanic = 1000 + rng.randint(-100, 100)
    return {
        "stops": hispanic + 400,
        "hispanic_stops": hispanic,
        "hispanic_discretionary_searches": sum(rng.random() < rate for _ in range(hispanic)),
        "hispanic_arrests": sum(rng.random() < 0.05 for _ in range(hispanic)),
        "hispanic_regulatory": hispanic // 4,
        "hispanic_checkpoints": checkpoints,
    }


DURHAM = "Durham Police Department"
TOWNS = [
    "Burlington Police Department",
    "Cary Police Department",
    "Chapel Hill Police Department",
    "Concord Police Department",
    "Greenville Police Department",
]


def _durham_like(years: range = range(2002, 2019)) -> dict:
    rng = random.Random(11)
    return {
        agency: {y: _panel_row(rng, 0.05 + 0.002 * (y - 2000)) for y in years}
        for agency in [DURHAM, *TOWNS]
    }


def test_earlier_end_bounded_by_precision_or_ice_lists():
    # Durham PD's task-force agreement: no ended_date, only the ICE lists that include and omit it.
    durham = effects.earlier_end(
        signed=date(2008, 2, 1),
        precision="between 2012-10-16 and 2012-12-31 (dates of the ICE lists that include / omit)",
        last_listed="2013-01-18 capture (list as of 2012-10-16)",
        first_unlisted="2013-04-02 capture (list as of 2012-12-31)",
        on_list_2021="no",
    )
    assert durham == (date(2012, 12, 31), date(2012, 10, 16), True)
    # Nash's 2018 jail agreement: last reported in force 2018-12-12, not on ICE's 2021 list.
    nash = effects.earlier_end(
        signed=date(2018, 2, 2),
        precision="between 2018-12-12 (last dated report of it in force) and 2021-01-13 (absent)",
        first_unlisted="2021-01-13 (not on ICE list; only Nash's WSO of 2020-01-29 is)",
        on_list_2021="no (Nash appears only under the WSO model, separate row)",
    )
    assert nash == (date(2021, 1, 13), date(2018, 12, 12), True)
    # Only the list it is missing from: surely in force until the last list that had it.
    assert effects.earlier_end(
        signed=date(2009, 1, 5), last_listed="2010-10-29", on_list_2021="no"
    ) == (date(2021, 1, 13), date(2010, 10, 29), True)
    stated = effects.earlier_end(signed=date(2006, 2, 27), ended_date="2018-12-05")
    assert stated == (date(2018, 12, 5), date(2018, 12, 5), False)
    still = effects.earlier_end(signed=date(2007, 2, 22), on_list_2021="yes")
    assert still == (None, None, False)


def test_agreement_list_reads_durhams_bounded_end(places):
    from deputized.stops.selectors import stops_agreement_list

    found = {a["names"][0]: a for a in stops_agreement_list() if a["source"] == "earlier"}
    durham = found[DURHAM]
    assert durham["end"] == date(2012, 12, 31) and durham["end_earliest"] == date(2012, 10, 16)
    assert durham["end_uncertain"]
    wake = found[WAKE]
    assert wake["end"] == date(2018, 12, 7) and not wake["end_uncertain"]


def test_uncertain_end_bounds_the_years_and_is_not_merged_into_a_later_agreement():
    agreement = {
        "source": "earlier",
        "id": "NC-durham-pd-TFM-2008",
        "names": [DURHAM],
        "start": date(2008, 2, 1),
        "end": date(2012, 12, 31),
        "end_earliest": date(2012, 10, 16),
        "end_uncertain": True,
    }
    own = effects.periods([agreement])
    assert effects._years_under(own) == set(range(2008, 2013))
    data = _durham_like()
    result = effects.agency_effect(DURHAM, own, data, {DURHAM: effects._years_under(own)})
    period = result["periods"][0]
    assert period["end_uncertain"] and period["end_latest"] == "2012-12-31"
    assert period["end_earliest"] == "2012-10-16"
    assert result["years_before"] == [2003, 2004, 2005, 2006, 2007]
    assert result["years_after"] == [2009, 2010, 2011]  # 2012: it may have ended then
    ended = result["ended"]
    assert ended["end_uncertain"] and ended["end_latest"] == "2012-12-31"
    assert ended["years_before"] == [2009, 2010, 2011]
    assert ended["years_after"] == [2013, 2014, 2015, 2016, 2017]
    assert ended["controls"] == TOWNS
    # An end known only to lie in 2018-12-12 … 2021-01-13 (Nash): those years are left out, and
    # an agreement begun inside the span is a period of its own, not a continuation.
    nash = dict(
        agreement,
        start=date(2014, 2, 2),
        end=date(2021, 1, 13),
        end_earliest=date(2018, 12, 12),
    )
    later = dict(agreement, id="wso", start=date(2020, 1, 29), end=None, end_earliest=None)
    two = effects.periods([nash, later])
    assert [p.start.year for p in two] == [2014, 2020] and two[0].uncertain
    alone = effects.agency_effect(DURHAM, two[:1], data, {DURHAM: effects._years_under(two)})
    assert alone["years_after"] == [2015, 2016, 2017]
    assert alone["ended"]["years_left_out"] == [2018, 2019, 2020, 2021]
    # Surely continuous (the later one began while the first was surely in force): one period.
    assert len(effects.periods([nash, dict(later, start=date(2017, 5, 1))])) == 1


def test_police_in_a_county_whose_sheriff_had_an_agreement_is_no_control(tmp_path):
    data = _durham_like()
    cary = "Cary Police Department"
    own = effects.periods(
        [
            {
                "source": "earlier",
                "id": "d",
                "names": [DURHAM],
                "start": date(2008, 2, 1),
                "end": None,
            }
        ]
    )
    sheriff = {
        "source": "earlier",
        "id": "wake",
        "names": [WAKE],
        "agency_type": "county sheriff",
        "county_fips": ["37183"],
        "start": date(2008, 6, 25),
        "end": date(2018, 12, 7),
    }
    towns = tmp_path / "nc"
    towns.mkdir()
    (towns / "nc_municipalities.csv").write_text(
        "place_geoid,county_fips_list\n3710740,37183|37037\n3700160,37125\n"
    )
    by_town = effects.town_counties(tmp_path)
    assert by_town["3710740"] == ["37183", "37037"]  # a town in two counties
    counties = {cary: by_town["3710740"], TOWNS[0]: by_town["3700160"]}
    county_under = effects.county_years([sheriff], counties, {})
    assert county_under == {"37183": set(range(2008, 2019))}
    under = {DURHAM: effects._years_under(own)}
    result = effects.agency_effect(DURHAM, own, data, under, None, counties, county_under)
    assert cary not in result["controls"]
    assert result["controls"] == [t for t in TOWNS if t != cary]
    # A sheriff's agreement outside the window excludes no one.
    later = dict(sheriff, start=date(2016, 1, 1), end=None)
    county_under = effects.county_years([later], counties, {})
    result = effects.agency_effect(DURHAM, own, data, under, None, counties, county_under)
    assert cary in result["controls"]


def test_minimum_events_on_each_side_and_counts_without_rates_when_refused():
    data = _durham_like()
    for y in range(2002, 2019):  # 30 checkpoint stops a year before, none after
        data[DURHAM][y]["hispanic_checkpoints"] = 30 if y < 2008 else 0
    own = effects.periods(
        [
            {
                "source": "earlier",
                "id": "d",
                "names": [DURHAM],
                "start": date(2008, 2, 1),
                "end": None,
            }
        ]
    )
    result = effects.agency_effect(DURHAM, own, data, {DURHAM: effects._years_under(own)})
    refused = result["outcomes"]["hispanic_checkpoint_share"]
    assert refused["reason"] == "few_events"
    assert refused["events_before"] == 150 and refused["events_after"] == 0
    assert refused["denominator_before"] == sum(
        data[DURHAM][y]["hispanic_stops"] for y in range(2003, 2008)
    )
    assert refused["rate_before"] is None and refused["rate_after"] is None
    search = result["outcomes"]["hispanic_search_rate"]
    assert "reason" not in search and search["events_before"] >= 20
    assert search["rate_after"] == round(search["events_after"] / search["denominator_after"], 5)


def test_partial_first_and_last_years_are_left_out(tmp_path):
    assert effects.full_years(date(2002, 1, 1), date(2012, 12, 31)) == (2002, 2012)
    assert effects.full_years(date(2002, 1, 2), date(2012, 6, 30)) == (2003, 2011)
    stops = [Stop(WAKE, datetime(y, m, 15, 10)) for y in range(2010, 2013) for m in (1, 6)]
    stops.append(Stop(WAKE, datetime(2010, 1, 1, 8)))  # the extract's first stop: a full year
    target = tmp_path / "stops"
    load.run(write_extract(stops, tmp_path / "extract"), target=target)
    assert sorted(effects.panel(target)[WAKE]) == [2010, 2011]  # 2012 ends on June 15
