"""Matching ICE's agencies to the places they police.

Rules, in order; the first that decides wins, and records which rule it was:
1. a curator's override (admin), then the reviewed regional bodies (`data/regional.csv`);
2. the law-enforcement roster: the agency's name is an ORI agency's name in the same state;
3. a sheriff ("<X> County Sheriff's Office", "<X> Parish Sheriff"): the county <X>;
4. a municipal police department ("<X> Police Department", "City of <X> Police"): in NC the
   municipality <X>; elsewhere the roster's city of that name and its county;
5. another county body ("<X> County Jail", "<X> County Board of County Commissioners"): county <X>;
6. ICE's COUNTY cell, when it names a county of the state;
7. a state agency (ICE's TYPE says so, or the name is a state department): the state;
otherwise the agency goes to the review list. Names are compared by `history.names.name_key`, and
county names forgive ICE's typos (`Pulaksi`, `Frankin`, `LaSalle`) when one county clearly wins.
"""

from __future__ import annotations

import csv
import difflib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from deputized.history.names import name_key

DATA = Path(__file__).resolve().parent / "data"

_SHERIFF = re.compile(r"^(?P<x>.+?) (county|parish|borough)s? (sheriffs|sheriff)\b")
_SHERIFF_SHORT = re.compile(r"^(?P<x>.+?) sheriffs office$")
_POLICE = re.compile(
    r"^(city of |town of |village of |borough of )?(?P<x>.+?) "
    r"(police|public safety|marshals|department of public safety)\b"
)
_COUNTY_BODY = re.compile(r"^(?P<x>.+?) (county|parish)\b")
_STATE_WORDS = re.compile(
    r"\b(state|highway patrol|department of (corrections|public safety|justice|revenue|"
    r"agriculture|financial services|law enforcement|transportation|natural resources|"
    r"fish|wildlife|motor vehicles)|attorney general|commission|division|bureau|board of "
    r"(probation|parole)|university|national guard|governor)\b"
)


@dataclass(slots=True)
class Match:
    scope: str  # state, county, municipality, region, unmatched
    method: str
    county: str | None = None  # fips
    counties: list[str] = field(default_factory=list)
    municipality: str | None = None  # geoid
    ori: str = ""
    note: str = ""


@dataclass(slots=True)
class AgencyFacts:
    id: str
    state: str
    name: str
    spellings: list[str]
    county: str  # ICE's COUNTY cell
    agency_type: str  # ICE's TYPE


@dataclass(slots=True)
class Reference:
    """Lookups built once from the places tables."""

    counties: dict[str, dict[str, str]]  # state -> county key -> fips
    towns: dict[str, list[tuple[str, str]]]  # NC town key -> [(geoid, primary county fips)]
    roster: dict[tuple[str, str], list[tuple[str, str, list[str], str | None]]]
    # (state, name key) -> [(ori, kind, county fipses, municipality geoid)]
    regional: dict[tuple[str, str], tuple[list[str], str, str]]  # -> (fipses, source, verified)


@functools.lru_cache(maxsize=16384)  # pure; the reference is built from the same names each time
def county_key(name: str) -> str:
    key = name_key(name)
    key = re.sub(r" (county|parish|borough|census area|city and borough)$", "", key)
    return key.replace(" ", "")


