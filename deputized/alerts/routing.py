"""Which topics an agency's events belong to: its state, the counties it serves, the towns it
reaches (its own town for a police department; every town of its counties for a sheriff, as
`places.selectors.town_agencies` decides) and the agency itself."""

from __future__ import annotations

from deputized.places.models import AgencyPlace, Municipality


def state_key(code: str) -> str:
    return f"state:{code.upper()}"


def county_key(fips: str) -> str:
    return f"county:{fips}"


def town_key(geoid: str) -> str:
    return f"town:{geoid}"


def agency_key(agency_id: str) -> str:
    return f"agency:{agency_id}"


def agency_topics(agency_id: str, state: str) -> list[str]:
    keys = [agency_key(agency_id), state_key(state)]
    place = (
        AgencyPlace.objects.filter(agency_id=agency_id)
        .select_related("agency")
        .prefetch_related("counties")
        .first()
    )
    if place is None:
        return keys
    counties = {c.fips for c in place.counties.all()} | ({place.county_id} - {None})
    keys += [county_key(fips) for fips in sorted(counties)]
    if place.municipality_id:
        keys.append(town_key(place.municipality_id))
    if place.scope == "county" and counties and "sheriff" in place.agency.name.lower():
        # A sheriff works in every town of the county, and holds in its jail anyone arrested
        # there: each town's subscribers hear of it, towns with police of their own included.
        towns = Municipality.objects.filter(counties__fips__in=counties).distinct()
        keys += [town_key(geoid) for geoid in sorted(towns.values_list("geoid", flat=True))]
    return keys
