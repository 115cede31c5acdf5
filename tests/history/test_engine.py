"""The engine's rules on small made-up publications: the same rules hold on files never seen."""

from __future__ import annotations

import datetime as dt
import itertools

from deputized.history.engine import (
    GuardSettings,
    HistoryState,
    PublicationIn,
    Reviewed,
    RowIn,
    step,
)

_ids = itertools.count(1)
D = dt.date


def row(
    agency: str,
    model: str = "WSO",
    signed: str | None = "2025-01-10",
    state: str = "NC",
    county: str = "Wake County",
    moa: str = "",
    n: int = 2,
) -> RowIn:
    return RowIn(
        n, state, agency, county, model, D.fromisoformat(signed) if signed else None, moa, ""
    )


def pub(day: str, *rows: RowIn, kind: str = "participating", slot: str = "am") -> PublicationIn:
    numbered = tuple(
        RowIn(i + 2, r.state, r.agency, r.county, r.model, r.signed, r.moa_url, r.addendum_url)
        for i, r in enumerate(rows)
    )
    return PublicationIn(next(_ids), kind, D.fromisoformat(day), slot, "x.xlsx", numbered)


def replay(*publications: PublicationIn, settings: GuardSettings | None = None) -> HistoryState:
    state = HistoryState(settings=settings or GuardSettings())
    for publication in publications:
        step(state, publication)
    return state


def kinds(state: HistoryState) -> list[tuple[str, str, str]]:
    return [(e.kind, e.status, e.observed_on.isoformat()) for e in state.events]


FILLER = [row(f"Town {i} Police Department", county=f"County {i}") for i in range(20)]
A = row("Alpha County Sheriff's Office", county="Alpha County")


def test_a_one_file_absence_is_retracted():
    state = replay(
        pub("2026-01-01", A, *FILLER), pub("2026-01-02", *FILLER), pub("2026-01-05", A, *FILLER)
    )
    assert ("removed", "retracted", "2026-01-02") in kinds(state)


def test_a_removal_needs_two_publications_and_three_days():
    state = replay(
        pub("2026-01-01", A, *FILLER), pub("2026-01-02", *FILLER), pub("2026-01-03", *FILLER)
    )
    assert ("removed", "suspected", "2026-01-02") in kinds(state)
    step(state, pub("2026-01-05", *FILLER))
    removed = next(e for e in state.events if e.kind == "removed")
    assert (removed.status, removed.confirmed_on) == ("confirmed", D(2026, 1, 5))


def test_the_thresholds_are_settings():
    strict = GuardSettings(min_absent_publications=3, min_absent_days=10)
    state = replay(
        pub("2026-01-01", A, *FILLER),
        pub("2026-01-02", *FILLER),
        pub("2026-01-06", *FILLER),
        settings=strict,
    )
    assert ("removed", "suspected", "2026-01-02") in kinds(state)
    step(state, pub("2026-01-12", *FILLER))
    assert next(e for e in state.events if e.kind == "removed").status == "confirmed"


def test_a_publication_missing_many_agreements_is_quarantined_until_another_agrees():
    half = FILLER[:10]
    state = replay(pub("2026-01-01", *FILLER), pub("2026-01-02", *half))
    assert not [e for e in state.events if e.kind == "removed"]
    step(state, pub("2026-01-03", *FILLER))  # it was a bad file: everything is back
    assert not [e for e in state.events if e.kind == "removed"]
    step(state, pub("2026-01-04", *half))
    step(state, pub("2026-01-05", *half))  # a later publication agrees
    assert len([e for e in state.events if e.kind == "removed"]) == 10


def test_an_empty_pending_list_implies_nothing():
    p = row("Beta Police Department", model="TFM", signed=None, county="Beta County")
    state = replay(
        pub("2026-01-01", p, kind="pending"),
        pub("2026-01-02", kind="pending"),
        pub("2026-01-06", kind="pending"),
        pub("2026-01-09", p, kind="pending"),
    )
    assert kinds(state) == [("first_seen_in_archive", "confirmed", "2026-01-01")]


