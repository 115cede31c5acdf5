"""Reads behind the API: filters over the history and places selectors, as open-data records.

The query logic stays where it lives (`history.selectors.agreements_as_of`, `events`;
`places.selectors.county_agencies`, `town_policing`; `oversight.selectors.place_guidance`); this
module only combines filters and turns results into the records of `opendata.records`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet

from deputized.archive.models import Publication
from deputized.earlier import selectors as earlier
from deputized.history import selectors as history
from deputized.history.models import Agreement
from deputized.opendata import records
from deputized.oversight.measures import Guidance
from deputized.oversight.selectors import place_guidance
from deputized.places.models import AgencyPlace, County, Municipality
from deputized.places.selectors import county_agencies, town_agencies, town_policing
from deputized.places.status import agency_status, agreement_status, county_statuses, standings

T = TypeVar("T")


class UnknownPlaceError(LookupError):
    """A county FIPS or town GEOID the database does not hold."""


@dataclass(frozen=True, slots=True)
class Lazy(Generic[T]):
    """Items and the builder of their records: only the requested page is built."""

    items: Sequence[T] | QuerySet
    build: Callable[[T], records.Record]

    def count(self) -> int:
        items = self.items
        return items.count() if isinstance(items, QuerySet) else len(items)

    def page(self, offset: int, size: int) -> list[records.Record]:
        return [self.build(item) for item in self.items[offset : offset + size]]


def county_get(fips: str) -> County:
    county = County.objects.select_related("state").filter(fips=fips).first()
    if county is None:
        raise UnknownPlaceError(f"no county with FIPS code {fips}")
    return county


def town_get(geoid: str) -> Municipality:
    town = Municipality.objects.select_related("primary_county", "state").filter(geoid=geoid)
    found = town.first()
    if found is None:
        raise UnknownPlaceError(f"no town or city with Census GEOID {geoid}")
    return found


def place_agency_ids(*, county: str | None, town: str | None) -> set[str] | None:
    """The agencies serving a county (its sheriff, its towns' police, regional bodies) or whose
    agreements reach a town (its police and its county's sheriff, `town_agencies`); None when no
    place is asked for."""
    ids: set[str] | None = None
    if county:
        ids = {p.agency_id for p in county_agencies(county_get(county))}
    if town:
        reaching = {p.agency_id for p in town_agencies(town_get(town))}
        ids = reaching if ids is None else ids & reaching
    return ids


def agreement_list(
    *,
    as_of: dt.date | None = None,
    state: str | None = None,
    county: str | None = None,
    town: str | None = None,
    model: str | None = None,
    status: str | None = None,
) -> Lazy:
    """Every agreement (current status, latest listing), or with `as_of` those of the last
    participating list published on or before that date, each with the row that listed it."""
    agencies = place_agency_ids(county=county, town=town)
    at = standings(as_of=as_of)
    if as_of is not None:
        listed = [
            (agreement, source)
            for agreement, source in history.agreements_as_of(as_of, state=state)
            if (agencies is None or agreement.agency_id in agencies)
            and (not model or agreement.model == model)
            and (not status or agreement_status(agreement, at=at) == status)
        ]
        return Lazy(listed, lambda pair: records.listed_agreement_record(*pair, at))
    query = records.agreements_query()
    if state:
        query = query.filter(agency__state=state.upper())
    if agencies is not None:
        query = query.filter(agency_id__in=agencies)
    if model:
        query = query.filter(model=model)
    if status:
        query = query.filter(id__in=[i for i, s in at.by_agreement.items() if s == status])
    return Lazy(query, lambda agreement: records.current_agreement_record(agreement, at))


def event_list(
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    kind: str | None = None,
    status: str | None = None,
    state: str | None = None,
    county: str | None = None,
    town: str | None = None,
) -> Lazy:
    query = history.events(state=state, since=since, kind=kind)
    if until:
        query = query.filter(observed_on__lte=until)
    if status:
        query = query.filter(status=status)
    agencies = place_agency_ids(county=county, town=town)
    if agencies is not None:
        query = query.filter(agency_id__in=agencies)
    return Lazy(query, records.event_record)


def agency_list(
    *, state: str | None = None, county: str | None = None, town: str | None = None
) -> Lazy:
    query = records.agencies_query()
    if state:
        query = query.filter(state=state.upper())
    agencies = place_agency_ids(county=county, town=town)
    if agencies is not None:
        query = query.filter(id__in=agencies)
    return Lazy(query, records.agency_record)


def agency_detail(agency_id: str) -> dict[str, Any] | None:
    agency = records.agencies_query().filter(id=agency_id).first()
    if agency is None:
        return None
    agreements = records.agreements_query().filter(agency_id=agency_id)
    at = standings()
    return {
        **records.agency_record(agency),
        "agreements": [records.current_agreement_record(a, at) for a in agreements],
    }


def earlier_list(*, state: str | None = None, county: str | None = None) -> Lazy:
    if county:
        county_get(county)  # an unknown county is an error, as for the other lists
    links = earlier.earlier_agency_links()
    return Lazy(
        earlier.earlier_list(state=state, county=county),
        lambda agreement: records.earlier_record(agreement, links),
    )


def publication_list(
    *, kind: str | None = None, since: dt.date | None = None, until: dt.date | None = None
) -> Lazy:
    pairs = [
        (publication, sequence)
        for publication, sequence in records.publications_with_sequence()
        if (not kind or publication.list_kind == kind)
        and (since is None or publication.published_on >= since)
        and (until is None or publication.published_on <= until)
    ]
    return Lazy(pairs, lambda pair: records.publication_record(*pair))


def publication_object(sha256: str) -> Publication | None:
    return Publication.objects.filter(sha256=sha256.lower()).first()


def publication_detail(sha256: str) -> records.Record | None:
    for publication, sequence in records.publications_with_sequence():
        if publication.sha256 == sha256.lower():
            return records.publication_record(publication, sequence)
    return None


def publication_file(sha256: str) -> tuple[str, bytes] | None:
    """ICE's file name and the bytes exactly as ICE published them."""
    publication = Publication.objects.select_related("file").filter(sha256=sha256.lower()).first()
    if publication is None:
        return None
    return publication.file_name, bytes(publication.file.content)


def county_list(*, state: str | None = None) -> Lazy:
    statuses = county_statuses(state=state.upper() if state else None)
    rows = sorted(statuses.values(), key=lambda row: (row[0].state_id, row[0].name))
    return Lazy(rows, lambda row: county_summary(*row))


def county_summary(county: County, status: str, models: set[str]) -> dict[str, Any]:
    return {
        "fips": county.fips,
        "state": county.state_id,
        "name": county.name,
        "full_name": county.full_name,
        "slug": county.slug,
        "status": status,
        "models": sorted(models),
        "page_path": f"/en/states/{county.state_id.lower()}/counties/{county.slug}/",
    }


def place_agencies(places: list[AgencyPlace]) -> list[dict[str, Any]]:
    """Agencies with their agreements (current status), in two queries."""
    ids = [p.agency_id for p in places]
    at = standings()
    agreements: dict[str, list[Agreement]] = {}
    for agreement in Agreement.objects.filter(agency_id__in=ids).order_by("id"):
        agreements.setdefault(agreement.agency_id, []).append(agreement)
    return [
        {
            "agency_id": p.agency_id,
            "name": p.agency.name,
            "scope": p.scope,
            "status": str(agency_status(p.agency_id, at=at).status),
            "agreements": [
                {
                    "id": a.id,
                    "model": a.model,
                    "signed": a.signed,
                    "status": agreement_status(a, at=at),
                }
                for a in agreements.get(p.agency_id, [])
            ],
        }
        for p in places
    ]


def guidance_record(guidance: Guidance) -> dict[str, Any]:
    """What local officials can do (`oversight.selectors.place_guidance`), texts resolved."""

    def item(entry: Any) -> dict[str, Any]:
        return {
            "key": entry.key,
            "title": entry.title,
            "text": entry.text,
            "basis": entry.basis,
            "recommendation": (
                {"label": str(entry.recommendation.label), "url": entry.recommendation.url}
                if entry.recommendation
                else None
            ),
            "question": entry.question,
            "ask": entry.ask,
            "checked_on": entry.checked_on,
            "citations": [{"label": c.label, "url": c.url} for c in entry.citations],
            "bills": [asdict(bill) for bill in entry.bills],
            "addressed_to": [str(a) for a in getattr(entry, "addressed_to", ())],
        }

    jurisdiction = guidance.jurisdiction
    return {
        "body": str(jurisdiction.body),
        "status": str(jurisdiction.status),
        "models": sorted(jurisdiction.models),
        "pending_models": sorted(jurisdiction.pending_models),
        "who": guidance.who,
        "urgency": guidance.urgency,
        "measures": [item(m) for m in guidance.measures],
        "limits": [item(limit) for limit in guidance.limits],
        "state_duties": [item(d) for d in guidance.state_duties],
        "disclaimer": guidance.disclaimer,
    }


def county_detail(fips: str, *, language: str) -> dict[str, Any]:
    county = county_get(fips)
    _county, status, models = county_statuses(state=county.state_id).get(
        county.fips, (county, "none", set())
    )
    guidance = None
    if county.state_id == "NC":  # the measures are North Carolina law
        guidance = guidance_record(place_guidance(county=county, language=language))
    return {
        **county_summary(county, status, models),
        "agencies": place_agencies(county_agencies(county)),
        "guidance": guidance,
    }


def town_summary(town: Municipality) -> dict[str, Any]:
    return {
        "geoid": town.geoid,
        "state": town.state_id,
        "name": town.name,
        "full_name": town.full_name,
        "kind": town.kind,
        "slug": town.slug,
        "county_fips": town.primary_county_id,
        "own_police": bool(town.police_ori),
        "page_path": f"/en/states/{town.state_id.lower()}/places/{town.slug}/",
    }


def town_list(*, state: str | None = None, county: str | None = None) -> Lazy:
    query = Municipality.objects.order_by("state_id", "name")
    if state:
        query = query.filter(state_id=state.upper())
    if county:
        query = query.filter(counties=county_get(county))
    return Lazy(query, town_summary)


def town_detail(geoid: str, *, language: str) -> dict[str, Any]:
    town = town_get(geoid)
    policing = town_policing(town)
    guidance = None
    if town.state_id == "NC":
        guidance = guidance_record(place_guidance(municipality=town, language=language))
    return {
        **town_summary(town),
        "policed_by": {
            "name": policing.name,
            "ori": policing.ori,
            "own_police": policing.own_police,
        },
        "agencies": place_agencies(town_agencies(town)),
        "guidance": guidance,
    }


def growth_list(*, scope: str) -> Lazy:
    """The growth series of the country (`US`) or North Carolina, oldest month first."""
    return Lazy(records.growth_records(scope), lambda record: record)
