"""Guidance for real places: reference data loaded, then ICE's two lists of 14 October 2025.

On that day ICE listed the Duplin County sheriff as participating (WSO), the Columbus County
sheriff under both WSO and the Task Force Model, the Albemarle District Jail (serving Camden,
Pasquotank and Perquimans) as participating, and Beulaville's police (Duplin) as pending.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from deputized.archive.ingest.run import run
from deputized.oversight.measures import Body, Status
from deputized.oversight.models import MeasureText
from deputized.oversight.selectors import (
    county_jurisdiction,
    jurisdiction_status,
    pending_models,
    place_guidance,
    state_jurisdiction,
    town_jurisdiction,
)
from deputized.places.models import County, Municipality, State
from tests.conftest import SNAPSHOTS
from tests.databases import database_copy

FILES = [
    "2025-10-14pm_participatingAgencies10142025pm.xlsx",
    "2025-10-14pm_pendingAgencies10142025pm.xlsx",
]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ingested")]


@pytest.fixture(scope="module")
def ingested(places, django_db_blocker) -> Iterator[None]:
    """The places, then the two lists, in a copy of the places database of this module's own:
    the history's update places every agency."""
    with django_db_blocker.unblock(), database_copy(places, "oversight"):
        run(paths=[SNAPSHOTS / name for name in FILES])
        yield


def county(slug: str) -> County:
    return County.objects.get(state="NC", slug=slug)


def town(name: str) -> Municipality:
    return Municipality.objects.get(state="NC", name=name)


def test_duplin_county_whose_sheriff_has_an_agreement_is_active():
    jurisdiction = county_jurisdiction(county("duplin"))
    assert (jurisdiction.body, jurisdiction.status) == (Body.COUNTY, Status.ACTIVE)
    assert jurisdiction.models == {"WSO"}
    # Beulaville's pending agreement is the town's, not the county's.
    assert jurisdiction.pending_models == frozenset()
    guidance = place_guidance(county=county("duplin"), language="en")
    keys = [m.key for m in guidance.measures]
    assert "county-activity-cost-reports" in keys and "county-traffic-stop-review" not in keys
    assert isinstance(guidance.who, str)


def test_a_county_with_both_models_gets_the_task_force_measures():
    jurisdiction = county_jurisdiction(county("columbus"))
    assert (jurisdiction.status, jurisdiction.models) == (Status.ACTIVE, {"WSO", "TFM"})
    keys = [m.key for m in place_guidance(county=county("columbus")).measures]
    assert "county-traffic-stop-review" in keys


def test_a_regional_jail_counts_for_the_counties_it_serves():
    jurisdiction = county_jurisdiction(county("camden"))
    assert (jurisdiction.status, jurisdiction.models) == (Status.ACTIVE, {"WSO"})


def test_a_county_without_any_agreement_is_none():
    guidance = place_guidance(county=county("chatham"), language="en")
    assert guidance.jurisdiction.status is Status.NONE
    assert "county-values-resolution" in [m.key for m in guidance.measures]
    assert guidance.urgency is None


def test_a_town_with_police_takes_the_status_of_its_police_department():
    beulaville = town_jurisdiction(town("Beulaville"))
    assert (beulaville.body, beulaville.status) == (Body.MUNICIPALITY_POLICE, Status.PENDING)
    assert beulaville.pending_models == {"TFM"}
    guidance = place_guidance(municipality=town("Beulaville"), language="en")
    assert "Task Force Model" in guidance.urgency
    assert "council-pre-approval" in [m.key for m in guidance.measures]
    # Kenansville, in the same county, has its own police and no agreement.
    kenansville = town_jurisdiction(town("Kenansville"))
    assert (kenansville.body, kenansville.status) == (Body.MUNICIPALITY_POLICE, Status.NONE)
    durham = town_jurisdiction(town("Durham"))
    assert (durham.body, durham.status) == (Body.MUNICIPALITY_POLICE, Status.NONE)


