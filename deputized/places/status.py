"""The one reading of 287(g) status: of an agreement, an agency, a county, a town and a state.

Every face (pages, maps, charts, oversight measures, feeds, alerts, the API, the downloads) reads
status here, so that no two of them can disagree. The rules (docs/history.md, "Status"):

- An agreement is `active` while the history holds it on the participating list. When it goes
  missing, the history suspects a removal and confirms it only after more lists (the guard
  against false alarms); until then it is `suspected_ended`: "not on the latest list,
  unconfirmed". It is never counted as active, and never as ended, anywhere.
- It is `ended` once the removal is confirmed, or once it was renewed (the new agreement takes
  its place).
- A pending listing is `pending` while on the pending list, `activated` once signed (its
  agreement then carries the status), `withdrawn` once its withdrawal is confirmed, and
  `suspected_ended` in between.
- An agency, a county, a town or a state takes the strongest status of the agreements that
  reach it: `active`, then `suspected_ended` (an agreement that was in force on the list before
  the latest may still be), then `pending`, then `ended`, then `earlier_only`, else `none`.
  Activated and withdrawn pending listings add nothing: the first is counted through its
  agreement, the second was never signed.

Everything is read as of a date (by default the latest lists): the participating and pending
publications it is read from come with it, so a number can always say which ICE file it counts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.core.cache import cache
from django.db import connection

from deputized.archive.models import ListKind, Publication
from deputized.history.models import Agency, Agreement, ChangeEvent, Listing
from deputized.history.selectors import last_publication_on, publications_in_history_order
from deputized.history.version import data_version
from deputized.places.models import AgencyPlace, County, State

MODELS = ("JEM", "WSO", "TFM")

# Inhabited territories. D.C. is counted with the states, as the Census's state tables count it.
TERRITORIES = frozenset({"AS", "GU", "MP", "PR", "VI"})


class Status(StrEnum):
    """A place's or an agency's status, strongest first (see the module's docstring)."""

    ACTIVE = "active"
    SUSPECTED_ENDED = "suspected_ended"
    PENDING = "pending"
    ENDED = "ended"
    # Known only from the earlier (pre-2021) layer: nothing on ICE's spreadsheets since. The
    # earlier layer feeds it (`_earlier_only`, `_earlier_counties`).
    EARLIER_ONLY = "earlier_only"
    NONE = "none"


RANK = {status: rank for rank, status in enumerate(Status)}

# What each agreement standing adds to the status of its agency or place.
_CONTRIBUTES = {
    "active": Status.ACTIVE,
    "suspected_ended": Status.SUSPECTED_ENDED,
    "pending": Status.PENDING,
    "ended": Status.ENDED,
}


@dataclass(frozen=True, slots=True)
class Standings:
    """Each agreement's standing as of a date, and the lists it is read from.

    A standing is the history's lifecycle (`pending`, `activated`, `active`, `ended`,
    `withdrawn`) with `suspected_ended` for a removal or withdrawal not yet confirmed; an
    agreement not yet listed on that date is absent."""

    as_of: dt.date | None
    participating: Publication | None
    pending: Publication | None
    by_agreement: dict[str, str]
    models: dict[str, str]  # agreement id -> model
    agencies: dict[str, str]  # agreement id -> agency id

    def of(self, agreement_id: str) -> str | None:
        return self.by_agreement.get(agreement_id)


@dataclass(frozen=True, slots=True)
class PlaceStatus:
    """An agency's or a place's status, the models of its active agreements and of its pending
    listings, and the lists it is read from."""

    status: Status
    models: frozenset[str] = field(default_factory=frozenset)
    pending_models: frozenset[str] = field(default_factory=frozenset)


def _open_suspicions() -> set[str]:
    """Agreements whose removal or withdrawal the history suspects and has not confirmed."""
    return set(
        ChangeEvent.objects.filter(
            kind__in=(ChangeEvent.Kind.REMOVED, ChangeEvent.Kind.PENDING_WITHDRAWN),
            status=ChangeEvent.Status.SUSPECTED,
        ).values_list("agreement_id", flat=True)
    )


# (id, agency id, model, the history's status, first listed on, kind of its latest list)
Row = tuple[str, str, str, str, dt.date, str]


def _current(rows: list[Row]) -> dict[str, str]:
    suspected = _open_suspicions()
    return {row[0]: "suspected_ended" if row[0] in suspected else row[3] for row in rows}


def _listed_on(publication: Publication | None) -> set[str]:
    if publication is None:
        return set()
    return set(
        Listing.objects.filter(publication=publication).values_list("agreement_id", flat=True)
    )


def _events() -> list[ChangeEvent]:
    """The events that end or carry over an agreement, in the order they arose."""
    return list(
        ChangeEvent.objects.filter(
            kind__in=(
                ChangeEvent.Kind.REMOVED,
                ChangeEvent.Kind.PENDING_WITHDRAWN,
                ChangeEvent.Kind.RENEWED,
                ChangeEvent.Kind.ACTIVATED,
                ChangeEvent.Kind.RELISTED,
            ),
        )
        .only("kind", "status", "agreement_id", "details", "confirmed_on", "observed_on", "seq")
        .order_by("seq")
    )


def _as_of(rows: list[Row], day: dt.date) -> dict[str, str]:
    """The standings on a past date, from the lists of that date and the events known then:
    the same answer the history gave that day (tests/places/test_status.py checks it against
    the history's own status on the latest date)."""
    participating = _listed_on(last_publication_on(day))
    pending = _listed_on(last_publication_on(day, ListKind.PENDING))
    return _on(rows, day, participating, pending, _events())


def _on(
    rows: list[Row],
    day: dt.date,
    participating: set[str],
    pending: set[str],
    events: list[ChangeEvent],
) -> dict[str, str]:
    """The standings given the agreements on the participating and pending lists of `day`."""
    absences: dict[str, ChangeEvent] = {}  # the latest removal or withdrawal known that day
    ended_by_renewal: set[str] = set()
    activated: set[str] = set()
    for event in events:
        if event.observed_on > day:
            continue  # not known that day
        details = event.details or {}
        if details.get("pending_listing"):
            activated.add(str(details["pending_listing"]))
        if event.kind == ChangeEvent.Kind.RENEWED and details.get("previous"):
            ended_by_renewal.add(str(details["previous"]))
        if event.kind in (ChangeEvent.Kind.REMOVED, ChangeEvent.Kind.PENDING_WITHDRAWN):
            absences[event.agreement_id] = event
    result = {}
    for agreement_id, _agency, _model, _status, first_listed, kind in rows:
        if first_listed > day:
            continue  # not listed yet
        pending_listing = kind == ListKind.PENDING
        if pending_listing and agreement_id in activated:
            # Signed since: ICE may leave it on a pending list it no longer updates.
            result[agreement_id] = "activated"
            continue
        if agreement_id in (pending if pending_listing else participating):
            result[agreement_id] = "pending" if pending_listing else "active"
            continue
        if agreement_id in ended_by_renewal:
            result[agreement_id] = "ended"
            continue
        absence = absences.get(agreement_id)
        returned = (absence.details or {}).get("returned_on") if absence else None
        if absence is None or (returned and dt.date.fromisoformat(str(returned)) <= day):
            if first_listed == day:
                continue  # first listed later that day (ICE's pm list), not yet on this one
            # Missing from a list the guard did not believe (quarantined): still held.
            result[agreement_id] = "pending" if pending_listing else "active"
        elif absence.confirmed_on is not None and absence.confirmed_on <= day:
            result[agreement_id] = "withdrawn" if pending_listing else "ended"
        else:
            result[agreement_id] = "suspected_ended"
    return result


def _rows() -> list[Row]:
    # A pending listing is told by the list that last showed it, not by its id: an agreement
    # ICE lists as participating without a signing date has a `-pending-` id too.
    return list(
        Agreement.objects.values_list(
            "id", "agency_id", "model", "status", "first_listed_on", "publication__list_kind"
        )
    )


def growth(*, state: str | None = None) -> list[tuple[Publication, dict[str, int]]]:
    """Active agreements by model on the first participating list of each month (the growth
    charts), each read by the same rule as every other count."""
    firsts: dict[tuple[int, int], Publication] = {}
    for publication in publications_in_history_order():
        if publication.list_kind == ListKind.PARTICIPATING:
            day = publication.published_on
            firsts.setdefault((day.year, day.month), publication)
    rows, events = _rows(), _events()
    agency_state = dict(Agency.objects.values_list("id", "state"))
    chosen = {row[0] for row in rows if not state or agency_state.get(row[1]) == state.upper()}
    models = {row[0]: row[2] for row in rows}
    result = []
    for publication in firsts.values():
        day = publication.published_on
        pending = _listed_on(last_publication_on(day, ListKind.PENDING))
        on = _on(rows, day, _listed_on(publication), pending, events)
        active = Counter(
            models[i] for i, standing in on.items() if standing == "active" and i in chosen
        )
        result.append((publication, _by_model(active)))
    return result


# Standings kept in this process as well, by database and data version: every page reads
# them, and rebuilding them from every agreement's row (or unpickling them from the shared
# cache) was a fifth of a county page's time. A new version is a new key; the oldest go.
_in_process: dict[str, Standings] = {}
_IN_PROCESS_KEEPS = 4


def forget_standings() -> None:
    """Empty the in-process copies (tests, which reuse versions across rolled-back data)."""
    _in_process.clear()


def standings(*, as_of: dt.date | None = None) -> Standings:
    """Every agreement's standing on `as_of` (default: on the latest lists), cached per data
    version, in this process and in the shared cache."""
    key = f"standings:{data_version()}:{as_of}"
    local_key = f"{connection.settings_dict['NAME']}:{key}"
    found = _in_process.get(local_key)
    if found is not None:
        return found
    cached = cache.get(key)
    if cached is not None:
        _keep(local_key, cached)
        return cached
    rows = _rows()
    day = as_of or dt.date.max
    by_agreement = _current(rows) if as_of is None else _as_of(rows, as_of)
    result = Standings(
        as_of,
        last_publication_on(day),
        last_publication_on(day, ListKind.PENDING),
        by_agreement,
        {row[0]: row[2] for row in rows},
        {row[0]: row[1] for row in rows},
    )
    cache.set(key, result, 3600)
    _keep(local_key, result)
    return result


def _keep(key: str, found: Standings) -> None:
    while len(_in_process) >= _IN_PROCESS_KEEPS:
        _in_process.pop(next(iter(_in_process)), None)  # the oldest (dicts keep order)
    _in_process[key] = found


def agreement_status(agreement: Agreement, *, at: Standings | None = None) -> str:
    """One agreement's standing (see `Standings`) on the latest lists, or in `at`."""
    found = (at or standings()).of(agreement.id)
    return found if found is not None else agreement.status


def _earlier_only(agency_ids: Iterable[str]) -> bool:
    """Whether the earlier (pre-2021) layer holds an agreement of one of these agencies
    (linked on evidence: `earlier.selectors.earlier_agency_links`)."""
    ids = set(agency_ids)
    return bool(ids) and not ids.isdisjoint(_earlier_agencies())


def _earlier_agencies() -> frozenset[str]:
    key = f"earlier-agencies:{data_version()}"
    found = cache.get(key)
    if found is None:
        from deputized.earlier.selectors import earlier_agency_links  # it reads the places

        found = frozenset(earlier_agency_links().values())
        cache.set(key, found, 3600)
    return found


def _earlier_counties() -> frozenset[str]:
    """The counties (FIPS) an earlier agreement reached: Mecklenburg's, Wake's..."""
    from deputized.earlier.models import EarlierCounty

    return frozenset(EarlierCounty.objects.values_list("county_fips", flat=True))


def combine(
    standings_of: Iterable[tuple[str, str | None]], agency_ids: Iterable[str] = ()
) -> PlaceStatus:
    """The status of a set of agreements, given as (model, standing) pairs."""
    found: set[Status] = set()
    models: set[str] = set()
    pending_models: set[str] = set()
    for model, standing in standings_of:
        status = _CONTRIBUTES.get(standing or "")
        if status is None:
            continue
        found.add(status)
        if status is Status.ACTIVE:
            models.add(model)
        elif status is Status.PENDING:
            pending_models.add(model)
    if not found and _earlier_only(agency_ids):
        found.add(Status.EARLIER_ONLY)
    status = min(found, key=RANK.__getitem__, default=Status.NONE)
    return PlaceStatus(status, frozenset(models), frozenset(pending_models))


def _by_agency(at: Standings) -> dict[str, list[tuple[str, str]]]:
    result: dict[str, list[tuple[str, str]]] = {}
    for agreement_id, standing in at.by_agreement.items():
        result.setdefault(at.agencies[agreement_id], []).append((at.models[agreement_id], standing))
    return result


def agencies_status(agency_ids: Iterable[str], *, at: Standings | None = None) -> PlaceStatus:
    """The status of the agencies that reach a place (its sheriff, its police, regional bodies)."""
    at = at or standings()
    ids = set(agency_ids)
    pairs = [
        (at.models[agreement_id], standing)
        for agreement_id, standing in at.by_agreement.items()
        if at.agencies[agreement_id] in ids
    ]
    return combine(pairs, ids)


def agency_status(agency_id: str, *, at: Standings | None = None) -> PlaceStatus:
    return agencies_status([agency_id], at=at)


def county_statuses(
    *, state: str | None = None, as_of: dt.date | None = None
) -> dict[str, tuple[County, str, set[str]]]:
    """Each county's status and active models, for the maps, the county list and the API: from
    every agency serving it (its sheriff, its towns' police, regional bodies). All the
    country's counties when `state` is None."""
    key = f"county-statuses:{data_version()}:{state}:{as_of}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    at = standings(as_of=as_of)
    query = County.objects.select_related("state")
    counties = {c.fips: c for c in (query.filter(state_id=state) if state else query)}
    served = AgencyPlace.counties.through.objects.values_list("county_id", "agencyplace__agency_id")
    if state:
        served = served.filter(county_id__in=counties)
    agencies: dict[str, list[str]] = {}
    for fips, agency in served:
        agencies.setdefault(fips, []).append(agency)
    by_agency = _by_agency(at)
    earlier = _earlier_counties()
    result = {}
    for fips, county in counties.items():
        ids = agencies.get(fips, [])
        found = combine((pair for agency in ids for pair in by_agency.get(agency, ())), ids)
        status = found.status
        if status is Status.NONE and fips in earlier:  # known only from the earlier layer
            status = Status.EARLIER_ONLY
        result[fips] = (county, str(status), set(found.models))
    cache.set(key, result, 3600)
    return result


@dataclass(frozen=True, slots=True)
class Counts:
    """Agreements by standing and model in one state or the country, and the lists read."""

    participating: Publication | None
    pending: Publication | None
    active: dict[str, int]  # by model, every model present
    suspected_ended: int
    pending_listings: int
    # The states (D.C. included) and the territories with an active agreement, by code.
    states: frozenset[str] = frozenset()
    territories: frozenset[str] = frozenset()

    @property
    def total(self) -> int:
        return sum(self.active.values())


def _tally(at: Standings, pairs: Iterable[tuple[str, str]]) -> tuple[Counter[str], int, int]:
    """Active agreements by model, suspected removals and pending listings among (agreement id,
    standing) pairs."""
    active: Counter[str] = Counter()
    suspected = pending = 0
    for agreement_id, standing in pairs:
        if standing == "active":
            active[at.models[agreement_id]] += 1
        elif standing == "suspected_ended":
            suspected += 1
        elif standing == "pending":
            pending += 1
    return active, suspected, pending


def _by_model(active: Counter[str]) -> dict[str, int]:
    return {m: active.get(m, 0) for m in (*MODELS, *sorted(set(active) - set(MODELS)))}


def counts_by_state(*, at: Standings | None = None) -> dict[str, Counts]:
    """`counts` for every state and territory holding an agreement, by code."""
    at = at or standings()
    agency_state = dict(Agency.objects.values_list("id", "state"))
    pairs: dict[str, list[tuple[str, str]]] = {}
    for agreement_id, standing in at.by_agreement.items():
        where = agency_state.get(at.agencies[agreement_id], "")
        pairs.setdefault(where, []).append((agreement_id, standing))
    result = {}
    for code, found in pairs.items():
        active, suspected, pending = _tally(at, found)
        holds = frozenset({code} if active else ())
        result[code] = Counts(
            at.participating,
            at.pending,
            _by_model(active),
            suspected,
            pending,
            holds - TERRITORIES,
            holds & TERRITORIES,
        )
    return result


def counts(
    *, state: str | None = None, as_of: dt.date | None = None, at: Standings | None = None
) -> Counts:
    """Active agreements by model, suspected removals and pending listings, in a state or the
    country, with the lists they are read from: the numbers every page, the API and the
    downloads print. The country's counts name the states and the territories apart."""
    at = at or standings(as_of=as_of)
    by_state = counts_by_state(at=at)
    chosen = [by_state[state.upper()]] if state and state.upper() in by_state else []
    if state is None:
        chosen = list(by_state.values())
    active: Counter[str] = Counter()
    for one in chosen:
        active.update(one.active)
    return Counts(
        at.participating,
        at.pending,
        _by_model(active),
        sum(one.suspected_ended for one in chosen),
        sum(one.pending_listings for one in chosen),
        frozenset().union(*(one.states for one in chosen)),
        frozenset().union(*(one.territories for one in chosen)),
    )


def territory_names(codes: Iterable[str]) -> list[str]:
    return list(
        State.objects.filter(code__in=list(codes)).order_by("name").values_list("name", flat=True)
    )
