"""The archive's first list is not news, on the whole real archive (its first participating list
is the converted roster of 2021-01-13, its first pending list ICE's of 2025-04-28): no "new
agreement" or "listed as pending" event on either, nothing of them in the change log, the feeds
or the alerts. (The same rule on a database of the 2025-26 workbooks only: test_baseline.)"""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from deputized.alerts.kinds import alert_kind
from deputized.archive.models import ListKind
from deputized.history.models import Agreement, ChangeEvent, Listing
from deputized.history.selectors import event_list, publications_in_history_order

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def firsts() -> dict[str, object]:
    """Each list's first publication in the archive."""
    found: dict[str, object] = {}
    for publication in publications_in_history_order():
        found.setdefault(publication.list_kind, publication)
    return found


def test_each_lists_first_publication_is_the_baseline(archive):
    first = firsts()
    participating, pending = first[ListKind.PARTICIPATING], first[ListKind.PENDING]
    assert participating.published_on == dt.date(2021, 1, 13)
    assert pending.published_on == dt.date(2025, 4, 28)
    for publication, news in ((participating, "new_active"), (pending, "pending_listed")):
        day = publication.published_on
        assert not ChangeEvent.objects.filter(observed_on=day, kind=news).exists()
        assert not ChangeEvent.objects.filter(observed_on=day, kind="activated").exists()
        listed = set(
            Listing.objects.filter(publication=publication).values_list("agreement_id", flat=True)
        )
        baseline = ChangeEvent.objects.filter(kind="first_seen_in_archive", observed_on=day)
        assert {e.agreement_id for e in baseline} >= listed
        assert all(e.details["list"] == publication.list_kind for e in baseline)
    assert ChangeEvent.objects.filter(kind="first_seen_in_archive").count() > 150
    # Only the first lists are the baseline: every later addition is still news.
    later = ChangeEvent.objects.filter(kind="first_seen_in_archive").exclude(
        publication__in=[participating, pending]
    )
    assert not later.exists()
    assert ChangeEvent.objects.filter(kind="new_active").exists()
    assert ChangeEvent.objects.filter(kind="pending_listed").exists()
    marked = Agreement.objects.filter(first_seen_in_archive=True)
    assert set(marked.values_list("first_listed_on", flat=True)) == {
        dt.date(2021, 1, 13),
        dt.date(2025, 4, 28),
    }


def test_the_baseline_is_in_no_change_log_feed_or_alert(archive):
    baseline = ChangeEvent.objects.filter(kind="first_seen_in_archive")
    assert not event_list().filter(kind="first_seen_in_archive").exists()
    assert not event_list().filter(observed_on=dt.date(2021, 1, 13)).exists()
    assert all(alert_kind(e.kind, e.status, e.details) is None for e in baseline)


def test_the_downloads_count_no_new_agreement_on_the_first_list(archive):
    with (archive.downloads / "events.csv").open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    first_day = [r for r in rows if r["observed_on"] == "2021-01-13"]
    assert first_day and {r["kind"] for r in first_day} == {"first_seen_in_archive"}
    with (archive.downloads / "agreements.csv").open(newline="", encoding="utf-8") as file:
        marked = [r for r in csv.DictReader(file) if r["first_seen_in_archive"] == "true"]
    assert marked and {r["first_listed_on"] for r in marked} == {"2021-01-13", "2025-04-28"}
