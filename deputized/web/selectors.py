"""What each page shows, assembled from the history and places layers (views stay thin).

Every fact carries its source: the agreements and events keep their `publication` (ICE's file, its
date, sha256) and `row`, which the templates print next to them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import QuerySet

from deputized.archive.models import ListKind, Publication
from deputized.history import selectors as history
from deputized.history.models import Agency, Agreement, ChangeEvent, Listing
from deputized.places.models import AgencyPlace, County, Municipality, State
from deputized.places.selectors import (
    Policing,
    county_agencies,
    county_towns_policing,
    town_sheriffs,
)
from deputized.web.cache import data_version

MODELS = ("JEM", "WSO", "TFM")
CURRENT = (Agreement.Status.ACTIVE, Agreement.Status.PENDING)


@dataclass(frozen=True, slots=True)
class Counts:
    """Agreements on one list, by model."""

    by_model: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_model.values())


@dataclass(frozen=True, slots=True)
class Headline:
    participating: Publication | None
    pending: Publication | None
    national: Counts
    nc: Counts
    pending_national: int
    pending_nc: int
    states_with_agreements: int


@dataclass(slots=True)
class AgencyAgreements:
    """One agency with its agreements split into current (active or pending) and past."""

    agency: Agency
    place: AgencyPlace | None
    current: list[Agreement] = field(default_factory=list)
    past: list[Agreement] = field(default_factory=list)

    @property
    def status(self) -> str:
        """`active`, `pending` or `none`: the strongest current status."""
        statuses = {a.status for a in self.current}
        if Agreement.Status.ACTIVE in statuses:
            return "active"
        return "pending" if statuses else "none"


def _key(*parts: object) -> str:
    return ":".join(str(part) for part in parts)


def _pending_counts(publication: Publication | None) -> tuple[int, int]:
    if publication is None:
        return 0, 0
    pairs = set(
        Listing.objects.filter(publication=publication).values_list(
            "agreement_id", "agreement__agency__state"
        )
    )
    return len(pairs), sum(state == "NC" for _, state in pairs)


def headline(today: dt.date | None = None) -> Headline:
    """National and NC numbers as of the latest lists, with the lists they come from."""
    key = _key("headline", data_version(), today)
    cached = cache.get(key)
    if cached is not None:
        return cached
    day = today or dt.date.max
    participating = history.last_publication_on(day)
    pending = history.last_publication_on(day, ListKind.PENDING)
    listed = (
        [a for a, _ in history.agreements_as_of(participating.published_on)]
        if participating
        else []
    )
    national = Counter(a.model for a in listed)
    nc = Counter(a.model for a in listed if a.agency.state == "NC")
    pending_national, pending_nc = _pending_counts(pending)
    result = Headline(
        participating,
        pending,
        Counts({m: national.get(m, 0) for m in MODELS}),
        Counts({m: nc.get(m, 0) for m in MODELS}),
        pending_national,
        pending_nc,
        len({a.agency.state for a in listed}),
    )
    cache.set(key, result, 3600)
    return result


def growth(*, state: str | None = None) -> list[tuple[dt.date, dict[str, int]]]:
    """Agreements by model at the first participating list of each month (cached per version)."""
    key = _key("growth", data_version(), state)
    cached = cache.get(key)
    if cached is None:
        cached = [
            (publication.published_on, {m: counts.get(m, 0) for m in MODELS})
            for publication, counts in history.growth(state=state)
        ]
        cache.set(key, cached, 3600)
    return cached


def growth_table() -> list[tuple[dt.date, dict[str, int], int]]:
    """The growth chart's table: national counts by model, and the NC total, month by month."""
    nc = {day: sum(counts.values()) for day, counts in growth(state="NC")}
    return [(day, counts, nc.get(day, 0)) for day, counts in growth()]


def recent_events(*, limit: int = 10, state: str | None = None) -> list[ChangeEvent]:
    query = (
        ChangeEvent.objects.changes()
        .select_related("agency", "publication")
        .exclude(status=ChangeEvent.Status.RETRACTED)
    )
    if state:
        query = query.filter(agency__state=state)
    return list(query.order_by("-seq")[:limit])