def test_pending_then_participating_is_activated_even_on_both_lists_for_a_day():
    p = row("Beta Police Department", model="TFM", signed=None, county="Beta County")
    signed = row("Beta Police Department", model="TFM", signed="2026-01-02", county="Beta County")
    state = replay(
        pub("2025-12-31", *FILLER),  # both lists' first publications: the baseline
        pub("2025-12-31", row("Zeta PD", signed=None, county="Zeta County"), kind="pending"),
        pub("2026-01-01", p, kind="pending"),
        pub("2026-01-02", signed, *FILLER),
        pub("2026-01-02", p, kind="pending", slot="pm"),
        pub("2026-01-05", kind="pending"),
        pub("2026-01-06", row("Other PD", county="Other County"), kind="pending"),
        pub("2026-01-10", row("Other PD", county="Other County"), kind="pending"),
    )
    beta = [(e.kind, e.status) for e in state.events if e.agency_id.startswith("nc-beta")]
    assert beta == [("pending_listed", "confirmed"), ("activated", "confirmed")]


def test_a_respelling_in_the_same_publication_is_a_rename():
    typo = row("Gamma Couny Sheriff's Office", county="Gamma County")
    fixed = row("Gamma County Sheriff's Office", county="Gamma County")
    state = replay(
        pub("2026-01-01", typo, *FILLER),
        pub("2026-01-02", fixed, *FILLER),
        pub("2026-01-09", fixed, *FILLER),
    )
    assert [k for k, _, _ in kinds(state) if k != "first_seen_in_archive"] == ["renamed"]
    assert len(state.agencies) == 21


def test_two_sheriffs_one_word_apart_are_never_merged():
    oldham = row("Oldham County Sheriff's Office", state="KY", county="Oldham County")
    boone = row("Boone County Sheriff's Office", state="KY", county="Boone County")
    state = replay(pub("2026-01-01", oldham, *FILLER), pub("2026-01-02", boone, *FILLER))
    assert {"ky-oldham-county-sheriffs-office", "ky-boone-county-sheriffs-office"} <= set(
        state.agencies
    )
    assert "renamed" not in {e.kind for e in state.events}


def test_a_small_date_shift_is_a_correction_a_new_date_and_moa_a_renewal():
    first = row("Delta PD", signed="2025-06-12", moa="https://www.ice.gov/a.pdf")
    corrected = row("Delta PD", signed="2025-06-11", moa="https://www.ice.gov/a.pdf")
    renewed = row("Delta PD", signed="2026-06-11", moa="https://www.ice.gov/b.pdf")
    state = replay(
        pub("2026-01-01", first, *FILLER),
        pub("2026-01-02", corrected, *FILLER),
        pub("2026-07-01", renewed, *FILLER),
    )
    delta = [e.kind for e in state.events if e.agency_id == "nc-delta-police-department"]
    assert delta == ["first_seen_in_archive", "signed_date_changed", "renewed"]
    assert "nc-delta-police-department-wso-2025-06-12" in state.agreements  # the id keeps its date


def test_back_after_a_confirmed_removal_is_relisted_and_a_model_swap_is_paired():
    jem = row("Epsilon County Sheriff's Office", model="JEM", county="Epsilon County")
    wso = row(
        "Epsilon County Sheriff's Office", model="WSO", county="Epsilon County", signed="2026-01-02"
    )
    state = replay(
        pub("2026-01-01", jem, *FILLER),
        pub("2026-01-02", wso, *FILLER),
        pub("2026-01-06", wso, *FILLER),
        pub("2026-02-01", wso, jem, *FILLER),
    )
    events = [e for e in state.events if e.agency_id.startswith("nc-epsilon")]
    removed = next(e for e in events if e.kind == "removed")
    added = next(e for e in events if e.kind == "new_active" and e.model == "WSO")
    assert removed.details["model_change_to"] == added.agreement_id
    assert removed.status == "confirmed"
    assert events[-1].kind == "relisted" and events[-1].model == "JEM"


def test_each_lists_first_publication_with_rows_is_the_baseline_not_news():
    p = row("Beta Police Department", model="TFM", signed=None, county="Beta County")
    state = replay(
        pub("2026-01-01", A, *FILLER),
        pub("2026-01-02", A, *FILLER, row("Delta PD", county="Delta County")),
        pub("2026-01-02", kind="pending", slot="pm"),  # empty: evidence of nothing
        pub("2026-01-05", p, kind="pending"),
        pub("2026-01-06", p, row("Zeta PD", signed=None, county="Zeta County"), kind="pending"),
    )
    assert [(k, d) for k, _, d in kinds(state)] == [
        *[("first_seen_in_archive", "2026-01-01")] * 21,
        ("new_active", "2026-01-02"),
        ("first_seen_in_archive", "2026-01-05"),
        ("pending_listed", "2026-01-06"),
    ]
    lists = [e.details.get("list") for e in state.events if e.kind == "first_seen_in_archive"]
    assert lists == ["participating"] * 21 + ["pending"]
    named = {a.name: a for a in state.agencies.values()}
    marked = {a.agency_id for a in state.agreements.values() if a.first_seen_in_archive}
    delta, beta = named["Delta PD"], named["Beta Police Department"]
    assert delta.id not in marked and beta.id in marked
    assert not delta.first_seen_in_archive and beta.first_seen_in_archive
    assert named["Alpha County Sheriff's Office"].first_seen_in_archive


