"""After an incremental history update only the agencies it touched are placed again: that must
place every agency exactly as placing them all does."""

from __future__ import annotations

import pytest

from deputized.history.models import Agency
from deputized.places.models import AgencyPlace
from deputized.places.services import places_match

pytestmark = [pytest.mark.slow, pytest.mark.django_db, pytest.mark.usefixtures("placed")]


def placements() -> list[tuple]:
    return sorted(
        (
            p.agency_id,
            p.scope,
            p.state_id,
            p.county_id,
            p.municipality_id,
            p.ori,
            p.method,
            p.note,
            tuple(sorted(c.fips for c in p.counties.all())),
        )
        for p in AgencyPlace.objects.prefetch_related("counties")
    )


def test_placing_the_touched_agencies_and_the_unplaced_ones_equals_placing_all():
    placed = placements()  # as the ingests left them
    places_match()
    everything = placements()
    assert placed == everything
    assert len(everything) == Agency.objects.count()
    # NC's agencies lose their places (as agencies new to the history have none) and a few
    # agencies of other states are said to have changed: only those are placed again.
    AgencyPlace.objects.filter(agency__state="NC").delete()
    touched = list(
        Agency.objects.filter(state__in=["TX", "VA", "LA"])
        .order_by("id")[:40]
        .values_list("id", flat=True)
    )
    report = places_match(touched)
    nc = Agency.objects.filter(state="NC").count()
    assert report.agencies == nc + len(touched)
    assert placements() == everything


def test_nothing_touched_and_everything_placed_places_nothing():
    before = placements()
    assert places_match([]).agencies == 0
    assert placements() == before
