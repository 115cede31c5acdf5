"""What each page shows, assembled from the history and places layers (views stay thin).

Every fact carries its source: the agreements and events keep their `publication` (ICE's file, its
date, sha256) and `row`, which the templates print next to them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.cache import cache

from deputized.archive.models import Publication
from deputized.history.models import Agency, Agreement, ChangeEvent
from deputized.history.version import data_version
from deputized.places import status as place_status
from deputized.places.models import AgencyPlace, County, Municipality, State
from deputized.places.selectors import (
    Policing,
    county_agencies,
    county_towns_policing,
    town_sheriffs,
)
from deputized.places.status import MODELS, Standings, Status, standings

# Standings shown among an agency's current agreements (`places.status`); the others are past.
CURRENT = ("active", "suspected_ended", "pending")


@dataclass(frozen=True, slots=True)
class Headline:
    """The national and NC numbers, each with the ICE lists it counts (`places.status.counts`)."""

    national: place_status.Counts
    nc: place_status.Counts
    territory_names: list[str]

    @property
    def participating(self) -> Publication | None:
        return self.national.participating

    @property
    def pending(self) -> Publication | None:
        return self.national.pending


@dataclass(slots=True)
class AgencyAgreements:
    """One agency with its agreements split into current (active, pending, or not on the latest
    list and unconfirmed) and past; each agreement carries its `standing` (`places.status`)."""

    agency: Agency
    place: AgencyPlace | None
    current: list[Agreement] = field(default_factory=list)
    past: list[Agreement] = field(default_factory=list)

    @property
    def status(self) -> str:
        """The agency's status (`places.status.Status`) from its agreements' standings."""
        pairs = [(a.model, a.standing) for a in (*self.current, *self.past)]
        return str(place_status.combine(pairs, [self.agency.id]).status)

    @property
    def is_sheriff(self) -> bool:
        """A county sheriff's office (the Spanish pages call it "alguacil", glossed once)."""
        return "sheriff" in self.agency.name.lower()


def glossed_sheriff(entries: list[AgencyAgreements]) -> str:
    """The first sheriff's office among `entries`: the Spanish answer glosses "alguacil
    (sheriff)" after its name, once a page."""
    return next((entry.agency.id for entry in entries if entry.is_sheriff), "")


def _key(*parts: object) -> str:
    return ":".join(str(part) for part in parts)


def headline() -> Headline:
    """National and NC numbers as of the latest lists, with the lists they come from."""
    key = _key("headline", data_version())
    cached = cache.get(key)
    if cached is not None:
        return cached
    at = standings()
    national = place_status.counts(at=at)
    result = Headline(
        national,
        place_status.counts(state="NC", at=at),
        place_status.territory_names(national.territories),
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
            for publication, counts in place_status.growth(state=state)
        ]
        cache.set(key, cached, 3600)
    return cached


def growth_rows(*, state: str | None = None) -> list[tuple[dt.date, dict[str, int], int]]:
    """The growth chart's table, the latest month first (as the chart draws it): each month's
    first list, its agreements by model and their total."""
    return [(day, counts, sum(counts.values())) for day, counts in reversed(growth(state=state))]


def recent_events(*, limit: int = 10, state: str | None = None) -> list[ChangeEvent]:
    query = (
        ChangeEvent.objects.changes()
        .select_related("agency", "publication")
        .exclude(status=ChangeEvent.Status.RETRACTED)
    )
    if state:
        query = query.filter(agency__state=state)
    return list(query.order_by("-seq")[:limit])


def _sort(agreements: list[Agreement], entry: AgencyAgreements, at: Standings) -> None:
    for agreement in agreements:
        agreement.standing = place_status.agreement_status(agreement, at=at)
        (entry.current if agreement.standing in CURRENT else entry.past).append(agreement)


def _with_agreements(places: list[AgencyPlace]) -> list[AgencyAgreements]:
    at = standings()
    by_agency = {p.agency_id: AgencyAgreements(p.agency, p) for p in places}
    agreements = (
        Agreement.objects.filter(agency_id__in=by_agency)
        .select_related("publication")
        .order_by("-status", "model", "-signed")
    )
    for agreement in agreements:
        _sort([agreement], by_agency[agreement.agency_id], at)
    return sorted(
        by_agency.values(), key=lambda e: (place_status.RANK[Status(e.status)], e.agency.name)
    )


def _strongest(agencies: list[AgencyAgreements]) -> str:
    """A place's status: the strongest of its agencies' (`places.status`)."""
    found = [Status(a.status) for a in agencies]
    return str(min(found, key=place_status.RANK.__getitem__, default=Status.NONE))


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

    @property
    def answering(self) -> list[AgencyAgreements]:
        """The agencies the page's first sentence names: those with a current agreement."""
        return [entry for entry in self.agencies if entry.current]

    @property
    def glossed(self) -> str:
        return glossed_sheriff(self.answering)


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

    @property
    def answering(self) -> list[AgencyAgreements]:
        """The agencies the page's first sentence names: its police's or sheriff's, then the
        county sheriffs whose agreements reach the town, those with a current agreement."""
        return [entry for entry in (*self.agencies, *self.sheriffs) if entry.current]

    @property
    def glossed(self) -> str:
        return glossed_sheriff(self.answering)


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
        ordered = agency.agreements.select_related("publication").order_by("-signed")
        _sort(list(ordered), agreements, standings())
    events = list(agency.events.changes().select_related("publication").order_by("-seq"))
    counties = list(place.counties.order_by("name")) if place else []
    return AgencyPage(agency, place, agreements, events, counties)


@dataclass(frozen=True, slots=True)
class StateRow:
    state: State
    counts: place_status.Counts


def states_overview() -> list[StateRow]:
    """Every state and territory with its agreements by standing and model."""
    key = _key("states", data_version())
    cached = cache.get(key)
    if cached is not None:
        return cached
    at = standings()
    by_state = place_status.counts_by_state(at=at)
    empty = place_status.Counts(at.participating, at.pending, {m: 0 for m in MODELS}, 0, 0)
    rows = [
        StateRow(s, by_state.get(s.code, empty))
        for s in State.objects.exclude(code="").order_by("name")
    ]
    cache.set(key, rows, 3600)
    return rows


@dataclass(frozen=True, slots=True)
class StatePage:
    state: State
    agencies: list[AgencyAgreements]
    counties: list[County]
    counts: place_status.Counts
    events: list[ChangeEvent]


def state_page(*, code: str) -> StatePage | None:
    state = State.objects.filter(code=code.upper()).first()
    if state is None:
        return None
    at = standings()
    holding = {
        at.agencies[agreement_id]
        for agreement_id, standing in at.by_agreement.items()
        if standing in CURRENT
    }
    places = list(
        AgencyPlace.objects.filter(state=state, agency_id__in=holding).select_related(
            "agency", "county", "municipality"
        )
    )
    agencies = [a for a in _with_agreements(places) if a.current]
    return StatePage(
        state,
        agencies,
        list(state.counties.order_by("name")),
        place_status.counts(state=state.code, at=at),
        recent_events(limit=15, state=state.code),
    )


def nc_county_statuses() -> dict[str, tuple[County, str, set[str]]]:
    """Each NC county's status, for the NC map (`places.status.county_statuses`)."""
    return place_status.county_statuses(state="NC")


def county_statuses(*, state: str | None = None) -> dict[str, tuple[County, str, set[str]]]:
    """Each county's status and active models, for the maps (`places.status.county_statuses`)."""
    return place_status.county_statuses(state=state)
