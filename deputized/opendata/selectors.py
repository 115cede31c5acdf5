"""Reads of the open-data layer: what the last build wrote."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deputized.opendata.build import DATASETS, FORMATS, MANIFEST, downloads_dir, manifest_read


@dataclass(frozen=True, slots=True)
class Listing:
    manifest: dict[str, Any] | None
    # dataset -> format -> file entry (name, records, bytes, sha256)
    datasets: dict[str, dict[str, dict[str, Any]]]
    geojson: dict[str, Any] | None
    dictionary: dict[str, Any] | None


def downloads_listing() -> Listing:
    manifest = manifest_read()
    datasets: dict[str, dict[str, dict[str, Any]]] = {d: {} for d in DATASETS}
    geojson = dictionary = None
    for entry in (manifest or {}).get("files", []):
        if entry["format"] == "geojson":
            geojson = entry
        elif entry["dataset"] == "dictionary":
            dictionary = entry
        elif entry["dataset"] in datasets and entry["format"] in FORMATS:
            datasets[entry["dataset"]][entry["format"]] = entry
    return Listing(manifest, {d: f for d, f in datasets.items() if f}, geojson, dictionary)


def download_path(name: str) -> Path | None:
    """The path of a file the last manifest lists (nothing else in the folder is served)."""
    manifest = manifest_read()
    if manifest is None:
        return None
    names = {MANIFEST, *(entry["name"] for entry in manifest.get("files", []))}
    if name not in names:
        return None
    path = downloads_dir() / name
    return path if path.is_file() else None
