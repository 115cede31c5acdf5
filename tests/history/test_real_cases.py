"""The real cases of ../shared/docs/ice-sheets.md §3, replayed from ICE's own files."""

from __future__ import annotations

import datetime as dt

import pytest

from deputized.history.models import Agency, ChangeEvent
from tests.history.conftest import agency_events, summary

pytestmark = [pytest.mark.slow, pytest.mark.django_db, pytest.mark.usefixtures("archive")]


def test_catawba_pending_then_active_then_corrected_and_posted():
    events = agency_events("NC", "Catawba County Sheriff")
    kinds = [(e.kind, e.status, str(e.observed_on)) for e in events]
    assert kinds[0][0] == "pending_listed"
    assert ("activated", "confirmed", "2025-06-12") in kinds
    changed = next(e for e in events if e.kind == "signed_date_changed")
    assert (str(changed.observed_on), changed.details) == (
        "2025-09-08",
        {"old": "2025-06-12", "new": "2025-06-11"},
    )
    posted = next(e for e in events if e.kind == "moa_posted")
    assert str(posted.observed_on) == "2025-09-26" and "07292025" in posted.details["moa_url"]
    assert not [e for e in events if e.kind in {"removed", "new_active", "pending_withdrawn"}]


def test_onslow_adds_a_second_model():
    events = agency_events("NC", "Onslow County Sheriff")
    assert ("activated", "confirmed", "2025-11-04", "TFM") in summary(events)
    assert {e.agency_id for e in events} == {"nc-onslow-county-sheriffs-office"}
    assert not [e for e in events if e.kind == "removed"]


@pytest.mark.parametrize("town", ["Newland Police", "Beulaville Police"])
def test_the_october_2025_batch_promotion(town):
    events = agency_events("NC", town)
    activated = [e for e in events if e.kind == "activated"]
    assert [(str(e.observed_on), e.publication.slot, e.model) for e in activated] == [
        ("2025-10-17", "mid", "TFM")
    ]
    assert not [e for e in events if e.kind == "pending_withdrawn"]


def test_person_county_changes_model_and_posts_its_moa():
    events = agency_events("NC", "Person County Sheriff")
    assert ("activated", "confirmed", "2026-02-11", "JEM") in summary(events)
    posted = [e for e in events if e.kind == "moa_posted"]
    assert next((str(e.observed_on), e.model) for e in posted) == ("2026-02-27", "JEM")
    removed = next(e for e in events if e.kind == "removed")
    added = next(e for e in events if e.kind == "new_active")
    assert (removed.model, str(removed.observed_on), removed.status) == (
        "JEM",
        "2026-04-13",
        "confirmed",
    )
    assert (added.model, str(added.observed_on), str(added.signed)) == (
        "WSO",
        "2026-04-13",
        "2026-04-13",
    )
    assert removed.details["model_change_to"] == added.agreement_id
    assert added.details["model_change_from"] == removed.agreement_id


def test_limestone_on_both_lists_is_activated_once_and_never_withdrawn():
    events = agency_events("AL", "Limestone County Sheriff")
    tfm = [e.kind for e in events if e.model == "TFM"]
    assert tfm.count("activated") == 1
    assert "pending_withdrawn" not in tfm and "pending_listed" in tfm


def test_robbins_was_never_pending():
    events = agency_events("NC", "Robbins Police")
    assert summary(events)[0] == ("new_active", "confirmed", "2025-12-12", "TFM")
    assert "pending_listed" not in [e.kind for e in events]


