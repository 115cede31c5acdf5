"""The liability record: the seeded 2012 federal case on the Alamance sheriff's page, with its
source; curators' edits keep every version."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from deputized.history.models import Agency
from deputized.places.models import AgencyPlace
from deputized.records.models import LiabilityEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("places")]

ALAMANCE_SO = "nc-alamance-county-sheriffs-office"


@pytest.fixture
def alamance() -> Agency:
    agency = Agency.objects.create(
        id=ALAMANCE_SO,
        state="NC",
        name="Alamance County Sheriff's Office",
        first_seen_on=dt.date(2025, 2, 1),
    )
    AgencyPlace.objects.create(
        agency=agency, scope="county", state_id="NC", county_id="37001", ori="NC0010000"
    )
    return agency


def test_the_2012_case_is_seeded_with_its_justice_gov_source() -> None:
    entry = LiabilityEntry.objects.get(agency_id=ALAMANCE_SO)
    assert entry.date == dt.date(2012, 12, 20) and entry.kind == "federal"
    assert entry.source_url.startswith("https://www.justice.gov/")
    assert "United States v. Johnson" in entry.title
    assert entry.history.count() == 1


@pytest.mark.parametrize(("language", "heading"), [("en", "Liability record"), ("es", "Historial")])
def test_the_sheriffs_page_shows_the_case_and_its_source(
    client: Client, alamance: Agency, language: str, heading: str
) -> None:
    response = client.get(f"/{language}/agencies/{ALAMANCE_SO}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert heading in html
    assert "United States v. Johnson" in html
    assert 'href="https://www.justice.gov/opa/pr/justice-department-files-civil-rights' in html
    assert f"/{language}/agencies/{ALAMANCE_SO}/cost/" in html


def test_an_edit_keeps_the_earlier_version() -> None:
    entry = LiabilityEntry.objects.get(agency_id=ALAMANCE_SO)
    entry.summary += " Edited."
    entry.save()
    assert entry.history.count() == 2
