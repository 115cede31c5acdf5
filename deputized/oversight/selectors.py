"""Guidance for a real place: its jurisdiction from the agreement history, plus curators' edits.

A county's status is that of its county-level agencies (the sheriff, a county police force, a
regional jail serving it); a town with its own police, that of its police department; a town
without police, that of the county-level agencies of its (primary) county, because they police it
and hold its arrests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils import translation

from deputized.oversight.measures import (
    MODELS,
    BillStatus,
    Body,
    Guidance,
    Jurisdiction,
    Override,
    Status,
    measures_for,
    resolve,
)
from deputized.oversight.models import Bill, MeasureText, NoteCheck
from deputized.places.models import AgencyPlace, County, Municipality, Scope, State
from deputized.places.selectors import county_agencies, town_policing
from deputized.places.status import Status as PlaceStatus
from deputized.places.status import combine, standings

COUNTY_LEVEL = {Scope.COUNTY, Scope.REGION}


def jurisdiction_status(
    standings: Iterable[tuple[str, str | None]],
) -> tuple[Status, frozenset[str]]:
    """Active if the agreements, as (model, standing) pairs read by `places.status`, make the
    place active; else pending if any is listed as pending; else none. An agreement not on the
    latest list and unconfirmed is not active here either (it is nowhere), and a pending
    listing since signed counts through its agreement. The models are the active ones."""
    found = combine(standings)
    if found.status is PlaceStatus.ACTIVE:
        return Status.ACTIVE, found.models & MODELS
    if found.pending_models:  # a pending listing, with a model or not
        return Status.PENDING, frozenset()
    return Status.NONE, frozenset()


def pending_models(standings: Iterable[tuple[str, str | None]]) -> frozenset[str]:
    """The models ICE lists as pending (a pending row sometimes has no model yet)."""
    return combine(standings).pending_models & MODELS


def jurisdiction_of(body: Body, places: Iterable[AgencyPlace]) -> Jurisdiction:
    ids = {p.agency_id for p in places}
    at = standings()
    pairs = [
        (at.models[agreement_id], standing)
        for agreement_id, standing in at.by_agreement.items()
        if at.agencies[agreement_id] in ids
    ]
    status, models = jurisdiction_status(pairs)
    return Jurisdiction(body, status, models, pending_models(pairs))


def county_jurisdiction(county: County) -> Jurisdiction:
    places = [p for p in county_agencies(county) if p.scope in COUNTY_LEVEL]
    return jurisdiction_of(Body.COUNTY, places)


def town_jurisdiction(town: Municipality) -> Jurisdiction:
    policing = town_policing(town)
    if policing.own_police:
        return jurisdiction_of(Body.MUNICIPALITY_POLICE, policing.ice_agencies)
    county = county_jurisdiction(town.primary_county)
    return Jurisdiction(
        Body.MUNICIPALITY_NO_POLICE, county.status, county.models, county.pending_models
    )


def state_jurisdiction(state: State) -> Jurisdiction:
    places = AgencyPlace.objects.filter(state=state, scope=Scope.STATE)
    return jurisdiction_of(Body.STATE, places)


def measure_overrides(language: str) -> dict[str, Override]:
    """Curators' rewordings for one language, by entry key."""
    return {text.key: text.as_override() for text in MeasureText.objects.filter(language=language)}


def note_checks() -> dict[str, dt.date]:
    """The day a curator checked each entry against the official text, by entry key."""
    return dict(NoteCheck.objects.values_list("key", "checked_on"))


def bill_statuses(*, language: str | None = None) -> dict[str, BillStatus]:
    """Every bill in the curated table, in one language (Spanish falls back to English)."""
    spanish = site_language(language) == "es"

    def pick(english: str, spanish_text: str) -> str:
        return spanish_text if spanish and spanish_text.strip() else english

    return {
        bill.key: BillStatus(
            key=bill.key,
            label=bill.label,
            name=pick(bill.name_en, bill.name_es),
            status=pick(bill.status_en, bill.status_es),
            source=pick(bill.source_en, bill.source_es),
            url=bill.url,
            checked_on=bill.checked_on,
        )
        for bill in Bill.objects.all()
    }


def guidance_for(jurisdiction: Jurisdiction, *, language: str | None = None) -> Guidance:
    """`measures_for` with what curators keep (rewordings, checks, bills' status), every text
    resolved in one language."""
    language = site_language(language)
    with translation.override(language):
        guidance = measures_for(
            jurisdiction,
            measure_overrides(language),
            checks=note_checks(),
            bills=bill_statuses(language=language),
        )
        return resolve(guidance)


def place_guidance(
    *,
    county: County | None = None,
    municipality: Municipality | None = None,
    state: State | None = None,
    language: str | None = None,
) -> Guidance:
    """Guidance for exactly one place: a county, a town or city, or a state's agencies."""
    if sum(place is not None for place in (county, municipality, state)) != 1:
        raise ValueError("give exactly one of county, municipality or state")
    if county is not None:
        jurisdiction = county_jurisdiction(county)
    elif municipality is not None:
        jurisdiction = town_jurisdiction(municipality)
    else:
        jurisdiction = state_jurisdiction(state)
    return guidance_for(jurisdiction, language=language)


def site_language(language: str | None) -> str:
    """One of the site's languages: the one asked for, else the active one, else the default."""
    codes = {code for code, _name in settings.LANGUAGES}
    for candidate in (language, translation.get_language(), settings.LANGUAGE_CODE):
        if candidate and candidate.split("-")[0] in codes:
            return candidate.split("-")[0]
    return "en"
