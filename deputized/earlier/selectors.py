"""Reads of the earlier layer: by county, by agency of today's history, and whole (API, downloads).

Links to today's history are made only on evidence: the same state and the same ORI, or the same
name key (`history.names.name_key`) as one of the spellings ICE printed; a row that matches no
agency, or several, stays unlinked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Max, Min, Q

from deputized.earlier.models import EarlierAgreement
from deputized.history.models import Agency
from deputized.history.names import name_key
from deputized.places.models import AgencyPlace

# NC's rows are every agreement any source read names; elsewhere the data has known gaps (README).
COMPLETE_STATES = frozenset({"NC"})


@dataclass(frozen=True, slots=True)
class Coverage:
    """What the layer covers: the years of its signings, and whether it is complete for a state."""

    first_year: int
    last_year: int
    complete: bool


def earlier_coverage(*, state: str) -> Coverage | None:
    """None when the layer is not loaded (then pages claim nothing about before 2021)."""
    span = EarlierAgreement.objects.aggregate(first=Min("signed_date"), last=Max("signed_date"))
    if span["first"] is None:
        return None
    return Coverage(span["first"].year, span["last"].year, state.upper() in COMPLETE_STATES)


def earlier_for_county(*, fips: str) -> list[EarlierAgreement]:
    return list(EarlierAgreement.objects.filter(counties__county_fips=fips).distinct())


def earlier_for_agency(*, agency_id: str, state: str) -> list[EarlierAgreement]:
    """The earlier agreements linked to one agency of today's history (`earlier_agency_links`)."""
    linked = [
        key for key, agency in earlier_agency_links(state=state).items() if agency == agency_id
    ]
    return list(EarlierAgreement.objects.filter(agreement_id__in=linked))


def _same_agency(*, state: str, names: Iterable[str], ori: str = "") -> list[EarlierAgreement]:
    """The earlier agreements of an agency known by name and ORI: same state, and the same ORI
    or name key."""
    match = Q(name_key__in={name_key(n) for n in names if n})
    if ori:
        match |= Q(ori=ori)
    return list(EarlierAgreement.objects.filter(match, state=state.upper()))


def earlier_for_town(
    *, state: str, police_name: str, police_ori: str, county_fips: Iterable[str]
) -> list[EarlierAgreement]:
    """Who polices the town, and the county-wide bodies (sheriffs, jails) of its counties: a
    town's residents are jailed by the sheriff. Other towns' police are left out."""
    own = _same_agency(state=state, names=[police_name], ori=police_ori)
    county_wide = (
        EarlierAgreement.objects.filter(counties__county_fips__in=list(county_fips))
        .exclude(agency_type="municipal police")
        .distinct()
    )
    by_id = {a.agreement_id: a for a in [*own, *county_wide]}
    return sorted(by_id.values(), key=lambda a: (a.signed_date, a.agency))


def earlier_agency_links(*, state: str | None = None) -> dict[str, str]:
    """agreement_id -> the id of the one agency of today's history it is (unmatched or ambiguous
    rows are left out), for every row or those of one state."""
    rows = EarlierAgreement.objects.only("agreement_id", "state", "ori", "name_key")
    earlier = list(rows.filter(state=state.upper()) if state else rows)
    states = {a.state for a in earlier}
    by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
    for agency in Agency.objects.filter(state__in=states).only("id", "state", "spellings", "name"):
        for spelling in {agency.name, *agency.spellings}:
            by_key[(agency.state, name_key(spelling))].add(agency.id)
    by_ori: dict[tuple[str, str], set[str]] = defaultdict(set)
    for place in (
        AgencyPlace.objects.exclude(ori="")
        .filter(agency__state__in=states)
        .select_related("agency")
        .only("ori", "agency__id", "agency__state")
    ):
        by_ori[(place.agency.state, place.ori)].add(place.agency.id)
    links = {}
    for row in earlier:
        found = by_key.get((row.state, row.name_key), set()) | (
            by_ori.get((row.state, row.ori), set()) if row.ori else set()
        )
        if len(found) == 1:
            links[row.agreement_id] = next(iter(found))
    return links


def earlier_list(*, state: str | None = None, county: str | None = None) -> list[EarlierAgreement]:
    """Every earlier agreement, or those of one state or one county (Census code)."""
    query = EarlierAgreement.objects.all()
    if state:
        query = query.filter(state=state.upper())
    if county:
        query = query.filter(counties__county_fips=county).distinct()
    return list(query.order_by("state", "signed_date", "agreement_id"))