def _with_agreements(places: list[AgencyPlace]) -> list[AgencyAgreements]:
    by_agency = {p.agency_id: AgencyAgreements(p.agency, p) for p in places}
    agreements = (
        Agreement.objects.filter(agency_id__in=by_agency)
        .select_related("publication")
        .order_by("-status", "model", "-signed")
    )
    for agreement in agreements:
        entry = by_agency[agreement.agency_id]
        (entry.current if agreement.status in CURRENT else entry.past).append(agreement)
    return sorted(
        by_agency.values(),
        key=lambda e: ({"active": 0, "pending": 1}.get(e.status, 2), e.agency.name),
    )


def _strongest(agencies: list[AgencyAgreements]) -> str:
    """A place's status: `active` when any of its agencies is, else `pending`, else `none`."""
    statuses = {a.status for a in agencies}
    return next((s for s in ("active", "pending") if s in statuses), "none")


def _latest_events(agencies: list[AgencyAgreements], limit: int = 20) -> list[ChangeEvent]:
    """The newest changes of these agencies (retracted ones left out: they never happened)."""
    return list(
        ChangeEvent.objects.changes()
        .filter(agency_id__in=[a.agency.id for a in agencies])
        .exclude(status=ChangeEvent.Status.RETRACTED)
        .select_related("agency", "publication")
        .order_by("-seq")[:limit]
    )


@dataclass(frozen=True, slots=True)
class CountyPage:
    county: County
    agencies: list[AgencyAgreements]
    towns: list[tuple[Municipality, Policing]]
    events: list[ChangeEvent]

    @property
    def status(self) -> str:
        return _strongest(self.agencies)


def county_page(*, state: str, slug: str) -> CountyPage | None:
    county = (
        County.objects.select_related("state").filter(state_id=state.upper(), slug=slug).first()
    )
    if county is None:
        return None
    agencies = _with_agreements(county_agencies(county))
    events = _latest_events(agencies)
    towns = county_towns_policing(county) if county.state_id == "NC" else []
    return CountyPage(county, agencies, towns, events)


@dataclass(frozen=True, slots=True)
class TownPage:
    town: Municipality
    policing: Policing
    agencies: list[AgencyAgreements]
    counties: list[County]
    events: list[ChangeEvent]
    # The county sheriffs ICE lists, when the town has police of its own (else the sheriff is
    # who polices it, in `agencies`): their agreements reach the town's residents too.
    sheriffs: list[AgencyAgreements]

    @property
    def status(self) -> str:
        return _strongest(self.agencies)


def town_page(*, state: str, slug: str) -> TownPage | None:
    town = (
        Municipality.objects.select_related("primary_county", "state")
        .filter(state_id=state.upper(), slug=slug)
        .first()
    )
    if town is None:
        return None
    county = town.primary_county
    policing = next(p for t, p in county_towns_policing(county) if t.geoid == town.geoid)
    agencies = _with_agreements(policing.ice_agencies)
    own = {a.agency.id for a in agencies}
    sheriffs = _with_agreements([p for p in town_sheriffs(town) if p.agency_id not in own])
    events = _latest_events(agencies + sheriffs)
    counties = list(town.counties.order_by("name"))
    return TownPage(town, policing, agencies, counties, events, sheriffs)


@dataclass(frozen=True, slots=True)
class AgencyPage:
    agency: Agency
    place: AgencyPlace | None
    agreements: AgencyAgreements
    events: list[ChangeEvent]
    counties: list[County]


def agency_page(*, agency_id: str) -> AgencyPage | None:
    agency = Agency.objects.filter(id=agency_id).first()
    if agency is None:
        return None
    place = (
        AgencyPlace.objects.select_related("county", "municipality", "state")
        .filter(agency=agency)
        .first()
    )
    [agreements] = _with_agreements([place]) if place else [AgencyAgreements(agency, None)]
    if place is None:
        for agreement in agency.agreements.select_related("publication").order_by("-signed"):
            (agreements.current if agreement.status in CURRENT else agreements.past).append(
                agreement
            )
    events = list(agency.events.changes().select_related("publication").order_by("-seq"))
    counties = list(place.counties.order_by("name")) if place else []
    return AgencyPage(agency, place, agreements, events, counties)


