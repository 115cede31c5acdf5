"""The archive's first list is not news, on real ICE files: a database holding only the 2025-26
workbooks, whose first participating list is 2025-03-06 and first pending list 2025-04-28 (pm).
What those lists show is `first_seen_in_archive` (listed since at least then), never a "new
agreement" or "listed as pending" event, alert, feed entry or change-log row; what the next lists
add still is. (On the whole archive, where the first list is 2021-01-13: test_baseline_archive.)

Each test runs in a transaction, where the history's receivers (places, alerts) never fire: their
steps are called by hand, in the order they run in production."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import lxml.html
import pytest
from django.test import Client

from deputized.alerts.dispatch import dispatch
from deputized.alerts.models import Notice
from deputized.archive.ingest.run import run
from deputized.history.models import Agency, Agreement, ChangeEvent, Listing
from deputized.history.services import history_update
from deputized.places.services import places_match
from tests.conftest import SNAPSHOTS, require_shared

pytestmark = pytest.mark.django_db

FIRST_LIST = dt.date(2025, 3, 6)
FIRST_PENDING = dt.date(2025, 4, 28)


def files(first: str, last: str) -> list[Path]:
    return sorted(p for p in SNAPSHOTS.glob("*.xlsx") if first <= p.name[:15] <= last)


@pytest.fixture
def ingest(places, settings):
    require_shared()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.OPENDATA_AUTO_BUILD = False

    def ingest(first: str, last: str) -> None:
        run(paths=files(first, last))
        history_update()  # done already when HISTORY_AUTO_UPDATE; then a no-op
        places_match()

    return ingest


def on(day: dt.date, kind: str) -> list[ChangeEvent]:
    return list(ChangeEvent.objects.filter(observed_on=day, kind=kind))


def test_the_first_participating_list_is_the_baseline_and_the_next_one_is_news(ingest):
    ingest("2025-03-06am", "2025-03-07am_z")
    first_listed = set(
        Listing.objects.filter(publication__published_on=FIRST_LIST).values_list(
            "agreement_id", flat=True
        )
    )
    assert len(first_listed) > 300  # 308 rows
    assert on(FIRST_LIST, "new_active") == []
    assert on(FIRST_LIST, "activated") == [] and on(FIRST_LIST, "pending_listed") == []
    baseline = on(FIRST_LIST, "first_seen_in_archive")
    assert {e.agreement_id for e in baseline} == first_listed
    assert {e.details["list"] for e in baseline} == {"participating"}
    assert (
        set(Agreement.objects.filter(first_seen_in_archive=True).values_list("id", flat=True))
        == first_listed
    )
    # The next day's additions are new agreements, and nothing of them is marked.
    added = on(dt.date(2025, 3, 7), "new_active")
    assert added
    assert not Agreement.objects.filter(
        id__in=[e.agreement_id for e in added], first_seen_in_archive=True
    ).exists()
    assert not Agency.objects.filter(
        id__in=[e.agency_id for e in added], first_seen_in_archive=True
    ).exists()


def test_the_first_pending_list_is_neither_an_event_nor_an_alert(ingest):
    ingest("2025-03-06am", "2025-04-28am_z")  # participating lists only
    assert dispatch().baseline  # the alerts start on this history: it is told to nobody
    # ICE's first pending list in this archive, weeks after the first participating one.
    ingest("2025-04-28pm", "2025-04-28pm_z")
    assert on(FIRST_PENDING, "pending_listed") == []
    baseline = on(FIRST_PENDING, "first_seen_in_archive")
    assert len(baseline) > 10
    assert {e.details["list"] for e in baseline} == {"pending"}
    listings = Agreement.objects.filter(id__in=[e.agreement_id for e in baseline])
    assert {a.status for a in listings} == {"pending"}
    assert all(a.first_seen_in_archive for a in listings)
    result = dispatch()
    assert not Notice.objects.filter(kind="pending_listed").exists(), result
    # The next pending lists are news again: what they add is `pending_listed`, and alerted.
    ingest("2025-04-29am", "2025-05-02pm_z")
    listed = ChangeEvent.objects.filter(kind="pending_listed")
    assert listed.exists()
    dispatch()
    assert set(
        Notice.objects.filter(kind="pending_listed").values_list("event_seq", flat=True)
    ) == {e.seq for e in listed}


def _rows(html: bytes) -> list[str]:
    page = lxml.html.fromstring(html)
    return [re.sub(r"\s+", " ", tr.text_content()).strip() for tr in page.xpath("//tbody/tr")]


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_feed_entry_or_change_log_row_and_the_pages_say_since_at_least(ingest, language):
    ingest("2025-03-06am", "2025-03-06am_z")
    client = Client()
    feed = client.get(f"/{language}/feeds/changes.atom")
    assert feed.status_code == 200
    assert b"<entry>" not in feed.content
    changes = client.get(f"/{language}/changes/")
    assert changes.status_code == 200
    assert _rows(changes.content) == []
    home = client.get(f"/{language}/")
    assert home.status_code == 200
    new = {"en": "new agreement", "es": "acuerdo nuevo"}[language]
    assert new not in home.content.decode().lower()  # the home page's latest changes
    duplin = client.get(f"/{language}/agencies/nc-duplin-county-sheriffs-office/")
    assert duplin.status_code == 200
    text = re.sub(r"\s+", " ", lxml.html.fromstring(duplin.content).text_content())
    expected = {
        "en": [
            "Listed by ICE since at least March 6, 2025 (our archive starts then).",
            "listed since at least March 6, 2025 (our archive starts then)",
        ],
        "es": [
            "ICE lo lista desde al menos el 6 de marzo de 2025 (nuestro archivo empieza entonces).",
            "listado desde al menos el 6 de marzo de 2025 (nuestro archivo empieza entonces)",
        ],
    }[language]
    for sentence in expected:
        assert sentence in text
    assert "First listed" not in text and "new agreement" not in text.lower()


def test_the_api_counts_no_new_agreement_on_the_first_list(ingest):
    ingest("2025-03-06am", "2025-03-07am_z")
    client = Client()

    def count(**query: str) -> int:
        response = client.get("/api/v1/events", query)
        assert response.status_code == 200, response.content
        return response.json()["count"]

    day = {"since": "2025-03-06", "until": "2025-03-06"}
    assert count(kind="new_active", **day) == 0
    assert count(kind="first_seen_in_archive", **day) > 300
    assert count(kind="new_active", since="2025-03-07", until="2025-03-07") > 0
    agreement = client.get("/api/v1/agencies/nc-duplin-county-sheriffs-office").json()
    assert agreement["first_seen_in_archive"] is True
    assert all(a["first_seen_in_archive"] for a in agreement["agreements"])
