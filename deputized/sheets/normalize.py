"""Normalizing ICE's cell values: text, states, support types, agency types, dates.

Every function takes the cell as printed and returns the normalized value or None; none of them
raises on bad input, since a bad cell must not lose the rest of the row.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import unicodedata

from deputized.sheets.types import SupportModel

_SPACES = re.compile(r"\s+")
# Curly quotes and other look-alikes ICE's staff paste in, folded to plain ASCII.
_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"'})
# Excel's lookup residue: a failed VLOOKUP prints one of these.
_NULL_TEXTS = {"#N/A", "#NA", "N/A", "#REF!", "#VALUE!", "-", ""}


def clean_text(value: str | None) -> str | None:
    """Strip, collapse every kind of whitespace (including non-breaking) and fold curly quotes."""
    if value is None:
        return None
    if value.isascii() and value.isprintable() and "  " not in value and "`" not in value:
        # Most cells: nothing to normalize, fold or collapse (printable ASCII has no tab, newline
        # or other space but " "), so only the ends need stripping.
        return value.strip() or None
    text = unicodedata.normalize("NFC", value).translate(_FOLD)
    text = _SPACES.sub(" ", text).strip()
    return text or None


def null_if_lookup_residue(value: str | None) -> str | None:
    if value is None or value.upper() in _NULL_TEXTS:
        return None
    return value


STATE_CODES: dict[str, str] = {
    "ALABAMA": "AL",
    "ALASKA": "AK",
    "ARIZONA": "AZ",
    "ARKANSAS": "AR",
    "CALIFORNIA": "CA",
    "COLORADO": "CO",
    "CONNECTICUT": "CT",
    "DELAWARE": "DE",
    "DISTRICT OF COLUMBIA": "DC",
    "FLORIDA": "FL",
    "GEORGIA": "GA",
    "HAWAII": "HI",
    "IDAHO": "ID",
    "ILLINOIS": "IL",
    "INDIANA": "IN",
    "IOWA": "IA",
    "KANSAS": "KS",
    "KENTUCKY": "KY",
    "LOUISIANA": "LA",
    "MAINE": "ME",
    "MARYLAND": "MD",
    "MASSACHUSETTS": "MA",
    "MICHIGAN": "MI",
    "MINNESOTA": "MN",
    "MISSISSIPPI": "MS",
    "MISSOURI": "MO",
    "MONTANA": "MT",
    "NEBRASKA": "NE",
    "NEVADA": "NV",
    "NEW HAMPSHIRE": "NH",
    "NEW JERSEY": "NJ",
    "NEW MEXICO": "NM",
    "NEW YORK": "NY",
    "NORTH CAROLINA": "NC",
    "NORTH DAKOTA": "ND",
    "OHIO": "OH",
    "OKLAHOMA": "OK",
    "OREGON": "OR",
    "PENNSYLVANIA": "PA",
    "RHODE ISLAND": "RI",
    "SOUTH CAROLINA": "SC",
    "SOUTH DAKOTA": "SD",
    "TENNESSEE": "TN",
    "TEXAS": "TX",
    "UTAH": "UT",
    "VERMONT": "VT",
    "VIRGINIA": "VA",
    "WASHINGTON": "WA",
    "WEST VIRGINIA": "WV",
    "WISCONSIN": "WI",
    "WYOMING": "WY",
    "AMERICAN SAMOA": "AS",
    "GUAM": "GU",
    "NORTHERN MARIANA ISLANDS": "MP",
    "PUERTO RICO": "PR",
    "U.S. VIRGIN ISLANDS": "VI",
    "VIRGIN ISLANDS": "VI",
}
_CODES = set(STATE_CODES.values())


# The functions below see the same few dozen values in every row; each is pure, so it is cached.
@functools.lru_cache(maxsize=4096)
def state_code(value: str | None) -> str | None:
    """A state name as ICE typed it (`WEST VIRIGINIA`, `UTAHJ`, `AlABAMA`) -> USPS code.

    Typos are matched to the closest state name; a match must be close (ratio >= 0.8) and clearly
    better than the runner-up, so that `VIRGINIA` never becomes `WEST VIRGINIA` or the reverse.
    """
    text = clean_text(value)
    if text is None:
        return None
    upper = text.upper().replace(".", "") if len(text) <= 3 else text.upper()
    if upper in STATE_CODES:
        return STATE_CODES[upper]
    if upper in _CODES:
        return upper
    scored = sorted(
        ((difflib.SequenceMatcher(None, upper, name).ratio(), name) for name in STATE_CODES),
        reverse=True,
    )
    (best_score, best), (second_score, _) = scored[0], scored[1]
    if best_score >= 0.8 and best_score - second_score >= 0.05:
        return STATE_CODES[best]
    return None


_MODEL_PREFIXES = (
    ("JAIL", SupportModel.JEM),
    ("JEM", SupportModel.JEM),
    ("WARRANT", SupportModel.WSO),
    ("WSO", SupportModel.WSO),
    ("TASK", SupportModel.TFM),
    ("TFM", SupportModel.TFM),
    ("TFO", SupportModel.TFM),
)


@functools.lru_cache(maxsize=4096)
def support_model(value: str | None) -> SupportModel | None:
    """`Jail Enforcment Model`, `Warrant Services Officer`, `Task Force Officer` -> JEM/WSO/TFM."""
    text = clean_text(value)
    if text is None:
        return None
    upper = text.upper()
    for prefix, model in _MODEL_PREFIXES:
        if upper.startswith(prefix):
            return model
    return None


_AGENCY_TYPES = (
    ("COUNTY", "County"),
    ("MUN", "Municipality"),  # Municipality, Municipal, Muncipality
    ("MUC", "Municipality"),
    ("CITY", "Municipality"),
    ("STATE", "State Agency"),
    ("FEDERAL", "Federal Agency"),
    ("TRIBAL", "Tribal Agency"),
)


@functools.lru_cache(maxsize=4096)
def agency_type(value: str | None) -> str | None:
    """ICE's TYPE cell (`County `, `Muncipality `, `State`) -> County, Municipality, State."""
    text = null_if_lookup_residue(clean_text(value))
    if text is None:
        return None
    upper = text.upper()
    for prefix, label in _AGENCY_TYPES:
        if upper.startswith(prefix):
            return label
    return text


