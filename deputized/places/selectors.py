"""Reads of the places layer: who polices a place."""

from __future__ import annotations

from dataclasses import dataclass

from deputized.places.models import AgencyPlace, County, Municipality, RosterAgency


@dataclass(frozen=True, slots=True)
class Policing:
    """Who polices a town: its own police department, or (without one) its county's sheriff."""

    name: str
    ori: str
    own_police: bool
    ice_agencies: list[AgencyPlace]


def town_policing(town: Municipality) -> Policing:
    ice = list(AgencyPlace.objects.filter(municipality=town).select_related("agency"))
    if town.police_ori:
        roster = RosterAgency.objects.filter(ori=town.police_ori).first()
        name = (roster.display_name or f"{roster.name} Police Department") if roster else town.name
        return Policing(name, town.police_ori, True, ice)
    county = town.primary_county
    sheriff = list(
        AgencyPlace.objects.filter(
            county=county, scope="county", agency__name__icontains="sheriff"
        ).select_related("agency")
    )
    return Policing(
        county.sheriff_name or f"{county.full_name} Sheriff", county.sheriff_ori, False, sheriff
    )


def _is_sheriff(placed: AgencyPlace) -> bool:
    return placed.scope == "county" and "sheriff" in placed.agency.name.lower()


def town_sheriffs(town: Municipality) -> list[AgencyPlace]:
    """The ICE-listed sheriffs of the counties a town lies in. A sheriff works in every town of
    the county, those with police of their own included, and runs the jail where anyone
    arrested there is held: a town's residents live under its sheriff's agreement too."""
    return [
        p
        for p in AgencyPlace.objects.filter(county__in=town.counties.all(), scope="county")
        .select_related("agency", "county")
        .order_by("agency__name")
        if _is_sheriff(p)
    ]


def town_agencies(town: Municipality) -> list[AgencyPlace]:
    """Every ICE-listed agency whose agreement reaches a town: whoever polices it (its own police,
    or the sheriff) and the county sheriff. A town's alerts, feed and change list use this."""
    found = {p.agency_id: p for p in town_policing(town).ice_agencies}
    for sheriff in town_sheriffs(town):
        found.setdefault(sheriff.agency_id, sheriff)
    return list(found.values())


def county_agencies(county: County) -> list[AgencyPlace]:
    """Every ICE-listed agency serving a county: its sheriff, its towns' police, regional bodies."""
    return list(
        AgencyPlace.objects.filter(counties=county)
        .select_related("agency", "municipality")
        .order_by("scope", "agency__name")
        .distinct()
    )


def county_towns_policing(county: County) -> list[tuple[Municipality, Policing]]:
    """Every town in a county with who polices it, in a fixed number of queries (a county page
    lists up to 26 towns; `town_policing` per town would cost two queries each)."""
    towns = list(county.municipalities.select_related("primary_county").order_by("name"))
    oris = {t.police_ori for t in towns if t.police_ori}
    rosters = {r.ori: r for r in RosterAgency.objects.filter(ori__in=oris)}
    ice_by_town: dict[str, list[AgencyPlace]] = {}
    for placed in AgencyPlace.objects.filter(municipality__in=towns).select_related("agency"):
        ice_by_town.setdefault(placed.municipality_id, []).append(placed)
    sheriffs = [
        p
        for p in AgencyPlace.objects.filter(
            county__in={t.primary_county_id for t in towns}, scope="county"
        ).select_related("agency")
        if "sheriff" in p.agency.name.lower()
    ]
    result = []
    for town in towns:
        if town.police_ori:
            roster = rosters.get(town.police_ori)
            name = (roster.display_name or f"{roster.name} Police Department") if roster else ""
            policing = Policing(
                name or town.name, town.police_ori, True, ice_by_town.get(town.geoid, [])
            )
        else:
            home = town.primary_county
            policing = Policing(
                home.sheriff_name or f"{home.full_name} Sheriff",
                home.sheriff_ori,
                False,
                [p for p in sheriffs if p.county_id == home.fips],
            )
        result.append((town, policing))
    return result
