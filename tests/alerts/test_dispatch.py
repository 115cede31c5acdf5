"""From the history to the outbox on real ICE files (October 2025, when Beulaville PD in Duplin
County went from pending to active, then Onslow County's sheriff was listed as pending): an
agency waits for its place before it is routed, and a replay that gives old events new keys tells
nobody, while what is new after it still is news.

Each test runs in a transaction, where the history's `history_updated` receivers (places,
alerts) never fire: the steps they take are called by hand, in the order they run in production.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.db.models import Value
from django.db.models.functions import Concat
from django.utils import timezone

from deputized.alerts.dispatch import dispatch
from deputized.alerts.models import Cursor, Delivery, Notice, Subscriber, Topic
from deputized.archive.ingest.run import run
from deputized.history.models import ChangeEvent
from deputized.history.services import history_replay, history_update
from deputized.places.models import AgencyPlace, Municipality
from deputized.places.services import places_match
from tests.conftest import SNAPSHOTS, require_shared

pytestmark = [pytest.mark.slow, pytest.mark.django_db]  # a real week of ICE's lists

BEULAVILLE_PD = "nc-beulaville-police-department"


def files(first: str, last: str) -> list[Path]:
    return sorted(p for p in SNAPSHOTS.glob("*.xlsx") if first <= p.name[:13] <= last)


def follow(key: str, address: str) -> Subscriber:
    yesterday = timezone.now() - dt.timedelta(days=1)
    subscriber = Subscriber.objects.create(
        channel="email",
        address=address,
        kinds=",pending_listed,activated,new_active,removed,relisted,model_changed,",
        confirmed_at=yesterday,
    )
    Topic.objects.create(subscriber=subscriber, key=key, label=key)
    Topic.objects.filter(subscriber=subscriber).update(created_at=yesterday)
    return subscriber


@pytest.fixture
def october(places, settings):
    """The history up to the morning of 2025-10-17, placed, its past recorded as the baseline;
    then the 'mid' list of that day stored and the history updated, nothing dispatched yet."""
    require_shared()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.OPENDATA_AUTO_BUILD = False
    run(paths=files("2025-10-14am", "2025-10-17am_"))
    places_match()
    assert dispatch().baseline
    settings.HISTORY_AUTO_UPDATE = False
    run(paths=files("2025-10-17mid", "2025-10-17mid"))
    history_update()


def test_an_agency_is_announced_to_its_town_only_once_placed(october):
    town = Municipality.objects.get(state_id="NC", name="Beulaville")
    resident = follow(f"town:{town.geoid}", "vecina@example.org")
    activated = ChangeEvent.objects.get(agency_id=BEULAVILLE_PD, kind="activated")
    # The history has committed; the places app has not placed the agency yet.
    AgencyPlace.objects.filter(agency_id=BEULAVILLE_PD).delete()
    dispatch()
    assert not Notice.objects.filter(agency_id=BEULAVILLE_PD, kind="activated").exists()
    assert Cursor.objects.get().last_seq < activated.seq  # it will be looked at again
    places_match()
    assert dispatch().deliveries == 1
    notice = Notice.objects.get(agency_id=BEULAVILLE_PD, kind="activated")
    assert f"town:{town.geoid}" in notice.topics and "county:37061" in notice.topics
    assert Delivery.objects.get().subscriber == resident
    assert dispatch().deliveries == 0  # and only once


def test_a_replay_that_rekeys_old_events_tells_nobody_but_new_lists_are_news(october):
    follow("state:NC", "reportera@example.org")
    places_match()
    assert dispatch().deliveries == 2  # Beulaville PD and Newland PD now in force
    # A replay after which every past event has another key (as when an older file is added to
    # the archive, or a reviewed alias merges two agencies): old news, told to nobody.
    Notice.objects.update(key=Concat("key", Value("|before")))
    before = Delivery.objects.count()
    result = dispatch(full=True)
    assert result.notices > 0 and result.deliveries == 0
    assert Delivery.objects.count() == before
    assert not Notice.objects.filter(baseline=False).exclude(key__endswith="|before").exists()
    # Newer lists stored, then a full replay: what they bring is news (Onslow County's sheriff,
    # listed as pending on 2025-10-23).
    run(paths=files("2025-10-20am", "2025-10-23am_"))
    history_replay()
    places_match()
    assert dispatch(full=True).deliveries >= 1
    onslow = Notice.objects.get(agency_id="nc-onslow-county-sheriffs-office", baseline=False)
    assert onslow.kind == "pending_listed" and onslow.observed_on == dt.date(2025, 10, 23)
    assert Delivery.objects.filter(notice=onslow).count() == 1
    old = Delivery.objects.filter(notice__observed_on__lte=dt.date(2025, 10, 17))
    assert old.count() == 2  # the two of 2025-10-17, once each