def county_name(value: str | None) -> str | None:
    """ICE's COUNTY cell with lookup residue (`#N/A`) as null; spelling is kept as printed."""
    return null_if_lookup_residue(clean_text(value))


_DATE_PATTERNS = (
    # 2025-06-12 (ISO, as in the converted rosters), possibly followed by a time
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[T ])"), ("y", "m", "d")),
    # 06/12/2025, 6/12/25
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$"), ("m", "d", "y")),
    # 05/082025, 7/72025: the second slash was never typed; the year is the last four digits.
    (re.compile(r"^(\d{1,2})/(\d{1,2})(\d{4})$"), ("m", "d", "y")),
    # 06122025
    (re.compile(r"^(\d{2})(\d{2})(\d{4})$"), ("m", "d", "y")),
)


# 287(g) began in 1996. A SIGNED date outside [1996, next year] is a typo (ICE has printed 5025).
_FIRST_SIGNING_YEAR = 1996


def plausible_signing_date(day: dt.date | None) -> dt.date | None:
    if day is None or not _FIRST_SIGNING_YEAR <= day.year <= dt.date.today().year + 1:
        return None
    return day


def parse_date(value: object) -> dt.date | None:
    """A SIGNED cell: a real Excel date, or a date typed as text in one of ICE's ways."""
    if isinstance(value, dt.datetime):
        return plausible_signing_date(value.date())
    if isinstance(value, dt.date):
        return plausible_signing_date(value)
    if not isinstance(value, str):
        return None
    text = clean_text(value)
    if text is None:
        return None
    text = text.strip("'")
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
        year = parts["y"] + 2000 if parts["y"] < 100 else parts["y"]
        try:
            return plausible_signing_date(dt.date(year, parts["m"], parts["d"]))
        except ValueError:
            return None
    return None
