"""What curators decided, kept as CSV files in the repository and applied by code, and the
places the identity rules check a corrected state against.

- `data/aliases.csv`: a spelling the rules cannot tie to its agency (state, spelling, agency_id,
  reason).
- `data/holders.csv`: two rows of one state that the rules cannot judge (state, model, signed,
  old, new, verdict, reason). Verdict `same`: the agreement listed under `old` goes on under
  `new` (another agency ICE already knew) when the one leaves the list as the other arrives with
  the same model and signing date. Verdict `different`: the two names are two holders, and no
  rule ties them (model and signed empty).

Every line needs a reason; the loader refuses a line without one, naming the file and line.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path

from deputized.history.engine import Reviewed
from deputized.history.names import county_key, name_key

DATA = Path(__file__).resolve().parent / "data"
_VERDICTS = ("same", "different")


def load_aliases(path: Path = DATA / "aliases.csv") -> dict[tuple[str, str], str]:
    return {
        (line["state"].strip().upper(), name_key(line["spelling"])): line["agency_id"].strip()
        for line in _lines(path)
    }


def load_holders(
    path: Path = DATA / "holders.csv",
) -> tuple[dict[tuple[str, str, str, str, str], str], frozenset[tuple[str, str, str]]]:
    same: dict[tuple[str, str, str, str, str], str] = {}
    different: set[tuple[str, str, str]] = set()
    for number, line in enumerate(_lines(path), start=2):
        state, verdict = line["state"].strip().upper(), line["verdict"].strip()
        old, new = name_key(line["old"]), name_key(line["new"])
        if verdict not in _VERDICTS or not (old and new):
            raise ValueError(f"{path.name} line {number}: the verdict is `same` or `different`")
        if verdict == "different":
            different.add((state, *sorted((old, new))))
            continue
        model, signed = line["model"].strip().upper(), line["signed"].strip()
        try:
            dt.date.fromisoformat(signed)
        except ValueError:
            raise ValueError(f"{path.name} line {number}: `same` needs a signing date") from None
        same[(state, model, signed, old, new)] = line["reason"].strip()
    return same, frozenset(different)


def load_counties() -> frozenset[tuple[str, str]]:
    """(state, county key) for every county in the places data; empty before it is loaded."""
    from deputized.places.models import County  # the places app builds on the history's

    return frozenset(
        (state, county_key(f"{name} County") or name_key(name))
        for state, name in County.objects.values_list("state_id", "name")
    )


def load() -> Reviewed:
    same, different = load_holders()
    return Reviewed(
        aliases=load_aliases(),
        same_agreement=same,
        different=different,
        counties=load_counties(),
    )


def digest(reviewed: Reviewed) -> str:
    """Changes whenever a reviewed file or the places' counties change, so the history is
    rebuilt with them."""
    sha = hashlib.sha256()
    for path in sorted(DATA.glob("*.csv")):
        sha.update(path.read_bytes())
    for state, county in sorted(reviewed.counties):
        sha.update(f"{state}:{county};".encode())
    return sha.hexdigest()[:16]


def _lines(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        lines = list(csv.DictReader(handle))
    for number, line in enumerate(lines, start=2):
        if not (line.get("reason") or "").strip():
            raise ValueError(f"{path.name} line {number}: every line needs a reason")
    return lines
