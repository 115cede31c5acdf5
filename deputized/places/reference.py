"""Loading the reference data (Census counties, the FBI roster, the NC tables) into the database.

Reads `settings.REFERENCE_DATA_DIR` (../shared/data by default; never committed). Idempotent:
rows are upserted by their Census or ORI code, so loading twice changes nothing.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from deputized.history.names import name_key
from deputized.places.models import County, Municipality, RosterAgency, State

_SUFFIXES = re.compile(
    r"\s+(County|Parish|Borough|City and Borough|Census Area|Municipality|Municipio|city)$"
)


class ReferenceDataMissing(RuntimeError):
    """The shared reference data folder is missing a file the project needs."""


@dataclass(frozen=True, slots=True)
class LoadResult:
    states: int
    counties: int
    municipalities: int
    roster_agencies: int


def _rows(path: Path) -> Iterator[dict[str, str]]:
    if not path.is_file():
        raise ReferenceDataMissing(f"{path}: not found (set REFERENCE_DATA_DIR)")
    with path.open(newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def short_county_name(full: str) -> str:
    """`Duplin County` -> `Duplin`; `La Salle Parish` -> `La Salle`; `Baltimore city` kept whole."""
    if full.endswith(" city") and not full.endswith(" County"):
        return full
    return _SUFFIXES.sub("", full)


# State-level areas the Census county list names without a USPS code or a state name: the
# 2020 list's FIPS 74 (the U.S. Minor Outlying Islands; one county, the Midway Islands).
_POSTAL_BY_FIPS = {"74": ("UM", "U.S. Minor Outlying Islands")}


def _with_postal_code(row: dict[str, str]) -> dict[str, str] | None:
    """A Census row with its state's USPS code and name (filled in from _POSTAL_BY_FIPS when the
    list leaves them empty), or None for a row whose state cannot be named: a county with no
    state would have no page address."""
    if row["state_postal"].strip():
        return row
    if row["state_fips"] not in _POSTAL_BY_FIPS:
        return None
    code, name = _POSTAL_BY_FIPS[row["state_fips"]]
    return {**row, "state_postal": code, "state_name": row["state_name"].strip() or name}


def _upsert(model: type, items: list, unique: str) -> None:
    fields = [f.name for f in model._meta.concrete_fields if not f.primary_key]
    model.objects.bulk_create(
        items, batch_size=2000, update_conflicts=True, unique_fields=[unique], update_fields=fields
    )


@transaction.atomic
def load_reference(base: Path | None = None) -> LoadResult:
    """States and counties of the country, NC's municipalities, and the law-enforcement roster."""
    base = base or Path(settings.REFERENCE_DATA_DIR)
    census = [
        row
        for row in map(
            _with_postal_code, _rows(base / "ice" / "aux" / "census_counties_2020_fips.csv")
        )
        if row is not None
    ]
    states = {
        r["state_postal"]: State(
            code=r["state_postal"], fips=r["state_fips"], name=r["state_name"].title()
        )
        for r in census
    }
    _upsert(State, list(states.values()), "code")
    # Earlier loads kept a nameless "state" (code "") for a row without a postal code: the
    # change log's state filter showed it as an empty option, the API its county as
    # /en/states//counties/…. Its counties are now under their real state.
    State.objects.filter(code="").exclude(counties__isnull=False).delete()

    nc_counties = {r["county_fips"]: r for r in _rows(base / "nc" / "nc_counties.csv")}
    counties = []
    for r in census:
        nc = nc_counties.get(r["county_fips"], {})
        name = nc.get("county_name") or short_county_name(r["county_name"])
        counties.append(
            County(
                fips=r["county_fips"],
                state_id=r["state_postal"],
                name=name,
                full_name=nc.get("county_name_full") or r["county_name"],
                slug=slugify(name),
                seat=nc.get("county_seat", ""),
                population=int(nc["pop_2020"]) if nc.get("pop_2020") else None,
                sheriff_ori=nc.get("sheriff_ori_fbi", ""),
                sheriff_name=nc.get("sheriff_office_name", ""),
            )
        )
    # The Census list repeats nine codes under an old or a borough name (Wade Hampton / Kusilvak,
    # Kings County / Brooklyn Borough): one county per code, the last name listed standing, as
    # PostgreSQL refuses a bulk upsert that touches one row twice.
    _upsert(County, list({c.fips: c for c in counties}.values()), "fips")

    towns = list(_rows(base / "nc" / "nc_municipalities.csv"))
    _upsert(
        Municipality,
        [
            Municipality(
                geoid=r["place_geoid"],
                state_id="NC",
                name=r["name"],
                full_name=r["full_name"],
                kind=r["muni_type"],
                slug=slugify(r["name"]),
                # One town (Grandfather Village) lacks a primary county; its only county stands.
                primary_county_id=r["primary_county_fips"] or r["county_fips_list"].split("|")[0],
                police_ori=r["police_ori_fbi"],
                population=int(r["pop_2020"] or 0) or None,
                lat=float(r["lat"]) if r["lat"] else None,
                lng=float(r["lng"]) if r["lng"] else None,
            )
            for r in towns
        ],
        "geoid",
    )
    through = Municipality.counties.through
    through.objects.filter(municipality__state_id="NC").delete()
    through.objects.bulk_create(
        through(municipality_id=r["place_geoid"], county_id=fips)
        for r in towns
        for fips in r["county_fips_list"].split("|")
        if fips
    )

    roster_count = _load_roster(base, states)
    return LoadResult(len(states), len(counties), len(towns), roster_count)


def _load_roster(base: Path, states: dict[str, State]) -> int:
    by_name = {(c.state_id, c.name.upper()): c.fips for c in County.objects.all()}
    by_name.update({(c.state_id, c.full_name.upper()): c.fips for c in County.objects.all()})
    nc = {r["ori"]: r for r in _rows(base / "nc" / "nc_law_enforcement_agencies.csv")}
    towns = set(Municipality.objects.values_list("geoid", flat=True))
    known_fips = set(by_name.values())
    agencies, links = [], []
    for r in _rows(base / "ice" / "aux" / "fbi_cde_law_enforcement_employees_2025.csv"):
        if r["state_abbr"] not in states:
            continue
        detail = nc.get(r["ori"], {})
        display = detail.get("display_name_guess", "")
        agencies.append(
            RosterAgency(
                ori=r["ori"],
                state_id=r["state_abbr"],
                name=r["pub_agency_name"],
                display_name=display,
                kind=detail.get("agency_kind") or r["agency_type_name"],
                municipality_id=detail.get("place_geoid")
                if detail.get("place_geoid") in towns
                else None,
                display_key=name_key(display) if display else "",
                name_key=name_key(r["pub_agency_name"]),
            )
        )
        fips_list = [f for f in detail.get("county_fips_list", "").split("|") if f] or [
            by_name[(r["state_abbr"], name.strip())]
            for name in r["county_name"].split(",")
            if (r["state_abbr"], name.strip()) in by_name
        ]
        links.extend((r["ori"], fips) for fips in fips_list if fips in known_fips)
    _upsert(RosterAgency, agencies, "ori")
    through = RosterAgency.counties.through
    through.objects.all().delete()
    through.objects.bulk_create(through(rosteragency_id=o, county_id=f) for o, f in links)
    return len(agencies)