@pytest.mark.parametrize(
    ("state", "name", "model", "day"),
    [
        ("MD", "Frederick County Sheriff", "JEM", "2026-02-17"),
        ("MD", "Cecil County Sheriff", "JEM", "2026-02-27"),
        ("MD", "Harford County Sheriff", "JEM", "2026-02-27"),
        ("MD", "Carroll County Sheriff", "WSO", "2026-02-27"),
        ("MD", "St. Mary", "WSO", "2026-02-27"),
        ("MD", "Wicomico County", "WSO", "2026-02-27"),
        ("VA", "State Police", "TFM", "2026-02-06"),
        ("VA", "Marine Resources", "TFM", "2026-02-06"),
        ("VA", "Department of Corrections", "JEM", "2026-03-03"),
        ("NE", "Brown County Sheriff", "JEM", "2025-12-05"),
        ("NE", "Brown County Sheriff", "WSO", "2025-12-05"),
        ("NE", "Brown County Sheriff", "TFM", "2025-12-05"),
    ],
)
def test_real_removals_are_confirmed(state, name, model, day):
    removed = [e for e in agency_events(state, name, "removed") if e.model == model]
    assert [(str(e.observed_on), e.status) for e in removed][-1] == (day, "confirmed")
    last = removed[-1]
    assert last.confirmed_on > last.observed_on
    assert (last.confirmed_on - last.observed_on).days >= 3


@pytest.mark.parametrize(
    ("state", "old", "new"),
    [
        ("NC", "Albermarle District Jail", "Albemarle District Jail"),
        ("NC", "Brookfield Police Department", "Brookford Police Department"),
        ("TX", "Dimmit Couny Sheriff's Office", "Dimmit County Sheriff's Office"),
        ("TX", "Somervill County Sheriff's Office", "Somerville County Sheriff's Office"),
        ("TX", "Somerville County Sheriff's Office", "Somervell County Sheriff's Office"),
        ("IN", "Green Forks Police Department", "Greens Fork Police Department"),
        (
            "FL",
            "Miami Dade Corrections and Rehabilitation",
            "Miami-Dade Corrections and Rehabilitation",
        ),
    ],
)
def test_renames_are_one_agency_with_no_removal_and_no_new_agreement(state, old, new):
    agencies = [
        a for a in Agency.objects.filter(state=state) if old in a.spellings or new in a.spellings
    ]
    assert len(agencies) == 1, [a.id for a in agencies]
    agency = agencies[0]
    assert {old, new} <= set(agency.spellings)
    kinds = [e.kind for e in ChangeEvent.objects.filter(agency=agency)]
    assert "removed" not in kinds and "pending_withdrawn" not in kinds
    assert kinds.count("new_active") + kinds.count("activated") <= len(
        {e.model for e in agency.events.all()}
    )


def test_walworth_removed_in_july_2025_then_renewed_in_february_2026():
    events = agency_events("WI", "Walworth County Sheriff")
    removed = next(e for e in events if e.kind == "removed")
    assert (str(removed.observed_on), removed.status) == ("2025-07-07", "confirmed")
    assert removed.confirmed_on.month == 7
    # Back with a new signing date: the sheriff signed again, which is news of its own.
    renewed = next(e for e in events if e.kind == "renewed")
    assert str(renewed.observed_on).startswith("2026-02")
    assert renewed.details["old_signed"] == str(removed.signed) != renewed.details["new_signed"]
    assert renewed.details["new_signed"] == str(renewed.signed)
    assert "relisted" not in {e.kind for e in events}


def test_garrett_county_one_file_absence_is_retracted_never_confirmed():
    removed = agency_events("MD", "Garrett County Sheriff", "removed")
    assert [(str(e.observed_on), e.status, e.confirmed_on) for e in removed] == [
        ("2026-03-03", "retracted", None)
    ]


def test_no_event_comes_from_identical_bytes_swapped_lists_or_empty_pending_lists():
    swapped = ChangeEvent.objects.filter(
        publication__file_name="participatingAgencies09222025pm.xlsx"
    )
    # The pending list served under the participating name is read as a pending list: at most
    # genuine pending changes, never a participating removal.
    assert not swapped.filter(kind__in=["removed", "new_active", "activated"]).exists()
    empty = ChangeEvent.objects.filter(publication__row_count=0)
    assert not empty.exists()
    withdrawn_in_november = ChangeEvent.objects.filter(
        kind="pending_withdrawn", observed_on__range=(dt.date(2025, 11, 6), dt.date(2025, 11, 21))
    )
    assert not withdrawn_in_november.filter(status="confirmed").exists()