@dataclass(frozen=True, slots=True)
class StateRow:
    state: State
    counts: Counts
    pending: int


def states_overview() -> list[StateRow]:
    """Every state with its current agreements by model and its pending listings."""
    key = _key("states", data_version())
    cached = cache.get(key)
    if cached is not None:
        return cached
    current = Agreement.objects.filter(status__in=CURRENT).values_list(
        "agency__state", "model", "status"
    )
    active: dict[str, Counter[str]] = {}
    pending: Counter[str] = Counter()
    for state, model, status in current:
        if status == Agreement.Status.PENDING:
            pending[state] += 1
        else:
            active.setdefault(state, Counter())[model] += 1
    rows = [
        StateRow(
            s, Counts({m: active.get(s.code, Counter()).get(m, 0) for m in MODELS}), pending[s.code]
        )
        for s in State.objects.exclude(code="").order_by("name")
    ]
    cache.set(key, rows, 3600)
    return rows


@dataclass(frozen=True, slots=True)
class StatePage:
    state: State
    agencies: list[AgencyAgreements]
    counties: list[County]
    counts: Counts
    pending: int
    events: list[ChangeEvent]


def state_page(*, code: str) -> StatePage | None:
    state = State.objects.filter(code=code.upper()).first()
    if state is None:
        return None
    places = list(
        AgencyPlace.objects.filter(state=state, agency__agreements__status__in=CURRENT)
        .select_related("agency", "county", "municipality")
        .distinct()
    )
    agencies = [a for a in _with_agreements(places) if a.current]
    counts = Counter(a.model for entry in agencies for a in entry.current if a.status == "active")
    pending = sum(a.status == "pending" for entry in agencies for a in entry.current)
    return StatePage(
        state,
        agencies,
        list(state.counties.order_by("name")),
        Counts({m: counts.get(m, 0) for m in MODELS}),
        pending,
        recent_events(limit=15, state=state.code),
    )


def nc_county_statuses() -> dict[str, tuple[County, str, set[str]]]:
    """Each NC county's status, for the NC map (see `county_statuses`)."""
    return county_statuses(state="NC")


def county_statuses(*, state: str | None = None) -> dict[str, tuple[County, str, set[str]]]:
    """Each county's status (`active`, `pending`, `ended`, `none`) and active models, for the
    maps: from every agency serving it (its sheriff, its towns' police, regional bodies). All the
    country's counties when `state` is None."""
    key = _key("county-statuses", data_version(), state)
    cached = cache.get(key)
    if cached is not None:
        return cached
    query = County.objects.select_related("state")
    counties = {c.fips: c for c in (query.filter(state_id=state) if state else query)}
    result = {fips: (c, "none", set()) for fips, c in counties.items()}
    served = AgencyPlace.counties.through.objects.values_list("county_id", "agencyplace__agency_id")
    if state:
        served = served.filter(county_id__in=counties)
    agencies: dict[str, list[str]] = {}
    for fips, agency in served:
        agencies.setdefault(agency, []).append(fips)
    agreements = (
        Agreement.objects.all()
        if state is None
        else Agreement.objects.filter(agency_id__in=agencies)
    )
    for agency, model, status in agreements.values_list("agency_id", "model", "status"):
        for fips in agencies.get(agency, ()):
            county, current, models = result[fips]
            if status == Agreement.Status.ACTIVE:
                result[fips] = (county, "active", models | {model})
            elif status == Agreement.Status.PENDING and current in ("none", "ended"):
                result[fips] = (county, "pending", models)
            elif status == Agreement.Status.ENDED and current == "none":
                result[fips] = (county, "ended", models)
    cache.set(key, result, 3600)
    return result


def event_list(
    *,
    state: str | None = None,
    county: County | None = None,
    kind: str | None = None,
    status: str | None = None,
) -> QuerySet[ChangeEvent]:
    """The change log, newest first, filtered (the archive's baseline is no change)."""
    query = ChangeEvent.objects.changes().select_related("agency", "publication")
    if state:
        query = query.filter(agency__state=state.upper())
    if county is not None:
        query = query.filter(agency__place__counties=county)
    if kind:
        query = query.filter(kind=kind)
    if status:
        query = query.filter(status=status)
    return query.order_by("-seq").distinct()
