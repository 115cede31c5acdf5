"""Writes of the places layer: reference data, and matching every ICE agency to its place."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q

from deputized.bulk import bulk_write
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


def build_reference(
    states: Collection[str] | None = None, keys: Collection[str] | None = None
) -> matching.Reference:
    """The lookups matching needs: for every state, or only for `states` (an agency is matched
    against its own state's counties, towns and roster only), with the roster's entries for
    every name or only for `keys` (`matching.roster_keys` of the agencies to place)."""
    counties: dict[str, dict[str, str]] = defaultdict(dict)
    county_rows = County.objects.all()
    town_rows = Municipality.objects.all()
    roster_rows = RosterAgency.objects.all()
    if states is not None:
        county_rows = county_rows.filter(state_id__in=states)
        town_rows = town_rows.filter(state_id__in=states)
        roster_rows = roster_rows.filter(state_id__in=states)
    if keys is not None:
        keys = list(keys)
        roster_rows = roster_rows.filter(
            (Q(display_key__in=keys) & ~Q(display_name=""))
            | Q(name_key__in=keys, kind__in=matching.TOWN_KINDS)
        )
    rows = list(county_rows.values_list("fips", "state_id", "name", "full_name"))
    for fips, state, name, full in rows:
        counties[state][matching.county_key(name)] = fips
        counties[state].setdefault(matching.county_key(full), fips)
    for fips, state, name, _full in rows:  # independent cities (Virginia's "Hopewell city")
        if name.endswith(" city"):
            counties[state].setdefault(matching.county_key(name.removesuffix(" city")), fips)
    towns: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for geoid, name, county in town_rows.values_list("geoid", "name", "primary_county_id"):
        towns[name_key(name)].append((geoid, county))
    entries = list(
        roster_rows.values_list(
            "ori", "state_id", "display_name", "display_key", "name_key", "kind", "municipality_id"
        )
    )
    links = RosterAgency.counties.through.objects.all()
    if states is not None or keys is not None:
        links = links.filter(rosteragency_id__in=[entry[0] for entry in entries])
    fipses: dict[str, list[str]] = defaultdict(list)
    for ori, fips in links.values_list("rosteragency_id", "county_id"):
        fipses[ori].append(fips)
    roster: dict[tuple[str, str], list] = defaultdict(list)
    for ori, state, display, display_key, key, kind, town in entries:
        entry = (ori, kind, sorted(fipses[ori]), town)
        if display:
            roster[(state, display_key)].append(entry)
        if kind in matching.TOWN_KINDS:
            roster[(state, key)].append(entry)
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


_PLACE_FIELDS = (
    "agency_id",
    "scope",
    "state_id",
    "county_id",
    "municipality_id",
    "ori",
    "method",
    "note",
)


@transaction.atomic
def places_match(agency_ids: Collection[str] | None = None) -> MatchReport:
    """Place agencies of the history (derived data: rebuilt, never edited): every agency, or
    only `agency_ids` and any agency not placed yet. The report covers the agencies placed.

    After an incremental history update, the agencies it added or changed are the only ones
    whose places can differ: a place depends on nothing but the agency's names, county and
    type, the reference data (`load_places` places every agency again) and the curators'
    overrides (the admin places every agency again)."""
    agencies = Agency.objects.order_by("id")
    if agency_ids is not None:
        agencies = agencies.filter(Q(id__in=list(agency_ids)) | Q(place__isnull=True))
    facts = [
        matching.AgencyFacts(*values)
        for values in agencies.values_list(
            "id", "state", "name", "spellings", "county", "agency_type"
        )
    ]
    ids = None if agency_ids is None else [f.id for f in facts]
    if ids is None:
        reference = build_reference()
    else:
        reference = build_reference(
            {f.state for f in facts}, set().union(*(matching.roster_keys(f) for f in facts))
        )
    overrides = PlaceOverride.objects.prefetch_related("counties")
    if ids is not None:
        overrides = overrides.filter(agency_id__in=ids)
    by_agency = {o.agency_id: o for o in overrides}
    places, links = [], []
    for agency in facts:
        found = (
            _override(by_agency[agency.id])
            if agency.id in by_agency
            else matching.match(agency, reference)
        )
        places.append(
            (
                agency.id,
                found.scope,
                agency.state,
                found.county,
                found.municipality,
                found.ori,
                found.method,
                found.note,
            )
        )
        links.extend(
            (agency.id, fips)
            for fips in dict.fromkeys(found.counties or ([found.county] if found.county else []))
        )
    _delete_places(ids)
    bulk_write(AgencyPlace, _PLACE_FIELDS, places)
    placed = (
        AgencyPlace.objects.all() if ids is None else AgencyPlace.objects.filter(agency_id__in=ids)
    )
    place_ids = dict(placed.values_list("agency_id", "id"))
    through = AgencyPlace.counties.through
    bulk_write(through, ("agencyplace_id", "county_id"), ((place_ids[a], f) for a, f in links))
    scopes = Counter(p[1] for p in places)
    nc = [p for p in places if p[2] == "NC"]
    return MatchReport(
        agencies=len(places),
        by_scope=dict(scopes),
        by_method=dict(Counter(p[6] for p in places)),
        nc_agencies=len(nc),
        nc_unmatched=[p[0] for p in nc if p[1] == Scope.UNMATCHED],
        placed_share=1 - scopes[Scope.UNMATCHED] / max(len(places), 1),
    )


def _delete_places(agency_ids: list[str] | None) -> None:
    """Remove these agencies' places (every place with None), counties first, in two statements
    (`QuerySet.delete()` would load every place to cascade to its counties). Placing again
    gives new ids, which the page cache's data version sees."""
    through = AgencyPlace.counties.through
    links = through.objects.all()
    places = AgencyPlace.objects.all()
    if agency_ids is not None:
        links = links.filter(agencyplace__agency_id__in=agency_ids)
        places = places.filter(agency_id__in=agency_ids)
    links.delete()  # no relation points at these rows: one DELETE
    quote = connection.ops.quote_name
    sql = f"DELETE FROM {quote(AgencyPlace._meta.db_table)}"
    params: list[str] = []
    if agency_ids is not None:
        if not agency_ids:
            return
        column = quote(AgencyPlace._meta.get_field("agency").column)
        sql += f" WHERE {column} IN ({', '.join(['%s'] * len(agency_ids))})"
        params = agency_ids
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def match_after_history(*, result: object = None, **_: object) -> MatchReport | None:
    """Receiver of `history.signals.history_updated`; does nothing before places are loaded.
    After an incremental update, only the agencies it added or changed are placed again."""
    if not County.objects.exists():
        return None
    return places_match(getattr(result, "agencies", None))
