"""Stage 1: turn the paths a user gave into the files to read, in a stable order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Discovered:
    files: list[Path]
    missing: list[Path]


def discover(paths: list[Path]) -> Discovered:
    """Files are taken as given (even if not .xlsx, so a wrong file gets a clear refusal); folders
    are searched recursively for .xlsx files. The order is sorted by path, which for an archive of
    ICE's files is the order they were first seen; it also makes every run deterministic.
    """
    files: list[Path] = []
    missing: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() == ".xlsx" and not p.name.startswith("~$")
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            missing.append(path)
    seen: set[Path] = set()
    unique = [f for f in files if not (f.resolve() in seen or seen.add(f.resolve()))]
    return Discovered(files=unique, missing=missing)
