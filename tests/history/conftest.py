"""The whole real archive, ingested once per module, with the history built from it."""

from __future__ import annotations

import pytest

from deputized.archive.ingest.run import run
from deputized.archive.models import IngestRun, Publication
from deputized.history.models import Agency, ChangeEvent
from tests.conftest import SHARED, SNAPSHOTS, require_shared

WAYBACK = SHARED / "data" / "ice" / "wayback_converted"


def wipe() -> None:
    from deputized.history.models import Agreement, Checkpoint, Listing

    for model in (Listing, ChangeEvent, Agreement, Agency, Checkpoint, Publication, IngestRun):
        model.objects.all().delete()


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker):
    """Ingest every real file (the history updates itself after the ingest)."""
    require_shared()
    with django_db_blocker.unblock():
        wipe()
        run(paths=[SNAPSHOTS, WAYBACK])
        yield
        wipe()


def agency_events(state: str, name: str, kind: str | None = None) -> list[ChangeEvent]:
    """Events of the agencies of a state whose spellings contain `name`."""
    ids = [
        a.id
        for a in Agency.objects.filter(state=state)
        if any(name.lower() in s.lower() for s in a.spellings)
    ]
    query = ChangeEvent.objects.filter(agency_id__in=ids).select_related("publication")
    if kind:
        query = query.filter(kind=kind)
    return list(query.order_by("seq"))


def summary(events: list[ChangeEvent]) -> list[tuple]:
    return [(e.kind, e.status, str(e.observed_on), e.model) for e in events]
