"""Cell normalization, one quirk from ice-sheets.md §2.1 per case, each on the smallest input."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deputized.sheets import normalize
from deputized.sheets.normalize import (
    _FOLD,
    _SPACES,
    agency_type,
    clean_text,
    county_name,
    parse_date,
    state_code,
    support_model,
)
from deputized.sheets.types import SupportModel

# ---- clean_text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Autauga County Sheriff's Office ", "Autauga County Sheriff's Office"),  # trailing space
        ("County ", "County"),
        ("  Jail Enforcement Model  ", "Jail Enforcement Model"),
        ("link\xa0|\xa0addendum", "link | addendum"),  # non-breaking spaces
        ("Wake County\xa0", "Wake County"),  # trailing NBSP
        ("Catawba  County\tSheriff's\nOffice", "Catawba County Sheriff's Office"),
        ("St. Mary’s County Sheriff’s Office", "St. Mary's County Sheriff's Office"),  # curly
        ("‘Quoted’", "'Quoted'"),
    ],
)
def test_clean_text_strips_collapses_and_folds_apostrophes(printed, expected):
    assert clean_text(printed) == expected


@pytest.mark.parametrize("printed", [None, "", "   ", "\xa0", " \xa0\t\n"])
def test_clean_text_of_nothing_is_none(printed):
    assert clean_text(printed) is None


def test_clean_text_makes_curly_and_straight_spellings_equal():
    assert clean_text("Sheriff’s Office ") == clean_text("Sheriff's Office")


@given(st.text())
def test_clean_text_output_is_stripped_single_spaced_and_stable(text):
    cleaned = clean_text(text)
    if cleaned is None:
        return
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned
    assert "\xa0" not in cleaned
    assert "’" not in cleaned
    assert clean_text(cleaned) == cleaned


# ---- state_code -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "code"),
    [
        ("UTAHJ", "UT"),  # 2025-07-03pmb to 07-07pm
        ("WEST VIRIGINIA", "WV"),  # 2025-08
        ("MCHIGAN", "MI"),  # 2025-10-15 to 10-17
        ("WEST VIRIGINA", "WV"),  # 2026-02-02 to 02-06
        ("PENNSLYVANIA", "PA"),  # 2026-02-17 to 02-27
        ("AlABAMA", "AL"),
        ("GUAM", "GU"),
        ("NORTHERN MARIANA ISLANDS", "MP"),
    ],
)
def test_state_code_repairs_every_typo_ice_printed(printed, code):
    assert state_code(printed) == code


@pytest.mark.parametrize(
    ("printed", "code"),
    [
        ("VIRGINIA", "VA"),
        ("WEST VIRGINIA", "WV"),
        ("NORTH CAROLINA", "NC"),
        ("SOUTH CAROLINA", "SC"),
        ("KANSAS", "KS"),
        ("ARKANSAS", "AR"),
        ("North Carolina ", "NC"),  # case and trailing space
        ("NEW\xa0MEXICO", "NM"),
        ("NC", "NC"),
        ("tx", "TX"),
    ],
)
def test_state_code_keeps_similar_states_apart(printed, code):
    assert state_code(printed) == code


@pytest.mark.parametrize("printed", [None, "", "  ", "XYZZY", "CAROLINA", "Total", "12345", "#N/A"])
def test_state_code_of_nonsense_is_none(printed):
    # `CAROLINA` is as close to North as to South Carolina: no guess.
    assert state_code(printed) is None


FIFTY_STATES_AND_DC = """ALABAMA ALASKA ARIZONA ARKANSAS CALIFORNIA COLORADO CONNECTICUT DELAWARE
FLORIDA GEORGIA HAWAII IDAHO ILLINOIS INDIANA IOWA KANSAS KENTUCKY LOUISIANA MAINE MARYLAND
MASSACHUSETTS MICHIGAN MINNESOTA MISSISSIPPI MISSOURI MONTANA NEBRASKA NEVADA NEW_HAMPSHIRE
NEW_JERSEY NEW_MEXICO NEW_YORK NORTH_CAROLINA NORTH_DAKOTA OHIO OKLAHOMA OREGON PENNSYLVANIA
RHODE_ISLAND SOUTH_CAROLINA SOUTH_DAKOTA TENNESSEE TEXAS UTAH VERMONT VIRGINIA WASHINGTON
WEST_VIRGINIA WISCONSIN WYOMING DISTRICT_OF_COLUMBIA"""


def test_every_state_name_gets_its_own_code():
    names = [name.replace("_", " ") for name in FIFTY_STATES_AND_DC.split()]
    codes = {name: state_code(name) for name in names}
    assert len(names) == 51
    assert [name for name, code in codes.items() if code is None] == []
    assert len(set(codes.values())) == 51


# ---- support_model ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "model"),
    [
        ("Jail Enforcement Model", SupportModel.JEM),
        ("Jail Enforcement Model ", SupportModel.JEM),
        ("Jail Enforcment Model", SupportModel.JEM),  # pending, 2025-08-04/05
        ("Warrant Service Officer", SupportModel.WSO),
        ("Warrant Services Officer", SupportModel.WSO),  # 2025-11-10 to 2026-01-07
        ("Warrant Service Office", SupportModel.WSO),  # 2025-12-29 to 2026-01-07
        ("Task Force Model", SupportModel.TFM),
        ("Task Force Officer", SupportModel.TFM),  # 2025-11-14 to 12-09
        ("task force model", SupportModel.TFM),
        ("\xa0Warrant Service Officer\xa0", SupportModel.WSO),
    ],
)
def test_support_model_by_prefix(printed, model):
    assert support_model(printed) is model


@pytest.mark.parametrize("printed", [None, "", "   ", "Cons", "287(g)", "Model"])
def test_support_model_blank_or_unknown_is_none(printed):
    # Blank support type: Beulaville PD (NC), pending, 2025-10-08pm.
    assert support_model(printed) is None


# ---- agency_type ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "label"),
    [
        ("County", "County"),
        ("County ", "County"),
        ("Municipality", "Municipality"),
        ("Municipality ", "Municipality"),
        ("Muncipality ", "Municipality"),
        ("Municipal", "Municipality"),
        ("State Agency", "State Agency"),
        ("State", "State Agency"),
    ],
)
def test_agency_type_values_ice_printed(printed, label):
    assert agency_type(printed) == label


@pytest.mark.parametrize("printed", ["#NA", "#N/A", "", " ", None])
def test_agency_type_lookup_residue_and_empty_are_none(printed):
    assert agency_type(printed) is None


# ---- county_name ------------------------------------------------------------------------------


@pytest.mark.parametrize("printed", ["#N/A", "#NA", " #N/A ", "#n/a", "", None])
def test_county_lookup_residue_is_none(printed):
    assert county_name(printed) is None


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Pulaksi County", "Pulaksi County"),  # misspelled: kept as printed
        ("Saint Francois County ", "Saint Francois County"),
        ("LaSalle\xa0Parish", "LaSalle Parish"),
    ],
)
def test_county_keeps_spelling_but_strips(printed, expected):
    assert county_name(printed) == expected


# ---- parse_date -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.datetime(2025, 6, 11), dt.date(2025, 6, 11)),  # a real Excel date
        (dt.datetime(2025, 6, 11, 14, 30), dt.date(2025, 6, 11)),
        (dt.date(2025, 6, 11), dt.date(2025, 6, 11)),
        ("05/082025", dt.date(2025, 5, 8)),  # Campbell County: second slash never typed
        ("'05/082025", dt.date(2025, 5, 8)),  # with Excel's text apostrophe
        ("7/72025", dt.date(2025, 7, 7)),
        ("8/282025", dt.date(2025, 8, 28)),
        ("2020-06-09", dt.date(2020, 6, 9)),  # ISO text, the converted rosters
        ("2025-06-12 00:00:00", dt.date(2025, 6, 12)),
        ("06/12/2025", dt.date(2025, 6, 12)),
        ("6/12/25", dt.date(2025, 6, 12)),
        (" 06/12/2025 ", dt.date(2025, 6, 12)),
        ("06122025", dt.date(2025, 6, 12)),
    ],
)
def test_parse_date_reads_each_way_ice_wrote_signed(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [None, "", "   ", "link", "TBD", "pending", "June 2025", 45819, 45819.0, True, "2025-06-123"],
)
def test_parse_date_garbage_is_none(value):
    assert parse_date(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "02/30/2025",
        "13/01/2025",
        "2025-02-30",
        "00/10/2025",
        "5025-07-07",  # ICE printed this year
        dt.datetime(5025, 7, 7),
        "1990-01-01",  # before 287(g) existed
    ],
)
def test_parse_date_impossible_dates_are_none(value):
    assert parse_date(value) is None


@given(st.one_of(st.text(), st.integers(), st.floats(), st.none(), st.datetimes()))
def test_parse_date_never_raises(value):
    result = parse_date(value)
    assert result is None or (isinstance(result, dt.date) and result.year >= 1996)


@given(st.text(alphabet="aZ09 `'’\t\n\xa0\u00e9e\u0301-", max_size=20))
def test_the_plain_text_shortcut_cleans_as_the_full_rules(value):
    full = _SPACES.sub(" ", unicodedata.normalize("NFC", value).translate(_FOLD)).strip() or None
    assert normalize.clean_text(value) == full
