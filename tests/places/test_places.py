"""Reference data and the matching of every ICE agency to the place it polices."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from deputized.history.models import Agency
from deputized.places.matching import AgencyFacts, Reference, find_county, match
from deputized.places.models import AgencyPlace, County, Municipality, State
from deputized.places.reference import load_reference
from deputized.places.selectors import county_agencies, town_policing

pytestmark = [pytest.mark.slow, pytest.mark.django_db, pytest.mark.usefixtures("placed")]


def test_reference_data_is_complete_and_loading_it_again_changes_nothing():
    assert State.objects.count() == 57
    assert County.objects.filter(state="NC").count() == 100
    assert Municipality.objects.count() == 554
    duplin = County.objects.get(state="NC", slug="duplin")
    assert (duplin.fips, duplin.full_name, duplin.seat) == ("37061", "Duplin County", "Kenansville")
    assert County.objects.get(state="NC", slug="new-hanover").fips == "37129"
    before = County.objects.count(), Municipality.objects.count()
    load_reference()
    assert (County.objects.count(), Municipality.objects.count()) == before


def test_every_nc_agency_is_placed():
    nc = AgencyPlace.objects.filter(state="NC")
    assert nc.count() == Agency.objects.filter(state="NC").count() > 20
    assert not nc.filter(scope="unmatched").exists()


def test_sheriffs_police_and_regional_jails_land_where_they_police():
    duplin = AgencyPlace.objects.get(agency_id="nc-duplin-county-sheriffs-office")
    assert (duplin.scope, duplin.county_id) == ("county", "37061")
    beulaville = AgencyPlace.objects.get(agency__name="Beulaville Police Department")
    assert (beulaville.scope, beulaville.municipality.name, beulaville.county_id) == (
        "municipality",
        "Beulaville",
        "37061",
    )
    jail = AgencyPlace.objects.get(agency__name="Albemarle District Jail")
    assert jail.scope == "region" and jail.counties.count() == 3
    assert "VERIFY" in jail.note  # an unverified fact says so


def test_nationally_at_least_95_percent_are_placed_and_the_command_says_so():
    out = StringIO()
    call_command("match_places", stdout=out)
    placed = AgencyPlace.objects.exclude(scope="unmatched").count()
    assert placed / AgencyPlace.objects.count() >= 0.95
    assert "placed: 9" in out.getvalue() and "NC agencies" in out.getvalue()


def test_a_county_page_lists_its_sheriff_and_its_towns_police():
    duplin = County.objects.get(fips="37061")
    names = {p.agency.name for p in county_agencies(duplin)}
    assert {"Duplin County Sheriff's Office", "Beulaville Police Department"} <= names


def test_a_town_without_police_is_policed_by_its_county_sheriff():
    town = Municipality.objects.filter(primary_county_id="37061", police_ori="").first()
    assert town is not None
    policing = town_policing(town)
    assert not policing.own_police
    assert policing.name == "Duplin County Sheriff's Office"
    assert [p.agency_id for p in policing.ice_agencies] == ["nc-duplin-county-sheriffs-office"]


def _reference() -> Reference:
    counties = {
        "MO": {"pulaski": "29169", "saintfrancois": "29187", "franklin": "29071"},
        "LA": {"lasalle": "22059"},
    }
    return Reference(counties, {}, {}, {})


@pytest.mark.parametrize(
    ("state", "typed", "fips"),
    [
        ("MO", "Pulaksi County", "29169"),
        ("MO", "Frankin County", "29071"),
        ("MO", "Saint Francois County", "29187"),
        ("LA", "LaSalle Parish", "22059"),
        ("MO", "Nowhere County", None),
    ],
)
def test_county_names_forgive_ice_typos(state, typed, fips):
    assert find_county(_reference(), state, typed) == fips


def test_an_agency_no_rule_can_place_goes_to_review():
    facts = AgencyFacts("mo-x", "MO", "Regional Task Force 9", ["Regional Task Force 9"], "", "")
    assert match(facts, _reference()).scope == "unmatched"
