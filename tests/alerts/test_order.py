"""What follows a history update comes in an order that never makes a subscriber wait: places,
then the alerts' dispatch, and only then the rebuild of the downloads (5 to 7 s on the whole
archive), which used to run before the alerts were queued."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from deputized.alerts.models import Cursor
from deputized.archive.ingest.run import run
from deputized.opendata import services as opendata
from tests.conftest import SNAPSHOTS


@pytest.mark.django_db(transaction=True)  # the receivers run when the ingest commits
def test_the_downloads_are_rebuilt_after_the_alerts_are_queued(settings, monkeypatch):
    settings.HISTORY_AUTO_UPDATE = True
    settings.OPENDATA_AUTO_BUILD = True
    alerts_dispatched_when_rebuilt: list[bool] = []

    def rebuild() -> SimpleNamespace:
        # The dispatch moves the cursor past the events it has seen (here, the baseline).
        alerts_dispatched_when_rebuilt.append(Cursor.objects.filter(last_seq__gt=0).exists())
        return SimpleNamespace(seconds=0.0)

    monkeypatch.setattr(opendata, "manifest_read", lambda: {"files": {}})  # downloads exist
    monkeypatch.setattr(opendata, "downloads_build", rebuild)
    run(paths=[min(SNAPSHOTS.glob("*participating*.xlsx"))])
    assert alerts_dispatched_when_rebuilt == [True]