@pytest.mark.parametrize(
    ("state", "old", "new", "rule"),
    [
        # ICE printed the holder's new name and kept the same MOA file linked.
        (
            "MT",
            "Flathead County Sheriff's Department",
            "Flathead County Sheriff's Office",
            "same_moa",
        ),
        (
            "FL",
            "Escambia County Sheriff's Office",
            "Escambia County Board of County Commissioners",
            "same_moa",
        ),
        # "DPS" spelled out, same state, model and signing date, the old row gone that day.
        (
            "FL",
            "Indian River Shores DPS",
            "Indian River Shores Department of Public Safety",
            "same_holder",
        ),
        # Listed under New York for a day, then under Florida, where Lake Placid is.
        (
            "FL",
            "Lake Placid Police Department",
            "Lake Placid Police Department",
            "state_corrected",
        ),
    ],
)
def test_an_agreement_that_goes_on_under_another_name_or_state_is_never_removed(
    state, old, new, rule
):
    [agency] = [a for a in Agency.objects.filter(state=state) if old in a.spellings]
    events = list(ChangeEvent.objects.filter(agency=agency).order_by("seq"))
    renamed = [e for e in events if e.kind == "renamed" and e.details.get("new") == new]
    assert [e.details["rule"] for e in renamed] == [rule]
    assert renamed[0].details["file"]  # the list that showed the new name
    assert not [e for e in events if e.kind == "removed" and e.status == "confirmed"]


@pytest.mark.parametrize(
    ("old_holder", "new_holder", "model", "signed", "rule"),
    [
        # The board's row became its sheriff's, with the same model and signing date.
        (
            "fl-pasco-county-board-of-county-commissioners",
            "fl-pasco-county-sheriffs-office",
            "TFM",
            "2025-02-26",
            "same_county",
        ),
        # The county attorney's agreement, listed under the sheriff for eleven days.
        (
            "az-pinal-county-sheriffs-office",
            "az-pinal-county-attorneys-office",
            "TFM",
            "2025-08-28",
            "same_county",
        ),
        # Listed under Texas for a week; Ellis County is in Kansas too, whose sheriff was pending.
        (
            "tx-ellis-county-sheriffs-office",
            "ks-ellis-county-sheriffs-office",
            "WSO",
            "2025-07-07",
            "state_corrected",
        ),
        # No rule can tell (another county in ICE's COUNTY cell, no MOA): a curator's verdict.
        (
            "ok-haskell-police-department",
            "ok-haskell-county-sheriffs-office",
            "TFM",
            "2026-03-28",
            "reviewed",
        ),
    ],
)
def test_an_agreement_moved_to_another_agency_is_never_removed(
    old_holder, new_holder, model, signed, rule
):
    [moved] = ChangeEvent.objects.filter(kind="holder_corrected", details__old_agency=old_holder)
    assert (moved.agency_id, moved.model, str(moved.signed)) == (new_holder, model, signed)
    assert moved.details["rule"] == rule and moved.details["file"]
    assert moved.agreement.agency_id == new_holder
    for agency_id in (old_holder, new_holder):
        events = ChangeEvent.objects.filter(agency_id=agency_id, model=model)
        assert not events.filter(kind="removed", status="confirmed", signed=signed).exists()
        assert not events.filter(kind="new_active", observed_on=moved.observed_on).exists()


def test_one_agency_listed_twice_is_one_agency():
    # The Department of Environmental Protection and its Division of Law Enforcement, side by
    # side on the lists of July 2025 with one MOA file: a reviewed alias.
    agency = Agency.objects.get(id="fl-florida-department-of-environmental-protection")
    assert len(agency.spellings) == 2
    events = ChangeEvent.objects.filter(agency=agency)
    assert not events.filter(kind__in=["removed", "new_active", "signed_date_changed"]).exists()


def test_two_universities_one_word_apart_stay_two_agencies():
    # "University of North Florida" and "University of West Florida" are alike letter for
    # letter; the history merged their police departments until 2026-12-05.
    north = Agency.objects.get(id="fl-university-of-north-florida-police-department")
    assert north.spellings == ["University of North Florida Police Department"]
    # The West Florida police's TFM is its Board of Trustees' (a reviewed alias).
    west = Agency.objects.get(id="fl-the-university-of-west-florida-board-of-trustees")
    assert "University of West Florida Police Department" in west.spellings
