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
