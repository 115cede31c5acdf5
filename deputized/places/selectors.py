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
