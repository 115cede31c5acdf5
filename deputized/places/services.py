"""Writes of the places layer: reference data, and matching every ICE agency to its place."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import transaction

from deputized.history.models import Agency
from deputized.history.names import name_key
from deputized.places import matching
from deputized.places.models import (
    AgencyPlace,
    County,
    Municipality,
    PlaceOverride,
    RosterAgency,
    Scope,
)


@dataclass(frozen=True, slots=True)
class MatchReport:
    agencies: int
    by_scope: dict[str, int]
    by_method: dict[str, int]
    nc_agencies: int
    nc_unmatched: list[str]
    placed_share: float  # matched to a county, region, municipality or state

    def lines(self) -> list[str]:
        return [
            f"agencies: {self.agencies}; placed: {self.placed_share:.1%}",
            "by scope: " + ", ".join(f"{k} {v}" for k, v in sorted(self.by_scope.items())),
            "by rule: " + ", ".join(f"{k} {v}" for k, v in sorted(self.by_method.items())),
            f"NC agencies: {self.nc_agencies}; unmatched: {len(self.nc_unmatched)}"
            + (f" ({', '.join(self.nc_unmatched)})" if self.nc_unmatched else ""),
        ]


def build_reference() -> matching.Reference:
    counties: dict[str, dict[str, str]] = defaultdict(dict)
    rows = list(County.objects.values_list("fips", "state_id", "name", "full_name"))
    for fips, state, name, full in rows:
        counties[state][matching.county_key(name)] = fips
        counties[state].setdefault(matching.county_key(full), fips)
    for fips, state, name, _full in rows:  # independent cities (Virginia's "Hopewell city")
        if name.endswith(" city"):
            counties[state].setdefault(matching.county_key(name.removesuffix(" city")), fips)
    towns: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for geoid, name, county in Municipality.objects.values_list(
        "geoid", "name", "primary_county_id"
    ):
        towns[name_key(name)].append((geoid, county))
    fipses: dict[str, list[str]] = defaultdict(list)
    for ori, fips in RosterAgency.counties.through.objects.values_list(
        "rosteragency_id", "county_id"
    ):
        fipses[ori].append(fips)
    roster: dict[tuple[str, str], list] = defaultdict(list)
    for ori, state, name, display, kind, town in RosterAgency.objects.values_list(
        "ori", "state_id", "name", "display_name", "kind", "municipality_id"
    ):
        entry = (ori, kind, sorted(fipses[ori]), town)
        if display:
            roster[(state, name_key(display))].append(entry)
        if kind in {"City", "municipal_police"}:
            roster[(state, name_key(name))].append(entry)
    return matching.Reference(dict(counties), dict(towns), dict(roster), matching.load_regional())


def _override(override: PlaceOverride) -> matching.Match:
    counties = list(override.counties.values_list("fips", flat=True))
    return matching.Match(
        override.scope,
        "override",
        override.county_id or (counties[0] if counties else None),
        counties,
        override.municipality_id,
        note=f"{override.note} (reviewed by {override.reviewed_by})",
    )


@transaction.atomic
def places_match() -> MatchReport:
    """Place every agency of the history (derived data: rebuilt whole each time)."""
    reference = build_reference()
    overrides = {o.agency_id: o for o in PlaceOverride.objects.prefetch_related("counties")}
    AgencyPlace.objects.all().delete()
    places, links = [], []
    for agency in Agency.objects.order_by("id"):
        facts = matching.AgencyFacts(
            agency.id,
            agency.state,
            agency.name,
            list(agency.spellings),
            agency.county,
            agency.agency_type,
        )
        found = (
            _override(overrides[agency.id])
            if agency.id in overrides
            else matching.match(facts, reference)
        )
        places.append(
            AgencyPlace(
                agency_id=agency.id,
                scope=found.scope,
                state_id=agency.state,
                county_id=found.county,
                municipality_id=found.municipality,
                ori=found.ori,
                method=found.method,
                note=found.note,
            )
        )
        links.extend(
            (agency.id, fips)
            for fips in dict.fromkeys(found.counties or ([found.county] if found.county else []))
        )
    AgencyPlace.objects.bulk_create(places, batch_size=2000)
    ids = dict(AgencyPlace.objects.values_list("agency_id", "id"))
    through = AgencyPlace.counties.through
    through.objects.bulk_create(through(agencyplace_id=ids[a], county_id=f) for a, f in links)
    scopes = Counter(p.scope for p in places)
    nc = [p for p in places if p.state_id == "NC"]
    return MatchReport(
        agencies=len(places),
        by_scope=dict(scopes),
        by_method=dict(Counter(p.method for p in places)),
        nc_agencies=len(nc),
        nc_unmatched=[p.agency_id for p in nc if p.scope == Scope.UNMATCHED],
        placed_share=1 - scopes[Scope.UNMATCHED] / max(len(places), 1),
    )


def match_after_history(**_: object) -> MatchReport | None:
    """Receiver of `history.signals.history_updated`; does nothing before places are loaded."""
    if not County.objects.exists():
        return None
    return places_match()