def test_the_baseline_survives_a_checkpoint():
    from deputized.history import checkpoint

    state = replay(pub("2026-01-01", A, *FILLER))
    saved = checkpoint.load(checkpoint.dump(state), settings=GuardSettings(), reviewed=Reviewed())
    later = pub("2026-01-02", A, *FILLER, row("Delta PD", county="Delta County"))
    step(saved, later)
    assert [e.kind for e in saved.events[21:]] == ["new_active"]


def test_a_listing_pending_before_the_participating_list_starts_is_no_activation():
    """When the archive holds the pending list first, its listings on the participating list's
    first publication were signed at some unknown time before: the baseline, not `activated`."""
    p = row("Beta Police Department", model="TFM", signed=None, county="Beta County")
    signed = row("Beta Police Department", model="TFM", signed="2025-12-01", county="Beta County")
    state = replay(pub("2026-01-01", p, kind="pending"), pub("2026-01-02", signed, *FILLER))
    beta = [e for e in state.events if e.agency_id.startswith("nc-beta")]
    assert [(e.kind, e.details["list"]) for e in beta] == [
        ("first_seen_in_archive", "pending"),
        ("first_seen_in_archive", "participating"),
    ]
    assert beta[1].details["pending_listing"] == beta[0].agreement_id
    assert state.agreements[beta[0].agreement_id].status == "activated"


# An agreement ICE moves to another agency it already lists (`holder_corrected`).
BOARD = row("Pasco County BOCC", model="TFM", county="Pasco County")
BOARD_WSO = row("Pasco County BOCC", model="WSO", county="Pasco County")
SHERIFF_JEM = row("Pasco County Sheriff's Office", model="JEM", county="Pasco County")
SHERIFF_TFM = row("Pasco County Sheriff's Office", model="TFM", county="Pasco County")


def _moves(state: HistoryState) -> list[tuple[str, str, str]]:
    return [
        (str(e.details["rule"]), e.agency_id, e.agreement_id)
        for e in state.events
        if e.kind == "holder_corrected"
    ]


def _confirmed_removals(state: HistoryState) -> list[str]:
    return [e.agreement_id for e in state.events if e.kind == "removed" and e.status == "confirmed"]


def test_an_agreement_moved_to_another_agency_of_the_county_goes_on():
    later = [
        pub(day, BOARD_WSO, SHERIFF_JEM, SHERIFF_TFM, *FILLER)
        for day in ("2026-01-05", "2026-01-09", "2026-01-12")
    ]
    state = replay(
        pub("2026-01-01", *FILLER),
        pub("2026-01-02", BOARD, BOARD_WSO, SHERIFF_JEM, *FILLER),
        *later,
    )
    [(rule, holder, agreement_id)] = _moves(state)
    assert (rule, holder) == ("same_county", "nc-pasco-county-sheriffs-office")
    # The board's agreement keeps its id and history; it is the sheriff's now, and still active.
    assert agreement_id == "nc-pasco-county-board-of-county-commissioners-tfm-2025-01-10"
    assert state.agreements[agreement_id].agency_id == holder
    assert state.agreements[agreement_id].status == "active"
    assert not _confirmed_removals(state)
    assert not [e for e in state.events if e.kind == "new_active" and e.model == "TFM"][1:]


def test_two_agreements_that_could_have_moved_stay_apart():
    other_board = row("Pasco County Jail Board", model="TFM", county="Pasco County")
    days = ("2026-01-05", "2026-01-09", "2026-01-12")
    state = replay(
        pub("2026-01-01", *FILLER),
        pub("2026-01-02", BOARD, other_board, SHERIFF_JEM, *FILLER),
        *[pub(day, SHERIFF_JEM, SHERIFF_TFM, *FILLER) for day in days],
    )
    assert not _moves(state)  # two fit: the engine never guesses
    assert len(_confirmed_removals(state)) == 2


