"""Ingesting publications one at a time gives exactly what a full replay gives, quickly."""

from __future__ import annotations

import time

import pytest

from deputized.archive.ingest.run import run
from deputized.history.models import Agency, Agreement, ChangeEvent, Listing
from deputized.history.services import history_replay
from tests.conftest import SNAPSHOTS, require_shared
from tests.history.conftest import wipe

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def snapshot() -> tuple:
    return (
        list(
            ChangeEvent.objects.order_by("seq").values_list(
                "seq",
                "kind",
                "status",
                "observed_on",
                "confirmed_on",
                "publication_id",
                "row",
                "agency_id",
                "agreement_id",
                "model",
                "signed",
                "details",
            )
        ),
        sorted(Agency.objects.values_list("id", "state", "name", "spellings", "county")),
        sorted(
            Agreement.objects.values_list(
                "id",
                "status",
                "signed",
                "first_listed_on",
                "last_listed_on",
                "moa_url",
                "publication_id",
                "row",
            )
        ),
        sorted(Listing.objects.values_list("publication_id", "row", "agreement_id")),
    )


def test_one_new_publication_at_a_time_equals_a_replay():
    require_shared()
    wipe()
    files = sorted(SNAPSHOTS.glob("*.xlsx"))
    # The last weeks of the archive arrive one file at a time, as the live fetch delivers them.
    history_files, new_files = files[:-12], files[-12:]
    run(paths=history_files)
    seconds = []
    for path in new_files:
        started = time.perf_counter()
        result = run(paths=[path])
        seconds.append(time.perf_counter() - started)
        assert result.run.files_new == 1
    incremental = snapshot()
    history_replay()
    assert snapshot() == incremental
    # Ingest and history update of one publication; the benchmark records the exact figure.
    assert max(seconds) < 5
