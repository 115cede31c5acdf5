"""The facts about one place that a model document states, read from the history and the places
layer: the body, the agency concerned, its 287(g) agreements with the ICE list and row each comes
from, the population, and the date of ICE's latest list (the document's data as-of date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from deputized.history.models import Agreement
from deputized.oversight.jurisdiction import Jurisdiction
from deputized.oversight.selectors import COUNTY_LEVEL, county_jurisdiction, town_jurisdiction
from deputized.places.models import AgencyPlace, County, Municipality
from deputized.places.selectors import county_agencies, town_policing
from deputized.places.status import standings

# The standings an agreement is named with: in force, or listed as coming.
SHOWN = {"active": "active", "pending": "pending", "suspected_ended": "active"}


@dataclass(frozen=True, slots=True)
class AgreementFact:
    agency: str
    model: str  # JEM, WSO, TFM (or empty for a pending listing without one)
    standing: str  # active or pending
    signed: dt.date | None
    moa_url: str
    list_file: str  # ICE's file name, as first seen
    list_published_on: dt.date
    row: int


@dataclass(frozen=True, slots=True)
class PlaceFacts:
    place: County | Municipality
    county: County  # the county itself, or the town's primary county
    jurisdiction: Jurisdiction
    agency: str  # the agency the document addresses: sheriff's office or police department
    sheriff: str  # the county's sheriff's office
    agreements: tuple[AgreementFact, ...]
    population: int | None
    as_of: dt.date | None  # the publication date of ICE's latest participating list

    @property
    def is_county(self) -> bool:
        return isinstance(self.place, County)


def _sheriff(county: County) -> str:
    return county.sheriff_name or f"{county.full_name} Sheriff's Office"


def _agreements(places: list[AgencyPlace]) -> tuple[AgreementFact, ...]:
    at = standings()
    ids = [p.agency_id for p in places]
    found = []
    query = (
        Agreement.objects.filter(agency_id__in=ids)
        .select_related("agency", "publication")
        .order_by("agency__name", "model", "signed")
    )
    for agreement in query:
        standing = SHOWN.get(at.of(agreement.id) or "")
        if standing is None:
            continue
        found.append(
            AgreementFact(
                agency=agreement.agency.name.strip(),
                model=agreement.model,
                standing=standing,
                signed=agreement.signed,
                moa_url=agreement.moa_url,
                list_file=agreement.publication.file_name,
                list_published_on=agreement.publication.published_on,
                row=agreement.row,
            )
        )
    return tuple(found)


def _as_of() -> dt.date | None:
    publication = standings().participating
    return publication.published_on if publication else None


def county_facts(county: County) -> PlaceFacts:
    places = [p for p in county_agencies(county) if p.scope in COUNTY_LEVEL]
    return PlaceFacts(
        place=county,
        county=county,
        jurisdiction=county_jurisdiction(county),
        agency=_sheriff(county),
        sheriff=_sheriff(county),
        agreements=_agreements(places),
        population=county.population,
        as_of=_as_of(),
    )


def town_facts(town: Municipality) -> PlaceFacts:
    county = town.primary_county
    policing = town_policing(town)
    if policing.own_police:
        places, agency = policing.ice_agencies, policing.name
    else:
        places = [p for p in county_agencies(county) if p.scope in COUNTY_LEVEL]
        agency = _sheriff(county)
    return PlaceFacts(
        place=town,
        county=county,
        jurisdiction=town_jurisdiction(town),
        agency=agency,
        sheriff=_sheriff(county),
        agreements=_agreements(places),
        population=town.population,
        as_of=_as_of(),
    )
