"""Residents by Hispanic origin, from the census files of the reference data (traffic-stops.md
§8.3), for the stops section's "compared with residents" line and the comparison agencies.

The files hold every age: the census counts of residents of driving age by Hispanic origin are not
in the reference data, so the page says so. A sheriff's county includes its towns with their own
police (§8.3 would subtract them): the page says that too.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

# Census year -> (file under the reference data, its GEOID column, its total column), counties
# then places.
CENSUS_FILES: dict[int, tuple[tuple[str, str, str], ...]] = {
    2010: (
        ("nc/nc_county_race_ethnicity_2010.csv", "county_fips", "total"),
        ("stops/census/nc_places_2010_rc_eth.csv", "fips", "total"),
    ),
    2020: (
        ("nc/nc_county_race_ethnicity_2020.csv", "county_fips", "total"),
        ("nc/nc_places_race_ethnicity_2020.csv", "place_geoid", "pop_2020"),
    ),
}


@dataclass(frozen=True)
class Residents:
    census: int
    hispanic: int
    total: int

    @property
    def share(self) -> float:
        return self.hispanic / self.total


def census_for(year: int) -> int:
    """The decennial census nearest a year of stops (2010 up to 2014, then 2020)."""
    return 2010 if year < 2015 else 2020


@functools.cache
def census_counts(reference_dir: str, census: int) -> dict[str, Residents]:
    """Census GEOID (county FIPS or place GEOID) -> its residents; an absent file gives none."""
    out: dict[str, Residents] = {}
    for relative, key, total_column in CENSUS_FILES[census]:
        path = Path(reference_dir) / relative
        if not path.exists():
            continue
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                total = int(row[total_column] or 0)
                if total:
                    out[row[key]] = Residents(census, int(row["eth_hispanic"] or 0), total)
    return out