def load_regional(
    path: Path = DATA / "regional.csv",
) -> dict[tuple[str, str], tuple[list[str], str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {
            (r["state"], name_key(r["name"])): (
                r["county_fips"].split("|"),
                r["source"],
                r["verified"],
            )
            for r in csv.DictReader(handle)
        }


def find_county(reference: Reference, state: str, text: str) -> str | None:
    """A county of the state by name, forgiving typos when one county clearly wins."""
    wanted = county_key(text)
    counties = reference.counties.get(state, {})
    if not wanted:
        return None
    if wanted in counties:
        return counties[wanted]
    scored = sorted(((_near(wanted, key), key) for key in counties), reverse=True)
    if (
        scored
        and scored[0][0] >= 0.85
        and (len(scored) == 1 or scored[0][0] - scored[1][0] >= 0.05)
    ):
        return counties[scored[0][1]]
    return None


def _near(a: str, b: str) -> float:
    """How alike two county keys are (difflib's ratio), or 0.0 when difflib's cheap upper bounds
    already put it under 0.8. `find_county` decides the same either way: it wants a best of at
    least 0.85, at least 0.05 above the next, and anything under 0.8 is that far below."""
    matcher = difflib.SequenceMatcher(None, a, b)
    if matcher.real_quick_ratio() < 0.8 or matcher.quick_ratio() < 0.8:
        return 0.0
    return matcher.ratio()


# The roster kinds whose short `name` (not only the display name) identifies them.
TOWN_KINDS = frozenset({"City", "municipal_police"})


def _name_keys(agency: AgencyFacts) -> list[str]:
    """The agency's names as compared, latest spelling first."""
    return [name_key(s) for s in reversed(agency.spellings)] or [name_key(agency.name)]


def roster_keys(agency: AgencyFacts) -> set[str]:
    """Every name `match` may look up in the agency's state's roster: its own names, and the
    town a police department is named after (`_police`)."""
    keys = _name_keys(agency)
    towns = {name_key(m.group("x")) for key in keys if (m := _POLICE.match(key))}
    return {*keys, *towns}


def match(agency: AgencyFacts, reference: Reference) -> Match:
    keys = _name_keys(agency)
    state = agency.state
    for key in keys:
        regional = reference.regional.get((state, key))
        if regional:
            fipses, source, verified = regional
            note = source + (
                " (VERIFY: membership not yet confirmed)" if verified == "VERIFY" else ""
            )
            return Match("region", "regional_bodies_csv", fipses[0], fipses, note=note)
    for key in keys:
        found = _by_roster(state, key, reference)
        if found:
            return found
    for key in keys:
        for pattern in (_SHERIFF, _SHERIFF_SHORT):
            m = pattern.match(key)
            if m and (fips := find_county(reference, state, m.group("x"))):
                return Match("county", "sheriff_name", fips)
        m = _POLICE.match(key)
        if m:
            found = _police(state, m.group("x"), agency, reference)
            if found:
                return found
        m = _COUNTY_BODY.match(key)
        if m and (fips := find_county(reference, state, m.group("x"))):
            return Match("county", "county_body_name", fips)
    if agency.county and (fips := find_county(reference, state, agency.county)):
        if "state" in agency.agency_type.lower():
            return Match(
                "state", "state_agency_type", fips, note="ICE's COUNTY cell: where it sits"
            )
        return Match("county", "ice_county_cell", fips)
    if "state" in agency.agency_type.lower() or any(_STATE_WORDS.search(k) for k in keys):
        return Match("state", "state_agency")
    return Match("unmatched", "none", note="no rule matched: a curator should place it")


def _by_roster(state: str, key: str, reference: Reference) -> Match | None:
    entries = reference.roster.get((state, key), [])
    if len(entries) != 1:
        return None
    ori, kind, fipses, town = entries[0]
    if kind == "municipal_police" and town:
        return Match("municipality", "ori_roster", fipses[0] if fipses else None, fipses, town, ori)
    if kind.startswith("state"):
        return Match("state", "ori_roster", fipses[0] if fipses else None, ori=ori)
    if fipses:
        return Match("county", "ori_roster", fipses[0], fipses, ori=ori)
    return None


def _police(state: str, town: str, agency: AgencyFacts, reference: Reference) -> Match | None:
    town_key = name_key(town)
    if state == "NC":
        candidates = reference.towns.get(town_key, [])
        if agency.county and len(candidates) > 1:
            fips = find_county(reference, state, agency.county)
            candidates = [c for c in candidates if c[1] == fips] or candidates
        if len(candidates) == 1:
            geoid, county = candidates[0]
            return Match("municipality", "police_name_town", county, [county], geoid)
        return None
    entries = [e for e in reference.roster.get((state, town_key), []) if e[2]]
    if len(entries) == 1:
        ori, _kind, fipses, _ = entries[0]
        return Match(
            "county",
            "police_name_roster_city",
            fipses[0],
            fipses,
            ori=ori,
            note=f"the city of {town}: its county from the FBI roster",
        )
    if agency.county and (fips := find_county(reference, state, agency.county)):
        return Match("county", "police_ice_county_cell", fips, note=f"the town of {town}")
    return None
