"""The history engine: publications in, agencies, agreements and change events out.

Pure Python over plain data, so a full replay and an incremental step run the very same code: the
state after publication N, saved, plus publication N+1 gives exactly what a replay of N+1 gives.

Per publication, in order (participating before pending within one date and slot):
1. resolve each row to an agency: the same name (by `names.name_key`) in the same state, a
   reviewed alias, or else a respelling of an agency that left the same list (same state, county,
   model and, on the participating list, signing date; a similar name), else a new agency;
2. compare the rows with the list's state before: new keys (agency + model) become `new_active`,
   `activated`, `relisted` or `pending_listed`; kept keys may be `signed_date_changed`, `renewed`
   or `moa_posted`; missing keys become suspected `removed` / `pending_withdrawn`;
3. the guard: a publication lacking more than a share of the list's keys is quarantined (what it
   lacks is not suspected); a suspicion is confirmed after enough distinct publications and days
   of absence, and retracted when the key comes back first;
4. a removal and a new model of the same agency in one publication are marked as a model change.

The archive's first publication of each list (the first one with rows) is its baseline, not news:
what it lists was there before the archive started, so every key on it is `first_seen_in_archive`
(never `new_active`, `activated` or `pending_listed`) and its agreement and agency are marked so.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import ClassVar, NamedTuple

from deputized.history.names import (
    agency_slug,
    county_key,
    distinctive,
    moa_file,
    name_key,
    ratio_at_least,
    same_holder,
    similar_names,
)

PARTICIPATING = "participating"
PENDING = "pending"
# What an agreement on a list's first publication in the archive is: listed since at least then.
FIRST_SEEN_IN_ARCHIVE = "first_seen_in_archive"


@dataclass(frozen=True, slots=True)
class GuardSettings:
    min_absent_publications: int = 2
    min_absent_days: int = 3
    quarantine_share: float = 0.10
    signed_correction_max_days: int = 60


class RowIn(NamedTuple):
    """One row of a list as the engine reads it. A named tuple, not a dataclass: a replay builds
    233,738 of them, and a tuple is made in one step where a frozen dataclass sets each field."""

    row: int
    state: str
    agency: str
    county: str
    model: str
    signed: dt.date | None
    moa_url: str
    addendum_url: str
    agency_type: str = ""  # ICE's TYPE: County, Municipality, State Agency


@dataclass(frozen=True, slots=True)
class PublicationIn:
    id: int
    kind: str
    date: dt.date
    slot: str
    file_name: str
    rows: tuple[RowIn, ...]


@dataclass(slots=True)
class Agency:
    # The fields a later publication can change (the rest are set once, when it first appears).
    MUTABLE: ClassVar[tuple[str, ...]] = ("name", "spellings", "county", "agency_type")

    id: str
    state: str
    name: str  # the latest spelling
    spellings: list[str]
    county: str
    first_seen_on: dt.date
    agency_type: str = ""
    # On a list's first publication in the archive: listed since at least `first_seen_on`.
    first_seen_in_archive: bool = False


@dataclass(slots=True)
class Agreement:
    """An agreement (signed) or a pending listing (signed is None) of one agency and model."""

    MUTABLE: ClassVar[tuple[str, ...]] = (
        "signed",
        "status",
        "last_listed_on",
        "county",
        "moa_url",
        "addendum_url",
        "publication_id",
        "row",
    )

    id: str
    agency_id: str
    model: str
    signed: dt.date | None
    status: str  # "pending", "active", "ended", "withdrawn"
    first_listed_on: dt.date
    last_listed_on: dt.date
    county: str = ""
    moa_url: str = ""
    addendum_url: str = ""
    publication_id: int = 0  # the latest publication that listed it
    row: int = 0
    # On its list's first publication in the archive: listed since at least `first_listed_on`.
    first_seen_in_archive: bool = False


@dataclass(slots=True)
class Event:
    # Only a removal's or withdrawal's fate changes after it is emitted: confirmed or retracted.
    MUTABLE: ClassVar[tuple[str, ...]] = ("status", "confirmed_on", "details")

    seq: int
    kind: str
    status: str  # "confirmed", "suspected", "retracted"
    observed_on: dt.date
    confirmed_on: dt.date | None
    publication_id: int
    row: int | None
    agency_id: str
    agreement_id: str
    model: str
    signed: dt.date | None
    details: dict[str, object] = field(default_factory=dict)


@dataclass(slots=True)
class Absence:
    """A key missing from its list: the suspected event and how long it has been gone."""

    event_seq: int
    first_absent_on: dt.date
    publications: int


Key = tuple[str, str]  # (agency id, model)


@dataclass(frozen=True, slots=True)
class Reviewed:
    """What curators decided (`history/data/*.csv`, `reviewed.py`) and the places the rules
    check a corrected state against. Not kept in a checkpoint: read again for every update, and
    a change to any of it forces a replay (`services._settings_key`)."""

    # (state, name key) -> agency id: a spelling the rules cannot tie to its agency.
    aliases: dict[tuple[str, str], str] = field(default_factory=dict)
    # (state, model, signing date, old name key, new name key) -> reason: one agreement that ICE
    # moved to another agency's row, which no rule can see (`holders.csv`, verdict `same`).
    same_agreement: dict[tuple[str, str, str, str, str], str] = field(default_factory=dict)
    # (state, name key, name key), the two keys sorted: never one agency or agreement, whatever
    # the rules say (`holders.csv`, verdict `different`).
    different: frozenset[tuple[str, str, str]] = frozenset()
    # (state, county key): the counties of each state (places data), for `state_corrected`.
    counties: frozenset[tuple[str, str]] = frozenset()

    def apart(self, state: str, a: str, b: str) -> bool:
        """Whether a curator said these two names (keys) are two holders."""
        return (state, *sorted((a, b))) in self.different


@dataclass(slots=True)
class HistoryState:
    settings: GuardSettings = field(default_factory=GuardSettings)
    reviewed: Reviewed = field(default_factory=Reviewed)
    agencies: dict[str, Agency] = field(default_factory=dict)
    names: dict[tuple[str, str], str] = field(default_factory=dict)  # (state, name key) -> id
    agreements: dict[str, Agreement] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    listed: dict[str, dict[Key, str]] = field(
        default_factory=lambda: {PARTICIPATING: {}, PENDING: {}}
    )  # list kind -> key -> agreement id, for keys the list currently shows
    absent: dict[str, dict[Key, Absence]] = field(
        default_factory=lambda: {PARTICIPATING: {}, PENDING: {}}
    )
    removed: dict[Key, str] = field(default_factory=dict)  # confirmed removals: key -> agreement
    # Keys a quarantined publication lacked, waiting for a later publication to agree.
    deferred: dict[str, set[Key]] = field(
        default_factory=lambda: {PARTICIPATING: set(), PENDING: set()}
    )
    # List kind -> the id of its first publication with rows (its baseline in the archive).
    baselines: dict[str, int] = field(default_factory=dict)
    last_publication_id: int | None = None
    row_agreements: list[tuple[int, str]] = field(default_factory=list)
    processed: int = 0
    # Event seqs / agreement and agency ids touched by the latest step (for incremental writes).
    dirty_events: set[int] = field(default_factory=set)
    dirty_agreements: set[str] = field(default_factory=set)
    dirty_agencies: set[str] = field(default_factory=set)
    # Agreements the latest step moved to another agency (`holder_corrected`): their agency is
    # written apart, being no field an ordinary update changes.
    moved_agreements: set[str] = field(default_factory=set)

    # -- bookkeeping -------------------------------------------------------------------------

    def emit(
        self,
        kind: str,
        pub: PublicationIn,
        row: RowIn | None,
        agreement: Agreement,
        *,
        status: str = "confirmed",
        details: dict[str, object] | None = None,
    ) -> Event:
        event = Event(
            seq=len(self.events) + 1,
            kind=kind,
            status=status,
            observed_on=pub.date,
            confirmed_on=pub.date if status == "confirmed" else None,
            publication_id=pub.id,
            row=row.row if row else None,
            agency_id=agreement.agency_id,
            agreement_id=agreement.id,
            model=agreement.model,
            signed=agreement.signed,
            details=details or {},
        )
        self.events.append(event)
        self.dirty_events.add(event.seq)
        return event

    def touch(self, agreement: Agreement) -> None:
        self.dirty_agreements.add(agreement.id)

    def event(self, seq: int) -> Event:
        event = self.events[seq - 1]
        assert event.seq == seq, f"event {seq} was settled: a checkpoint does not keep it"
        return event


def _agreement_id(agency_id: str, model: str, signed: dt.date | None, listed_on: dt.date) -> str:
    if signed is None:
        return f"{agency_id}-{model.lower()}-pending-{listed_on.isoformat()}"
    return f"{agency_id}-{model.lower()}-{signed.isoformat()}"


def _representative(rows: list[RowIn]) -> RowIn:
    """One row per key when ICE lists an agency and model twice: the one with an MOA, then the
    latest signing date, then the first row, so the choice depends on content, not row order."""
    if len(rows) == 1:  # almost always: no need to rank
        return rows[0]
    return sorted(
        rows, key=lambda r: (not r.moa_url, -(r.signed.toordinal() if r.signed else 0), r.row)
    )[0]


class _Resolver:
    """Step 1: rows to agencies."""

    def __init__(self, state: HistoryState, pub: PublicationIn) -> None:
        self.state = state
        self.pub = pub

    def known(self, row: RowIn) -> str | None:
        key = (row.state, name_key(row.agency))
        alias = self.state.reviewed.aliases.get(key)
        if alias and alias not in self.state.agencies:
            self.new_agency(row, agency_id=alias)
        return alias or self.state.names.get(key)

    def respelling_of(
        self, row: RowIn, candidates: list[tuple[Key, Agreement]]
    ) -> tuple[str, dict[str, object]] | None:
        """The agency a new spelling belongs to, when exactly one candidate fits every rule,
        with the rule that tied them."""
        key = name_key(row.agency)
        fits = {
            agreement.agency_id: rule
            for (agency_id, model), agreement in candidates
            if model == row.model
            and self.state.agencies[agency_id].state == row.state
            and _same_county(row.county, agreement.county)
            and not self._apart(row, agreement.agency_id)
            # A pending listing has no signing date: its activation may bring one.
            and (self.pub.kind == PENDING or agreement.signed in (None, row.signed))
            and (rule := self._named_alike(key, agreement))
        }
        if len(fits) != 1:
            return None
        [(agency_id, rule)] = fits.items()
        return agency_id, {"rule": rule}

    def _named_alike(self, key: str, agreement: Agreement) -> str:
        """`similar_name` when `similar_names` ties the name to one of the agency's spellings;
        `same_holder` when, with the same signing date, `same_holder` does (the words reordered:
        "Wyoming Highway State Patrol"); else ""."""
        spellings = [name_key(s) for s in self.state.agencies[agreement.agency_id].spellings]
        if any(similar_names(key, s) for s in spellings):
            return "similar_name"
        dated = agreement.signed is not None and self.pub.kind == PARTICIPATING
        return "same_holder" if dated and any(same_holder(key, s) for s in spellings) else ""

    def continuation_of(
        self, row: RowIn, vanishing: list[tuple[Key, Agreement]]
    ) -> tuple[str, dict[str, object]] | None:
        """The agency whose agreement `row` continues under another holder name, spelling or
        state, among the keys that left this list at this very publication, with the rule
        that tied them and its evidence (docs/history.md, Identity). The rules are tried in
        order; the first that one agency fits decides, and one that two agencies fit leaves
        the row a new agency: the engine never guesses.
        Every rule asks for the same model and signing date, then:
        1. `same_moa`: the same MOA or addendum file in the same state, whatever the name,
           when no other agreement on the list links it (`_shared`);
        2. `same_holder`: the same state and county, and a name that `same_holder` ties to
           one of the agency's spellings;
        3. `state_corrected`: the same name in another state, where the county it names (ICE's
           COUNTY cell, else the name's) is one (`county_named_in`).
        A pair a curator said is two holders (`Reviewed.different`) is never tied.
        """
        key = name_key(row.agency)
        files = {moa_file(row.moa_url), moa_file(row.addendum_url)} - {""}
        signed_alike = [
            (agreement, self.state.agencies[agreement.agency_id])
            for (_, model), agreement in vanishing
            if model == row.model
            and (agreement.signed == row.signed or self.pub.kind == PENDING)
            and not self._apart(row, agreement.agency_id)
        ]
        by_moa = {
            agency.id: {"moa_file": sorted(files & _files(agreement))[0]}
            for agreement, agency in signed_alike
            if agency.state == row.state and files & _files(agreement)
        }
        if by_moa and self.shared(files):
            by_moa = {}
        by_holder = {
            agency.id: {}
            for agreement, agency in signed_alike
            if agency.state == row.state
            and _same_county(row.county, agreement.county)
            and any(same_holder(key, name_key(s)) for s in agency.spellings)
        }
        by_state = {
            agency.id: {"state_corrected": {"old": agency.state, "new": row.state}}
            for agreement, agency in signed_alike
            if agency.state != row.state
            and row.signed is not None
            and any(key == name_key(s) for s in agency.spellings)
            and county_named_in(self.state.reviewed, row) is not False
        }
        for rule, fits in (
            ("same_moa", by_moa),
            ("same_holder", by_holder),
            ("state_corrected", by_state),
        ):
            if len(fits) == 1:
                [(agency_id, evidence)] = fits.items()
                return agency_id, {"rule": rule, **evidence}
            if fits:
                return None
        return None

    def _apart(self, row: RowIn, agency_id: str) -> bool:
        """Whether a curator said this row's name and one of the agency's are two holders."""
        if not self.state.reviewed.different:
            return False
        key = name_key(row.agency)
        spellings = self.state.agencies[agency_id].spellings
        return any(self.state.reviewed.apart(row.state, key, name_key(s)) for s in spellings)

    def shared(self, files: set[str]) -> bool:
        """Whether two agreements on the list link one of these files: then the file says
        nothing of who holds it (ICE once linked the Department of Environmental Protection's
        MOA to Florida's Fish and Wildlife Commission, whose row then took the other's name)."""
        holders = [
            agreement_id
            for agreement_id in self.state.listed[self.pub.kind].values()
            if files & _files(self.state.agreements[agreement_id])
        ]
        return len(holders) > 1

    def new_agency(self, row: RowIn, agency_id: str = "") -> str:
        if not agency_id:
            base = agency_slug(row.state, row.agency)
            agency_id, n = base, 2
            while agency_id in self.state.agencies:
                agency_id, n = f"{base}-{n}", n + 1
        self.state.agencies[agency_id] = Agency(
            id=agency_id,
            state=row.state,
            name=row.agency,
            spellings=[row.agency],
            county=row.county,
            first_seen_on=self.pub.date,
            agency_type=row.agency_type,
            first_seen_in_archive=_is_baseline(self.state, self.pub),
        )
        self.add_spelling(agency_id, row.agency)
        return agency_id

    def add_spelling(self, agency_id: str, spelling: str) -> None:
        agency = self.state.agencies[agency_id]
        self.state.names[(agency.state, name_key(spelling))] = agency_id
        if spelling not in agency.spellings:
            agency.spellings.append(spelling)
        self.state.dirty_agencies.add(agency_id)


def step(state: HistoryState, pub: PublicationIn) -> None:
    """Apply one publication to the history state (see the module docstring for the rules)."""
    state.dirty_events, state.dirty_agreements, state.dirty_agencies = set(), set(), set()
    state.moved_agreements = set()
    kind = pub.kind
    listed = state.listed[kind]
    absent = state.absent[kind]
    resolver = _Resolver(state, pub)

    usable = [r for r in pub.rows if r.state and r.agency and r.model]
    if usable and kind not in state.baselines:
        state.baselines[kind] = pub.id  # this list's first publication in the archive
    by_agency: dict[int, str] = {}
    unknown: list[RowIn] = []
    names = state.names
    for row in usable:
        # `known` itself only when a reviewed alias may apply: this runs for every row.
        if state.reviewed.aliases:
            agency_id = resolver.known(row)
        else:
            agency_id = names.get((row.state, name_key(row.agency)))
        if agency_id:
            by_agency[row.row] = agency_id
        else:
            unknown.append(row)
    present_known = {(by_agency[r.row], r.model) for r in usable if r.row in by_agency}

    # Respellings: a new name that takes the place of a key this list no longer shows.
    renames: dict[str, dict[str, object]] = {}  # agency id -> the renamed event's details
    for row in unknown:
        agency_id = resolver.known(row)  # another row of this publication may have named it
        if agency_id:
            by_agency[row.row] = agency_id
            present_known.add((agency_id, row.model))
            continue
        gone = [(k, state.agreements[a]) for k, a in listed.items() if k not in present_known]
        gone += [
            (k, state.agreements[_absent_agreement(state, kind, k)])
            for k in absent
            if k not in present_known
        ]
        gone += [
            (k, state.agreements[a]) for k, a in state.removed.items() if k not in present_known
        ]
        if kind == PARTICIPATING:  # a pending listing activated under a corrected name
            gone += [
                (k, state.agreements[a])
                for k, a in state.listed[PENDING].items()
                if k not in present_known
            ]
        # First what left this very list now, with the strongest evidence (the same MOA file),
        # then anything that left before, by name.
        vanishing = [(k, state.agreements[a]) for k, a in listed.items() if k not in present_known]
        found = resolver.continuation_of(row, vanishing) or resolver.respelling_of(row, gone)
        agency_id, evidence = found or (None, {})
        if agency_id:
            agency = state.agencies[agency_id]
            renames[agency_id] = {"old": agency.name, "new": row.agency, **evidence}
            if "state_corrected" in evidence:
                agency.state = row.state  # its rows are listed under the corrected state now
            resolver.add_spelling(agency_id, row.agency)
            present_known.add((agency_id, row.model))
        else:
            agency_id = resolver.new_agency(row)
        by_agency[row.row] = agency_id

    row_keys = [(by_agency[row.row], row.model) for row in usable]  # each usable row's key
    rows_by_key: dict[Key, list[RowIn]] = defaultdict(list)
    for key, row in zip(row_keys, usable, strict=True):
        rows_by_key[key].append(row)
    present = {key: _representative(rows) for key, rows in rows_by_key.items()}
    if kind == PARTICIPATING:
        _correct_holders(state, pub, present, resolver)

    for agency_id, details in renames.items():
        agency = state.agencies[agency_id]
        agency.name = str(details["new"])
        first_key = next(k for k in present if k[0] == agency_id)
        agreement = state.agreements.get(listed.get(first_key) or "") or _any_agreement(
            state, agency_id
        )
        details["file"] = pub.file_name
        state.emit("renamed", pub, present[first_key], agreement, details=details)
    for row in usable:  # every spelling ICE printed is kept; the latest one is the name shown
        agency = state.agencies[by_agency[row.row]]
        if row.agency not in agency.spellings:
            resolver.add_spelling(agency.id, row.agency)
        if agency.name != row.agency and agency.id not in renames:
            agency.name = row.agency
            state.dirty_agencies.add(agency.id)
        latest = (row.county or agency.county, row.agency_type or agency.agency_type)
        if latest != (agency.county, agency.agency_type):
            agency.county, agency.agency_type = latest
            state.dirty_agencies.add(agency.id)

    # The guard's quarantine: a list suddenly missing many keys is not believed until a later
    # publication agrees; an empty list is never evidence of anything.
    lacking = [key for key in listed if key not in present] if present else []
    quarantined = bool(listed) and len(lacking) > state.settings.quarantine_share * len(listed)
    agreed = [key for key in lacking if key in state.deferred[kind]]
    suspect = agreed if quarantined else lacking
    if present:
        state.deferred[kind] = {k for k in lacking if k not in agreed} if quarantined else set()

    new_active, removed_now = [], []
    for key, row in present.items():
        if key in listed:
            _update(state, pub, row, state.agreements[listed[key]], kind)
        elif key in absent:
            returned = absent.pop(key)
            event = state.event(returned.event_seq)
            if event.status == "suspected":
                event.status = "retracted"
                event.details["returned_on"] = pub.date.isoformat()
                state.dirty_events.add(event.seq)
            listed[key] = event.agreement_id
            _update(state, pub, row, state.agreements[event.agreement_id], kind, returned=True)
        elif kind == PARTICIPATING:
            new_active += _arrive(state, pub, key, row)
        else:
            _pending_arrive(state, pub, key, row)

    for key in suspect:
        agreement = state.agreements[listed.pop(key)]
        if kind == PENDING and key in state.listed[PARTICIPATING]:
            continue  # activated already: leaving the pending list is no withdrawal
        event = state.emit(
            "removed" if kind == PARTICIPATING else "pending_withdrawn",
            pub,
            None,
            agreement,
            status="suspected",
        )
        absent[key] = Absence(event.seq, pub.date, 0)
        if kind == PARTICIPATING:
            removed_now.append(event)
    if present and not quarantined:
        for key, absence in list(absent.items()):
            absence.publications += 1
            gone_days = (pub.date - absence.first_absent_on).days
            if (
                absence.publications >= state.settings.min_absent_publications
                and gone_days >= state.settings.min_absent_days
            ):
                _confirm(state, pub, kind, key, absence)
    _mark_model_changes(state, new_active, removed_now)
    # Which agreement each row of this publication stands for (the provenance of every listing).
    state.row_agreements = [
        (row.row, listed[key]) for key, row in zip(row_keys, usable, strict=True) if key in listed
    ]
    state.last_publication_id = pub.id
    state.processed += 1


def county_named_in(reviewed: Reviewed, row: RowIn) -> bool | None:
    """Whether the county a row names (ICE's COUNTY cell, else the agency's name) is a county of
    the row's state in the places data; None when the row names no county or no places are
    loaded, so that nothing can be checked ("Lake Placid Police Department")."""
    county = county_key(row.county) or county_key(row.agency)
    if not county or not reviewed.counties:
        return None
    return (row.state, county) in reviewed.counties


def _correct_holders(
    state: HistoryState, pub: PublicationIn, present: dict[Key, RowIn], resolver: _Resolver
) -> None:
    """An agreement ICE moves to another agency's row it already knew (docs/history.md,
    Identity): at one publication of the participating list a key leaves and another agency's
    key of the same model and signing date arrives, each the other's only fit, with evidence:
    the same MOA or addendum file, which no other agreement on the list links (`same_moa`);
    the same COUNTY cell in the same state (`same_county`: Pasco County's Board of County
    Commissioners -> its sheriff); the same name in another state where the county it names
    is (`state_corrected`: Ellis County's sheriff, Texas -> Kansas); or a curator's word
    (`reviewed`). The agreement keeps its id and history and changes holder (`holder_corrected`)
    instead of ending while a new one starts."""
    listed = state.listed[PARTICIPATING]
    leaving = [(key, state.agreements[a]) for key, a in listed.items() if key not in present]
    if not leaving:
        return
    absent, removed = state.absent[PARTICIPATING], state.removed
    arriving = [
        (key, row)
        for key, row in present.items()
        if key not in listed and key not in absent and key not in removed and row.signed
    ]
    fits: dict[Key, list[tuple[Key, dict[str, object]]]] = defaultdict(list)  # old -> new
    for new_key, row in arriving:
        for old_key, agreement in leaving:
            if old_key[1] == new_key[1] and agreement.signed == row.signed:
                evidence = _holder_evidence(state, resolver, agreement, new_key[0], row)
                if evidence:
                    fits[old_key].append((new_key, evidence))
    claimed = defaultdict(int)  # new key -> how many leaving keys it fits
    for candidates in fits.values():
        for new_key, _ in candidates:
            claimed[new_key] += 1
    for old_key, candidates in fits.items():
        if len(candidates) == 1 and claimed[candidates[0][0]] == 1:
            [(new_key, evidence)] = candidates
            _move(state, pub, old_key, new_key, present[new_key], evidence)


def _holder_evidence(
    state: HistoryState, resolver: _Resolver, agreement: Agreement, new_agency: str, row: RowIn
) -> dict[str, object]:
    """Why `row` (of another agency) continues `agreement`, or {} when nothing says so."""
    old = state.agencies[agreement.agency_id]
    reviewed = state.reviewed
    old_keys = [name_key(s) for s in old.spellings]
    new_key = name_key(row.agency)
    if any(reviewed.apart(row.state, new_key, k) for k in old_keys):
        return {}
    signed = row.signed.isoformat() if row.signed else ""
    for old_name in old_keys:
        reason = reviewed.same_agreement.get((row.state, row.model, signed, old_name, new_key))
        if reason:
            return {"rule": "reviewed", "reason": reason}
    files = _files(agreement) & ({moa_file(row.moa_url), moa_file(row.addendum_url)} - {""})
    if old.state == row.state and files and not resolver.shared(files):
        return {"rule": "same_moa", "moa_file": sorted(files)[0]}
    # ICE's COUNTY cell, else the county the name says (older lists had no COUNTY column).
    old_county = county_key(agreement.county) or county_key(old.name)
    new_county = county_key(row.county) or county_key(row.agency)
    if old.state == row.state and old_county and old_county == new_county:
        return {"rule": "same_county", "county": row.county or row.agency}
    if old.state != row.state and new_key in old_keys and county_named_in(reviewed, row) is True:
        return {"rule": "state_corrected", "state_corrected": {"old": old.state, "new": row.state}}
    return {}


def _move(
    state: HistoryState,
    pub: PublicationIn,
    old_key: Key,
    new_key: Key,
    row: RowIn,
    evidence: dict[str, object],
) -> None:
    """The agreement listed under `old_key` is listed under `new_key` from now on."""
    listed = state.listed[PARTICIPATING]
    agreement = state.agreements[listed.pop(old_key)]
    old, new = state.agencies[old_key[0]], state.agencies[new_key[0]]
    agreement.agency_id = new.id
    listed[new_key] = agreement.id
    state.touch(agreement)
    state.moved_agreements.add(agreement.id)
    state.dirty_agencies.update((old.id, new.id))  # what follows the history redoes both
    details: dict[str, object] = {
        **evidence,
        "old_agency": old.id,
        "old": old.name,
        "new": row.agency,
        "file": pub.file_name,
    }
    if pending_id := _take_pending(state, pub, new_key):
        details["pending_listing"] = pending_id
    state.emit("holder_corrected", pub, row, agreement, details=details)


def _take_pending(state: HistoryState, pub: PublicationIn, key: Key) -> str | None:
    """The pending listing of `key` that an agreement arriving on the participating list
    activates (listed, or missing from the pending list without a confirmed withdrawal), now
    marked `activated`; None when there is none."""
    pending_id = state.listed[PENDING].pop(key, None)
    absence = state.absent[PENDING].pop(key, None)
    if pending_id is None and absence is not None:
        withdrawal = state.event(absence.event_seq)
        pending_id = withdrawal.agreement_id
        if withdrawal.status == "suspected":  # it was promoted, not withdrawn
            withdrawal.status = "retracted"
            withdrawal.details["activated_on"] = pub.date.isoformat()
            state.dirty_events.add(withdrawal.seq)
    if pending_id is None:
        return None
    listing = state.agreements[pending_id]
    listing.status = "activated"
    state.touch(listing)
    return pending_id


def _is_baseline(state: HistoryState, pub: PublicationIn) -> bool:
    """Whether `pub` is its list's first publication in the archive (`step` records it first)."""
    return state.baselines.get(pub.kind) == pub.id


def _same_county(a: str, b: str) -> bool:
    """ICE's COUNTY cell, when both rows have one, must name the same county (respellings too)."""
    if not a or not b or a == b:
        return True
    core_a, core_b = distinctive(name_key(a)), distinctive(name_key(b))
    return ratio_at_least(core_a, core_b, 0.8)


def _files(agreement: Agreement) -> set[str]:
    return {moa_file(agreement.moa_url), moa_file(agreement.addendum_url)} - {""}


def _absent_agreement(state: HistoryState, kind: str, key: Key) -> str:
    return state.event(state.absent[kind][key].event_seq).agreement_id


def _any_agreement(state: HistoryState, agency_id: str) -> Agreement:
    return next(a for a in state.agreements.values() if a.agency_id == agency_id)


def _update(
    state: HistoryState,
    pub: PublicationIn,
    row: RowIn,
    agreement: Agreement,
    kind: str,
    *,
    returned: bool = False,
) -> None:
    """A key the list still shows (or shows again after a short absence, `returned`): signing
    date corrections, renewals, MOAs posted.

    A new signing date is a correction when the MOA file is the same, or when the date moved by
    no more than `signed_correction_max_days` (ICE's usual fixes are a day or two); otherwise it
    is a renewal (the agency signed again) when it comes with a new MOA file or after an
    absence, and a correction when neither says more."""
    agreement.last_listed_on = pub.date
    agreement.publication_id, agreement.row = pub.id, row.row
    agreement.county = row.county or agreement.county
    state.touch(agreement)
    if kind == PENDING:
        return
    if row.signed and agreement.signed and row.signed != agreement.signed:
        same_moa = bool(row.moa_url) and moa_file(row.moa_url) == moa_file(agreement.moa_url)
        shift = abs((row.signed - agreement.signed).days)
        small = shift <= state.settings.signed_correction_max_days
        if same_moa or small or not (row.moa_url or returned):
            old = agreement.signed
            agreement.signed = row.signed
            state.emit(
                "signed_date_changed",
                pub,
                row,
                agreement,
                details={"old": old.isoformat(), "new": row.signed.isoformat()},
            )
        else:
            _renew(state, pub, row, agreement)
            return
    if row.moa_url and not agreement.moa_url:
        agreement.moa_url = row.moa_url
        state.emit("moa_posted", pub, row, agreement, details={"moa_url": row.moa_url})
    elif row.moa_url:
        agreement.moa_url = row.moa_url
    agreement.addendum_url = row.addendum_url or agreement.addendum_url


def _renew(state: HistoryState, pub: PublicationIn, row: RowIn, old: Agreement) -> None:
    old.status = "ended"
    state.touch(old)
    new = _new_agreement(state, pub, (old.agency_id, old.model), row, "active")
    state.listed[PARTICIPATING][(old.agency_id, old.model)] = new.id
    state.emit("renewed", pub, row, new, details=_renewal(old, new))


def _renewal(old: Agreement, new: Agreement) -> dict[str, object]:
    """A renewal's details: both agreements and both signing dates."""
    return {
        "previous": old.id,
        "old_signed": old.signed.isoformat() if old.signed else None,
        "new_signed": new.signed.isoformat() if new.signed else None,
    }


def _new_agreement(
    state: HistoryState, pub: PublicationIn, key: Key, row: RowIn, status: str
) -> Agreement:
    signed = row.signed if status != "pending" else None
    agreement_id = _agreement_id(key[0], key[1], signed, pub.date)
    agreement = state.agreements.get(agreement_id)
    if agreement is None:
        agreement = Agreement(
            id=agreement_id,
            agency_id=key[0],
            model=key[1],
            signed=signed,
            status=status,
            first_listed_on=pub.date,
            last_listed_on=pub.date,
        )
        state.agreements[agreement_id] = agreement
    agreement.status = status
    agreement.last_listed_on = pub.date
    agreement.county = row.county or agreement.county
    agreement.moa_url = row.moa_url or agreement.moa_url
    agreement.addendum_url = row.addendum_url or agreement.addendum_url
    agreement.publication_id, agreement.row = pub.id, row.row
    state.touch(agreement)
    return agreement


def _arrive(state: HistoryState, pub: PublicationIn, key: Key, row: RowIn) -> list[Event]:
    """A key new to the participating list: activated, relisted or new."""
    agreement = _new_agreement(state, pub, key, row, "active")
    state.listed[PARTICIPATING][key] = agreement.id
    details: dict[str, object] = {}
    pending_id = _take_pending(state, pub, key)
    if pending_id is not None:
        details["pending_listing"] = pending_id
    if key in state.removed:  # back after a confirmed removal, pending in between or not
        previous = state.agreements[state.removed.pop(key)]
        if previous.signed and agreement.signed and previous.signed != agreement.signed:
            # Signed again after leaving the list: a renewal, not the old agreement back.
            details |= _renewal(previous, agreement)
            state.emit("renewed", pub, row, agreement, details=details)
        else:
            details["previous"] = previous.id
            state.emit("relisted", pub, row, agreement, details=details)
        return []
    if _is_baseline(state, pub):  # listed before the archive started: not news
        _first_seen(state, pub, row, agreement, details)
        return []
    if pending_id is not None:
        state.emit("activated", pub, row, agreement, details=details)
        return []
    return [state.emit("new_active", pub, row, agreement)]


def _pending_arrive(state: HistoryState, pub: PublicationIn, key: Key, row: RowIn) -> None:
    if key in state.listed[PARTICIPATING] or key in state.absent[PARTICIPATING]:
        return  # already participating (ICE leaves some on both lists for a day)
    listing = _new_agreement(state, pub, key, row, "pending")
    state.listed[PENDING][key] = listing.id
    if _is_baseline(state, pub):  # listed before the archive started: not news
        _first_seen(state, pub, row, listing, {})
        return
    state.emit("pending_listed", pub, row, listing)


def _first_seen(
    state: HistoryState,
    pub: PublicationIn,
    row: RowIn,
    agreement: Agreement,
    details: dict[str, object],
) -> None:
    """An agreement on its list's first publication in the archive: the baseline, recorded with
    the list it is on, never announced as new."""
    agreement.first_seen_in_archive = True
    state.emit(FIRST_SEEN_IN_ARCHIVE, pub, row, agreement, details={"list": pub.kind, **details})


def _confirm(
    state: HistoryState, pub: PublicationIn, kind: str, key: Key, absence: Absence
) -> None:
    event = state.event(absence.event_seq)
    event.status = "confirmed"
    event.confirmed_on = pub.date
    state.dirty_events.add(event.seq)
    del state.absent[kind][key]
    agreement = state.agreements[event.agreement_id]
    agreement.status = "ended" if kind == PARTICIPATING else "withdrawn"
    state.touch(agreement)
    if kind == PARTICIPATING:
        state.removed[key] = agreement.id


def _mark_model_changes(state: HistoryState, added: list[Event], removed: list[Event]) -> None:
    """An agency that drops one model and gains another in the same publication changed model."""
    for gain in added:
        for loss in removed:
            if loss.agency_id == gain.agency_id and loss.model != gain.model:
                gain.details["model_change_from"] = loss.agreement_id
                loss.details["model_change_to"] = gain.agreement_id
                state.dirty_events.update({gain.seq, loss.seq})