def test_another_signing_date_or_county_is_another_agreement():
    elsewhere = row("Hoke County Sheriff's Office", model="TFM", county="Hoke County")
    redated = row(
        "Pasco County Sheriff's Office", model="TFM", signed="2025-03-01", county="Pasco County"
    )
    for arriving in (elsewhere, redated):
        state = replay(
            pub("2026-01-01", *FILLER),
            pub("2026-01-02", BOARD, SHERIFF_JEM, elsewhere._replace(model="JEM"), *FILLER),
            *[
                pub(d, SHERIFF_JEM, elsewhere._replace(model="JEM"), arriving, *FILLER)
                for d in ("2026-01-05", "2026-01-09")
            ],
        )
        assert not _moves(state)


def _state_correction(reviewed: Reviewed) -> HistoryState:
    """Ellis County's sheriff: TX with a JEM, KS with a pending WSO; the WSO listed under TX,
    then under KS."""
    tx_jem = row("Ellis County Sheriff's Office", model="JEM", state="TX", county="Ellis County")
    wso = row("Ellis County Sheriff's Office", state="TX", county="Ellis County")
    ks_wso = wso._replace(state="KS")
    state = HistoryState(reviewed=reviewed)
    publications = [
        pub("2026-01-01", ks_wso._replace(signed=None), kind="pending"),
        pub("2026-01-01", *FILLER),
        pub("2026-01-02", tx_jem, wso, *FILLER),
        *[pub(d, tx_jem, ks_wso, *FILLER) for d in ("2026-01-05", "2026-01-09", "2026-01-12")],
    ]
    for publication in publications:
        step(state, publication)
    return state


def test_a_state_corrected_to_one_where_the_county_is_moves_the_agreement():
    counties = frozenset({("TX", "ellis"), ("KS", "ellis")})
    state = _state_correction(Reviewed(counties=counties))
    [(rule, holder, _)] = _moves(state)
    assert (rule, holder) == ("state_corrected", "ks-ellis-county-sheriffs-office")
    assert not _confirmed_removals(state)
    # Kansas's pending listing is the agreement it was waiting for.
    event = next(e for e in state.events if e.kind == "holder_corrected")
    assert (
        event.details["pending_listing"] == "ks-ellis-county-sheriffs-office-wso-pending-2026-01-01"
    )
    # Without Ellis County in Kansas, nothing says the state was wrong.
    state = _state_correction(Reviewed(counties=frozenset({("TX", "ellis")})))
    assert not _moves(state)
    assert len(_confirmed_removals(state)) == 1


def test_a_curator_decides_both_ways():
    town = row("Haskell Police Department", model="TFM", state="OK", county="Muskogee County")
    sheriff = row(
        "Haskell County Sheriff's Office", model="TFM", state="OK", county="Haskell County"
    )
    sheriff_jem = sheriff._replace(model="JEM")

    def history(reviewed: Reviewed) -> HistoryState:
        state = HistoryState(reviewed=reviewed)
        days = ("2026-01-05", "2026-01-09", "2026-01-12")
        for publication in [
            pub("2026-01-01", *FILLER),
            pub("2026-01-02", town, sheriff_jem, *FILLER),
            *[pub(d, sheriff, sheriff_jem, *FILLER) for d in days],
        ]:
            step(state, publication)
        return state

    assert not _moves(history(Reviewed()))  # neither county nor MOA ties them
    same = {
        (
            "OK",
            "TFM",
            "2025-01-10",
            "haskell police department",
            "haskell county sheriffs office",
        ): "why"
    }
    [(rule, holder, _)] = _moves(history(Reviewed(same_agreement=same)))
    assert (rule, holder) == ("reviewed", "ok-haskell-county-sheriffs-office")
    # And two names a curator keeps apart are never one, even when a rule would tie them.
    board_sheriff = (
        "NC",
        "pasco county board of county commissioners",
        "pasco county sheriffs office",
    )
    state = HistoryState(reviewed=Reviewed(different=frozenset({board_sheriff})))
    for publication in [
        pub("2026-01-01", *FILLER),
        pub("2026-01-02", BOARD, SHERIFF_JEM, *FILLER),
        *[pub(d, SHERIFF_JEM, SHERIFF_TFM, *FILLER) for d in ("2026-01-05", "2026-01-09")],
    ]:
        step(state, publication)
    assert not _moves(state)
