"""Who hears of an agency's changes, on the whole real archive and NC's real places: a town's
subscribers hear of its own police and of its county's sheriff, and of nobody else."""

from __future__ import annotations

import pytest

from deputized.alerts.routing import agency_topics
from deputized.places.models import Municipality
from deputized.places.selectors import town_agencies

pytestmark = pytest.mark.django_db

DUPLIN = "37061"
SHERIFF = "nc-duplin-county-sheriffs-office"
BEULAVILLE_PD = "nc-beulaville-police-department"


def town(name: str) -> Municipality:
    return Municipality.objects.get(state_id="NC", name=name)


def test_the_sheriffs_changes_reach_every_town_of_the_county(placed):
    topics = set(agency_topics(SHERIFF, "NC"))
    assert {f"agency:{SHERIFF}", "state:NC", f"county:{DUPLIN}"} <= topics
    duplin_towns = Municipality.objects.filter(counties__fips=DUPLIN)
    assert duplin_towns.count() >= 10
    # Teachey has no police (the sheriff polices it); Beulaville has its own: both hear of him.
    assert {f"town:{t.geoid}" for t in duplin_towns} <= topics
    assert f"town:{town('Raleigh').geoid}" not in topics


def test_a_town_police_department_reaches_its_town_and_county_only(placed):
    topics = set(agency_topics(BEULAVILLE_PD, "NC"))
    assert topics == {
        f"agency:{BEULAVILLE_PD}",
        "state:NC",
        f"county:{DUPLIN}",
        f"town:{town('Beulaville').geoid}",
    }


def test_a_towns_agencies_are_its_police_and_its_sheriff(placed):
    assert {p.agency_id for p in town_agencies(town("Beulaville"))} == {BEULAVILLE_PD, SHERIFF}
    assert {p.agency_id for p in town_agencies(town("Teachey"))} == {SHERIFF}