def test_a_town_without_police_takes_the_status_of_its_sheriff():
    calypso = town_jurisdiction(town("Calypso"))  # Duplin County, policed by the sheriff
    assert (calypso.body, calypso.status, calypso.models) == (
        Body.MUNICIPALITY_NO_POLICE,
        Status.ACTIVE,
        {"WSO"},
    )
    goldston = town_jurisdiction(town("Goldston"))  # Chatham County: no agreement
    assert (goldston.body, goldston.status) == (Body.MUNICIPALITY_NO_POLICE, Status.NONE)


def test_nc_state_agencies_have_no_agreement_listed():
    jurisdiction = state_jurisdiction(State.objects.get(code="NC"))
    assert (jurisdiction.body, jurisdiction.status) == (Body.STATE, Status.NONE)


def test_place_guidance_needs_exactly_one_place():
    with pytest.raises(ValueError):
        place_guidance()
    with pytest.raises(ValueError):
        place_guidance(county=county("duplin"), municipality=town("Calypso"))


def test_a_curators_rewording_applies_to_its_language_only():
    MeasureText.objects.create(
        key="county-values-resolution",
        language="es",
        title="Pedir al alguacil que avise antes",
        note="Prueba",
    )
    spanish = place_guidance(county=county("chatham"), language="es")
    english = place_guidance(county=county("chatham"), language="en")
    assert spanish.measures[0].title == "Pedir al alguacil que avise antes"
    assert english.measures[0].title == "Pass a resolution asking for advance notice"
    assert spanish.measures[0].text == str(spanish.measures[0].text)  # resolved to a string


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([], (Status.NONE, frozenset())),
        ([("ended", "WSO"), ("withdrawn", "TFM")], (Status.NONE, frozenset())),
        ([("pending", "TFM"), ("ended", "WSO")], (Status.PENDING, frozenset())),
        ([("activated", "TFM"), ("pending", "JEM")], (Status.PENDING, frozenset())),
        ([("activated", "TFM"), ("active", "TFM")], (Status.ACTIVE, frozenset({"TFM"}))),
        # A pending listing since signed, whose agreement then ended: the maps say ended, and
        # the measures no longer treat the place as active (31 agencies were in this state).
        ([("activated", "TFM"), ("ended", "TFM")], (Status.NONE, frozenset())),
        # Not on the latest list, unconfirmed: never counted as active anywhere.
        ([("suspected_ended", "JEM")], (Status.NONE, frozenset())),
        ([("active", "WSO"), ("active", "TFM")], (Status.ACTIVE, frozenset({"WSO", "TFM"}))),
    ],
)
def test_jurisdiction_status_reads_the_one_place_status(statuses, expected):
    standings = [(model, status) for status, model in statuses]
    assert jurisdiction_status(standings) == expected


def test_pending_models_ignore_a_pending_row_without_a_model():
    assert pending_models([("TFM", "pending"), ("", "pending")]) == {"TFM"}


def test_curators_reword_an_entry_in_the_admin_and_the_change_is_kept(admin_client, admin_user):
    form = {"key": "county-cost-center", "language": "en", "title": "Give 287(g) its own budget"}
    form |= {"text": "", "basis": "", "question": "", "note": "Shorter title for the page."}
    response = admin_client.post("/admin/oversight/measuretext/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    text = MeasureText.objects.get(key="county-cost-center", language="en")
    assert text.history.latest().history_user == admin_user
    page = admin_client.get(f"/admin/oversight/measuretext/{text.pk}/change/").content.decode()
    assert "separate budget line" in page  # the default wording, shown beside the rewording
    measures = place_guidance(county=county("duplin"), language="en").measures
    assert next(m for m in measures if m.key == "county-cost-center").title == form["title"]
    # An unknown key, or a row that rewords nothing, is refused.
    for bad in ({"key": "no-such-measure"}, {"language": "es", "title": ""}):
        response = admin_client.post("/admin/oversight/measuretext/add/", form | bad)
        assert response.status_code == 200
    assert MeasureText.objects.count() == 1
