"""Writes of the stops analyses: `stops_analysis_write` (the command `deputized stops analyze`)."""

from __future__ import annotations

import json
import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

from deputized.stops import selectors
from deputized.stops.analysis import effects, threshold
from deputized.stops.ingest.load import stops_dir

EFFECTS_FILE = "effects.json"
THRESHOLDS_FILE = "thresholds.json"


def _write_atomic(path: Path, payload: dict) -> None:
    """Temp file in the same folder, flushed to disk, then one rename: readers see the old file
    or the new one, whole. Readable by the site's user, as the load's other files are."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, indent=1, default=str)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _previous_thresholds(path: Path, load_stamp: int, years: int, min_searches: int) -> dict:
    """The thresholds already written for this load with the same rules, which a run for some
    agencies (`--agency`) adds to; {} when there are none."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    same = (found.get("load_stamp"), found.get("window"), found.get("minimum_searches"))
    return found if same == (load_stamp, years, min_searches) else {}


def stops_analysis_write(
    *,
    folder: Path | None = None,
    thresholds: bool = False,
    years: int = threshold.AGENCY_YEARS,
    min_searches: int = threshold.MIN_SEARCHES,
    warmup: int = 500,
    samples: int = 500,
    chains: int = 2,
    seed: int = 0,
    agencies: list[str] | None = None,
) -> dict:
    """Compute the 287(g) before/after estimates (seconds) and, when asked, the per-agency
    threshold test (minutes for hundreds of agencies), then write `effects.json` (and
    `thresholds.json`) into the stops folder. Everything is computed before anything is written,
    and each file replaces the old one in one rename: a failure leaves the previous files."""
    folder = Path(folder) if folder else stops_dir()
    if not (folder / "stops.parquet").exists():
        raise FileNotFoundError(f"no stops loaded in {folder} (run load_stops first)")
    started = time.monotonic()
    generated = datetime.now(UTC).isoformat(timespec="seconds")
    result = effects.effects(
        folder,
        selectors.stops_agreement_list(),
        reference_dir=Path(settings.REFERENCE_DATA_DIR),
    )
    result["generated"] = generated
    # The load these results belong to: pages ignore them beside another load.
    load_stamp = (folder / "stops.parquet").stat().st_mtime_ns
    summary = {
        "agencies": len(result["agencies"]),
        "estimated": sum(1 for a in result["agencies"].values() if "outcomes" in a),
        "effects_seconds": round(time.monotonic() - started, 2),
    }
    payload = None
    if thresholds:
        started = time.monotonic()
        cells, covered = threshold.agency_cells(
            folder, years=years, min_searches=min_searches, agencies=agencies
        )
        by_agency: dict[str, list[dict]] = {}
        diagnostics = None
        if cells:
            fit = threshold.fit(cells, warmup=warmup, samples=samples, chains=chains, seed=seed)
            for row in threshold.results(fit):
                by_agency.setdefault(row.pop("location"), []).append(row)
            diagnostics = {
                "rhat_max": fit.rhat_max,
                "ess_min": fit.ess_min,
                "divergences": fit.divergences,
            }
        # A run for some agencies (`--agency`) adds to the file, never drops the others.
        previous = (
            _previous_thresholds(folder / THRESHOLDS_FILE, load_stamp, years, min_searches)
            if agencies
            else {}
        )
        fits = dict(previous.get("diagnostics_by_agency", {}))
        fits.update(dict.fromkeys(by_agency, diagnostics))
        payload = {
            "generated": generated,
            "load_stamp": load_stamp,
            "window": years,
            "years": [covered[0], covered[-1]] if covered else previous.get("years"),
            "minimum_searches": min_searches,
            "sampler": {"warmup": warmup, "samples": samples, "chains": chains, "seed": seed},
            "diagnostics": diagnostics,
            "diagnostics_by_agency": fits,
            "agencies": {**previous.get("agencies", {}), **by_agency},
        }
        summary["threshold_agencies"] = len(by_agency)
        summary["threshold_seconds"] = round(time.monotonic() - started, 2)
    _write_atomic(folder / EFFECTS_FILE, result)
    if payload is not None:
        _write_atomic(folder / THRESHOLDS_FILE, payload)
    return summary
