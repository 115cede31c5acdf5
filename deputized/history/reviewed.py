"""Reviewed corrections kept as CSV files in the repository and applied by code.

`data/aliases.csv`: a spelling the rules cannot tie to its agency (state, spelling, agency_id,
reason). Every line needs a reason; the loader refuses a line without one.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from deputized.history.names import name_key

DATA = Path(__file__).resolve().parent / "data"


def load_aliases(path: Path = DATA / "aliases.csv") -> dict[tuple[str, str], str]:
    aliases: dict[tuple[str, str], str] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for number, line in enumerate(csv.DictReader(handle), start=2):
            if not (line.get("reason") or "").strip():
                raise ValueError(f"{path.name} line {number}: every alias needs a reason")
            aliases[(line["state"].strip().upper(), name_key(line["spelling"]))] = line[
                "agency_id"
            ].strip()
    return aliases


def digest() -> str:
    """Changes whenever a reviewed file changes, so the history is rebuilt with it."""
    sha = hashlib.sha256()
    for path in sorted(DATA.glob("*.csv")):
        sha.update(path.read_bytes())
    return sha.hexdigest()[:16]
