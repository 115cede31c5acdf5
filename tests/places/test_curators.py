"""Curators resolve the review list in the admin; the site follows at once; the log keeps who."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry

from deputized.archive.ingest.run import run
from deputized.places.models import AgencyPlace, County, PlaceOverride

pytestmark = pytest.mark.django_db

LATEST = "2026-04-30am_participatingAgencies04302026am.xlsx"


def test_the_admin_is_for_curators_only(client):
    response = client.get("/admin/places/placeoverride/add/")
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_a_curator_places_an_agency_from_the_review_list(
    places, admin_client, snapshots_dir, django_capture_on_commit_callbacks
):
    # Places are matched once the history's transaction commits: run those callbacks here.
    with django_capture_on_commit_callbacks(execute=True):
        run(paths=[snapshots_dir / LATEST])
    # An agency still under review if the list has one, else any agency a curator corrects.
    pending = (
        AgencyPlace.objects.filter(scope="unmatched").select_related("agency").first()
        or AgencyPlace.objects.filter(scope="county").select_related("agency").first()
    )
    county = (
        County.objects.filter(state_id=pending.agency.state)
        .exclude(fips=pending.county_id or "")
        .order_by("fips")
        .first()
    )
    response = admin_client.post(
        "/admin/places/placeoverride/add/",
        {
            "agency": pending.agency_id,
            "scope": "county",
            "county": county.fips,
            "note": "The agency's own site names its county (checked 2026-11-25).",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    placed = AgencyPlace.objects.get(agency_id=pending.agency_id)
    assert (placed.scope, placed.county_id, placed.method) == ("county", county.fips, "override")
    assert "reviewed by admin" in placed.note
    override = PlaceOverride.objects.get(agency_id=pending.agency_id)
    assert override.reviewed_by == "admin"
    entry = LogEntry.objects.get(object_id=str(override.pk))
    assert entry.user.username == "admin" and entry.is_addition()


def test_a_bad_override_is_refused_with_a_message_and_changes_nothing(places, admin_client):
    before = PlaceOverride.objects.count()
    response = admin_client.post("/admin/places/placeoverride/add/", {"scope": "county"})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert PlaceOverride.objects.count() == before
