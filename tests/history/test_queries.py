"""Queries over the replayed history: statuses on any date, the event log, determinism."""

from __future__ import annotations

import json
from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import call_command

from deputized.archive.models import Publication, SheetRow
from deputized.history.models import Agency, ChangeEvent
from deputized.history.names import distinctive, name_key

pytestmark = [pytest.mark.slow, pytest.mark.django_db, pytest.mark.usefixtures("archive")]

EVENT_KEYS = {
    "kind",
    "status",
    "observed_on",
    "confirmed_on",
    "state",
    "agency",
    "agency_id",
    "agreement_id",
    "model",
    "signed",
    "county",
    "details",
}
AGREEMENT_KEYS = {
    "agency",
    "agency_id",
    "agreement_id",
    "model",
    "signed",
    "county",
    "moa_url",
    "first_listed",
}


def jsonl(*args: str) -> list[dict]:
    out = StringIO()
    call_command(*args, "--format", "jsonl", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_nc_agreements_on_every_date_match_the_last_participating_list():
    participating = Publication.objects.filter(list_kind="participating")
    dates = sorted(set(Publication.objects.values_list("published_on", flat=True)))
    for day in dates:
        last = (
            participating.filter(published_on__lte=day)
            .order_by("-published_on", "-slot_rank", "-first_seen_at", "-id")
            .first()
        )
        expected = (
            set(
                SheetRow.objects.filter(publication=last, state="NC")
                .exclude(model="")
                .values_list("agency", "model")
            )
            if last
            else set()
        )
        listed = jsonl("agreements", "--as-of", day.isoformat(), "--state", "NC")
        assert all(set(item) == AGREEMENT_KEYS for item in listed)
        assert {(item["agency"], item["model"]) for item in listed} == expected, day
        assert len(listed) == len(expected), day  # no two NC agencies merged into one


def test_the_event_log_has_exactly_the_promised_keys_and_filters():
    events = jsonl("events", "--state", "NC", "--since", "2025-10-01")
    assert events and all(set(e) == EVENT_KEYS for e in events)
    assert {e["state"] for e in events} == {"NC"}
    assert min(e["observed_on"] for e in events) >= "2025-10-01"
    kinds = {e["kind"] for e in jsonl("events", "--kind", "renamed")}
    assert kinds == {"renamed"}
    allowed = {c for c, _ in ChangeEvent.Kind.choices}
    assert set(ChangeEvent.objects.values_list("kind", flat=True)) <= allowed


def test_no_two_real_agencies_are_merged():
    """Every spelling an agency carries has the same distinctive words, is a close respelling,
    or came with a `renamed` event whose rule says why (the same MOA file, the same holder,
    a corrected state), or a reviewed alias: no Kentucky sheriff of one county has absorbed
    another county's."""
    from deputized.history.names import similar_names
    from deputized.history.reviewed import load_aliases

    explained = {
        (e.agency_id, e.details["new"])
        for e in ChangeEvent.objects.filter(kind="renamed")
        if e.details.get("rule") in {"same_moa", "same_holder", "state_corrected"}
    }
    reviewed = {(agency_id, key) for (_, key), agency_id in load_aliases().items()}
    for agency in Agency.objects.all():
        cores = {distinctive(name_key(s)) for s in agency.spellings}
        if len(cores) > 1:
            keys = {s: name_key(s) for s in agency.spellings}
            assert all(
                spelling == agency.spellings[0]  # the name it was first listed under
                or (agency.id, spelling) in explained
                or (agency.id, k) in reviewed  # a curator's alias, with its reason
                or any(similar_names(k, other) for other in keys.values() if other != k)
                for spelling, k in keys.items()
            ), agency.spellings
    kentucky = defaultdict(set)
    for agency in Agency.objects.filter(state="KY", name__icontains="county sheriff"):
        kentucky[distinctive(name_key(agency.name))].add(agency.id)
    printed = {
        distinctive(name_key(name))
        for name in SheetRow.objects.filter(state="KY", agency__icontains="county sheriff")
        .values_list("agency", flat=True)
        .distinct()
    }
    assert len(kentucky) == len(printed)


def test_growth_report_counts_models_by_month():
    rows = jsonl("report", "growth", "--state", "NC")
    assert rows[0]["date"] == "2021-01-13"
    last = rows[-1]
    assert last["date"].startswith("2026-04")
    assert last["total"] == last["JEM"] + last["WSO"] + last["TFM"]
    assert last["total"] > rows[0]["total"]
