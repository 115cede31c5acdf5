"""Ingesting publications one at a time gives exactly what a full replay gives (how quickly is
measured by `make bench`, not asserted here). A replay that is not deterministic fails here too:
its events, agencies, agreements and listings must equal, field for field, those of the history
the archive database grew one ingest at a time."""

from __future__ import annotations

import pytest

from deputized.history.models import Agency, Agreement, ChangeEvent, Listing
from deputized.history.services import history_replay
from tests.conftest import ONE_AT_A_TIME

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


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
        sorted(
            Agency.objects.values_list(
                "id", "state", "name", "spellings", "county", "first_seen_in_archive"
            )
        ),
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
                "first_seen_in_archive",
            )
        ),
        sorted(Listing.objects.values_list("publication_id", "row", "agreement_id")),
    )


def test_one_new_publication_at_a_time_equals_a_replay(archive):
    # The archive database was built as the live fetch grows it: all but the newest workbooks in
    # one run, then each of those alone (tests/conftest.py).
    singles = archive.runs[1:]
    assert len(singles) == ONE_AT_A_TIME
    assert [r.run.files_new for r in singles] == [1] * ONE_AT_A_TIME
    incremental = snapshot()
    history_replay()  # rolled back with the test
    assert snapshot() == incremental
