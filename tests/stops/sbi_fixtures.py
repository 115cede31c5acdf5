"""Generate stop-level data in the SBI extract's layout, with every quirk of traffic-stops.md §1.

`Stop` describes one stop (driver attributes, search, contraband); `write_extract` writes the
five tab-separated files (cp1252, CRLF, no header) and, with `quirks=True`, pads fields, puts NUL
bytes into Stop.txt, adds blank trailing columns to some rows and writes numbers as `.00`.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass
class Stop:
    agency: str
    when: datetime
    purpose: int = 1
    ethnicity: str = "N"
    race: str = "W"
    action: int = 2
    driver_arrest: bool = False
    engage_force: bool = False
    search_type: int | None = None
    contraband: str | None = None  # None, "nonzero" or "zero" (a row with every amount 0)
    search_of_passenger: bool = False
    passengers: int = 0


GROUP_CODES = {
    "Hispanic": ("H", "W"),
    "White": ("N", "W"),
    "Black": ("N", "B"),
    "Asian": ("N", "A"),
    "Native American": ("N", "I"),
    "Other": ("N", "U"),
}


def _flag(value: bool) -> str:
    return "1" if value else "0"


def tables(stops: list[Stop], *, quirks: bool = True) -> dict[str, bytes]:
    out: dict[str, list[str]] = {
        k: [] for k in ("Stop", "PERSON", "Search", "Contraband", "SearchBasis")
    }
    person_id = search_id = contraband_id = basis_id = 0
    for stop_id, s in enumerate(stops, start=1):
        pad = quirks and stop_id % 3 == 0
        when = s.when.strftime("%Y-%m-%d %H:%M:%S.000")
        agency = f"  {s.agency}   " if pad else s.agency
        fields = [
            str(stop_id),
            agency,
            when,
            f"{s.purpose}    " if pad else str(s.purpose),
            str(s.action),
            _flag(s.driver_arrest),
            "0",
            "0",
            _flag(s.engage_force),
            "0",
            "0",
            "0",
            f"OFF{stop_id % 7}",
            "MECK" if stop_id % 2 else "DURH",
            "Peña" if stop_id % 5 == 0 else "City",
        ]
        line = "\t".join(fields)
        if quirks and stop_id % 4 == 0:
            line += "\t\t "  # the key's blank F16/F17
        if quirks and stop_id % 5 == 0:
            line = line.replace("OFF", "OFF\x00", 1)
        out["Stop"].append(line)
        person_id += 1
        driver = person_id
        out["PERSON"].append(
            "\t".join([str(driver), str(stop_id), "D", "34", "M", s.ethnicity, s.race])
        )
        searched_person = driver
        for _ in range(s.passengers):
            person_id += 1
            out["PERSON"].append(
                "\t".join([str(person_id), str(stop_id), "P", "20", "F", "N", "U"])
            )
            if s.search_of_passenger:
                searched_person = person_id
        if s.search_type is not None:
            search_id += 1
            out["Search"].append(
                "\t".join(
                    [
                        str(search_id),
                        str(stop_id),
                        str(searched_person),
                        str(s.search_type),
                        "1",
                        _flag(not s.search_of_passenger),
                        _flag(s.search_of_passenger),
                        "0",
                        "0",
                        "0",
                        "0",
                    ]
                )
            )
            for basis in ("OB", "ER")[: 1 + stop_id % 2]:
                basis_id += 1
                out["SearchBasis"].append(
                    "\t".join(
                        [str(basis_id), str(search_id), str(searched_person), str(stop_id), basis]
                    )
                )
            if s.contraband:
                contraband_id += 1
                grams = "3.00" if s.contraband == "nonzero" else ".00"
                amounts = [".00"] * 5 + [grams] + [".00"] * 3 + ["0" if quirks else ".00"]
                out["Contraband"].append(
                    "\t".join(
                        [
                            str(contraband_id),
                            str(search_id),
                            str(searched_person),
                            str(stop_id),
                            *amounts,
                        ]
                    )
                )
    return {name: ("\r\n".join(lines) + "\r\n").encode("cp1252") for name, lines in out.items()}


def write_extract(
    stops: list[Stop], folder: Path, *, zipped: bool = True, quirks: bool = True
) -> Path:
    data = tables(stops, quirks=quirks)
    folder.mkdir(parents=True, exist_ok=True)
    if not zipped:
        for name, content in data.items():
            (folder / f"{name}.txt").write_bytes(content)
        return folder
    path = folder / "STOPS_Extract.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in data.items():
            archive.writestr(f"{name}.txt", content)
        archive.writestr("QUERY_README.txt", "generated for tests\r\n")
    return path


# The pages' extract (tests/stops/test_pages.py, tests/browser/test_stops_phone.py).
MECK = "Mecklenburg County Sheriff's Office"
DURHAM = "Durham Police Department"


def section_extract() -> list[Stop]:
    """The pages' extract: one agency with a ratio to show, one with too few searches."""
    stops = []
    # Mecklenburg 2019: 400 Hispanic (60 searched), 1000 white (30 searched): a ratio of 5.
    for i in range(400):
        stops.append(
            Stop(
                MECK,
                datetime(2019, 1 + i % 12, 3, 10),
                ethnicity="H",
                search_type=1 if i < 60 else None,
                contraband="nonzero" if i < 5 else None,
            )
        )
    for i in range(1000):
        stops.append(
            Stop(MECK, datetime(2019, 1 + i % 12, 4, 10), search_type=3 if i < 30 else None)
        )
    # Mecklenburg 2018, for the year-by-year table: 100 Hispanic (10 searched), 300 white (3).
    for i in range(400):
        stops.append(
            Stop(
                MECK,
                datetime(2018, 1 + i % 12, 5, 11),
                ethnicity="H" if i < 100 else "N",
                search_type=1 if i < 10 or 100 <= i < 103 else None,
            )
        )
    # Durham 2019: too few searches to compare (3 and 2).
    for i in range(50):
        stops.append(
            Stop(DURHAM, datetime(2019, 5, 1, 9), ethnicity="H", search_type=1 if i < 3 else None)
        )
        stops.append(Stop(DURHAM, datetime(2019, 5, 2, 9), search_type=1 if i < 2 else None))
    return stops
