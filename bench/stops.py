"""`make bench`, traffic stops (issue 18). Run alone with `python -m bench.stops [N]`:

24. a generated SBI extract of N stops (default 20,000,000) over 25 years and 300 agencies, with
    the §1 quirks, loaded (`load_stops`) and every measure computed (agency × year × group).
    Target: <= 3 minutes and <= 4 GB peak memory (the resident set, `ru_maxrss`);
25. the threshold test on Stanford's 2017 NC inputs (all districts × 3 races, 2 chains of
    500 + 500): time, R-hat, ESS, per-race averages. Target: <= 5 minutes.
"""

from __future__ import annotations

import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
THRESHOLD_INPUT = (
    PROJECT_ROOT.parent
    / "shared"
    / "data"
    / "stops"
    / "stanford_2017"
    / "nc_fig4b_threshold_test.csv"
)


def generate(n: int, folder: Path) -> Path:
    """Write an extract of n stops straight to a zip (streamed, constant memory)."""
    rng = random.Random(18)
    agencies = [f"Agency {i} Police Department" for i in range(299)] + ["Peña Sheriff's Office"]
    folder.mkdir(parents=True, exist_ok=True)
    stop_path, person_path, search_path = (
        folder / n_ for n_ in ("Stop.txt", "PERSON.txt", "Search.txt")
    )
    with (
        stop_path.open("wb") as stop,
        person_path.open("wb") as person,
        search_path.open("wb") as search,
    ):
        searches = 0
        for i in range(1, n + 1):
            year = 2000 + i * 25 // (n + 1)
            month, day = 1 + i % 12, 1 + i % 28
            hour = 0 if i % 2 else 8 + i % 12
            agency = agencies[rng.randrange(300)]
            line = (
                f"{i}\t{agency}\t{year}-{month:02d}-{day:02d} {hour:02d}:00:00.000\t{1 + i % 10}\t"
                f"{1 + i % 5}\t0\t0\t0\t0\t0\t0\t0\tOFF{i % 50}\tCOUNTY\tCity"
                + ("\t\t" if i % 7 == 0 else "")
                + "\r\n"
            )
            stop.write(line.encode("cp1252"))
            eth = "H" if i % 10 == 0 else "N"
            race = "WBWAUWBWIW"[i % 10]
            person.write(f"{i}\t{i}\tD\t30\tM\t{eth}\t{race}\r\n".encode())
            if i % 33 == 0:
                searches += 1
                search.write(f"{searches}\t{i}\t{i}\t{1 + i % 5}\t1\t1\t0\t0\t0\t0\t0\r\n".encode())
    return folder


def run_load(n: int) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deputized.settings")
    django.setup()
    from deputized.stops.analysis.measures import counts, measures
    from deputized.stops.ingest import load

    with tempfile.TemporaryDirectory() as tmp:
        folder = generate(n, Path(tmp) / "extract")
        started = time.perf_counter()
        result = load.run(folder, target=Path(tmp) / "stops")
        loaded = time.perf_counter() - started
        rows = measures(counts(result.target))
        total = time.perf_counter() - started
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    return {
        "stops": n,
        "load_s": round(loaded, 1),
        "load_and_measures_s": round(total, 1),
        "measure_rows": len(rows),
        "peak_gb": round(peak_gb, 2),
    }


def run_threshold() -> dict:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "deputized.cli", "stops", "threshold-test", str(THRESHOLD_INPUT)],
        capture_output=True,
        text=True,
        check=True,
        cwd=PROJECT_ROOT,
    )
    elapsed = time.perf_counter() - started
    diagnostics = json.loads(done.stderr.strip().splitlines()[-1])
    return {"seconds": round(elapsed, 1), "lines": len(done.stdout.splitlines()), **diagnostics}


def run(n: int = 20_000_000) -> None:
    print(f"stops bench on {platform.node()} ({os.cpu_count()} cores), {time.strftime('%Y-%m-%d')}")
    figures = run_load(n)
    print(f"24. load + measures of {n:,} stops: {figures}; target <= 180 s, <= 4 GB")
    print(f"25. threshold test: {run_threshold()}; target <= 300 s")


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000_000)
