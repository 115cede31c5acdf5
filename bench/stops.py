"""`make bench`, traffic stops (issue 18). Run alone with `python -m bench.stops [N] [--folder
FOLDER] [--only 24|25|26]` (FOLDER: where step 26 builds, or reuses, its database; a new
temporary folder by default):

24. a generated SBI extract of N stops (default 20,000,000) over 25 years and 300 agencies, with
    the §1 quirks, loaded (`load_stops`) and every measure computed (agency × year × group).
    Target: <= 3 minutes and <= 4 GB peak memory (the resident set, `ru_maxrss`);
25. the threshold test on Stanford's 2017 NC inputs (all districts × 3 races, 2 chains of
    500 + 500): time, R-hat, ESS, per-race averages. Target: <= 5 minutes. The saved file has
    the 55 patrol districts, not the 100 counties the target names, so 25b times 100 locations
    made from them (each district's rows reused under a new name, counts scaled by 0.6 to 1.4);
26. an agency page with its stops section: a generated extract of 2,000,000 stops over 300
    agencies, one of them the Duplin sheriff, loaded; the database with the full history and
    the places loaded (`bench/pages.py`); the server time of the Duplin sheriff's page with
    Django's test client, the first request after the load (one agency's measures read),
    then 20 to warm up and 300 timed, the page cache emptied before each; p50, p95 and max
    (and, for comparison, the same page with no stops loaded). Target: p95 <= 50 ms.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
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


AGENCIES = [f"Agency {i} Police Department" for i in range(299)] + ["Peña Sheriff's Office"]
# Step 26: an agency of the history whose page shows the stops section.
PAGE_AGENCY = "Duplin County Sheriff's Office"
AGENCY_PAGE = "/en/agencies/nc-duplin-county-sheriffs-office/"
PAGE_STOPS = 2_000_000


def generate(n: int, folder: Path, agencies: Sequence[str] = AGENCIES) -> Path:
    """Write an extract of n stops straight to a zip (streamed, constant memory), spread at
    random over `agencies`."""
    rng = random.Random(18)
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
            agency = agencies[rng.randrange(len(agencies))]
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


def setup(workdir: Path) -> None:
    """Django, with VAR_DIR in `workdir` (never the developer's var/) unless `make bench`, which
    calls this module last, has set it up already."""
    from django.conf import settings

    if settings.configured:
        return
    import django

    os.environ["VAR_DIR"] = str(workdir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deputized.settings")
    django.setup()


def run_load(n: int) -> dict:
    """Step 24: the load computes every measure too (`measures.parquet`)."""
    from deputized.stops.ingest import load

    with tempfile.TemporaryDirectory() as tmp:
        folder = generate(n, Path(tmp) / "extract")
        started = time.perf_counter()
        result = load.run(folder, target=Path(tmp) / "stops")
        seconds = time.perf_counter() - started
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    return {
        "stops": result.counts["stops"],
        "load_and_measures_s": round(seconds, 1),
        "measure_rows": result.counts["measures"],
        "peak_gb": round(peak_gb, 2),
    }


def hundred_locations(folder: Path, locations: int = 100) -> Path:
    """Step 25b's input: the districts' rows reused under `locations` names, counts scaled."""
    with THRESHOLD_INPUT.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    districts = sorted({row["location_variable"] for row in rows})
    rng = random.Random(25)
    path = folder / "hundred_locations.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["location_variable", "driver_race", "num_stops", "num_searches", "num_hits"]
        )
        for i in range(locations):
            district = districts[i % len(districts)]
            scale = rng.uniform(0.6, 1.4)
            for row in rows:
                if row["location_variable"] == district:
                    searches = max(1, round(int(row["num_searches"]) * scale))
                    writer.writerow(
                        [
                            f"L{i:03d}",
                            row["driver_race"],
                            max(searches, round(int(row["num_stops"]) * scale)),
                            searches,
                            min(searches, round(int(row["num_hits"]) * scale)),
                        ]
                    )
    return path


def run_threshold(source: Path = THRESHOLD_INPUT) -> dict:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "deputized.cli", "stops", "threshold-test", str(source)],
        capture_output=True,
        text=True,
        check=True,
        cwd=PROJECT_ROOT,
    )
    elapsed = time.perf_counter() - started
    diagnostics = json.loads(done.stderr.strip().splitlines()[-1])
    return {"seconds": round(elapsed, 1), "lines": len(done.stdout.splitlines()), **diagnostics}


def run_agency_page(n: int, workdir: Path) -> dict:
    """Step 26 (module docstring); True in "met" when p95 <= 50 ms."""
    from django.core.cache import cache
    from django.test import Client, override_settings
    from django.urls import get_resolver

    from bench.pages import (
        P95_TARGET_MS,
        full_database,
        load_places,
        percentile,
        server_times,
    )
    from deputized.stops.ingest import load

    full_database(workdir)
    load_places()
    agencies = [PAGE_AGENCY, *AGENCIES[1:]]
    extract = generate(n, workdir / "stops-extract", agencies)
    started = time.perf_counter()
    target = workdir / "stops-page"
    load.run(extract, target=target)
    loaded = time.perf_counter() - started
    shutil.rmtree(extract)  # the loaded Parquet is what the page reads
    with override_settings(STOPS_DIR=target, DEBUG=False):  # no query log, as in production
        client = Client(HTTP_HOST="127.0.0.1")
        _views = get_resolver().url_patterns  # imported at start, as deputized/wsgi.py does
        cache.clear()
        started = time.perf_counter()
        page = client.get(AGENCY_PAGE)
        first = time.perf_counter() - started
        assert page.status_code == 200, page.status_code
        assert b'id="stops-title"' in page.content, "the page shows no stops section"
        times = server_times(client, AGENCY_PAGE, cold=True)
    with override_settings(STOPS_DIR=workdir / "no-stops", DEBUG=False):
        # The same page without the section (nothing loaded): what the section adds.
        cache.clear()
        assert b'id="stops-title"' not in client.get(AGENCY_PAGE).content
        without = server_times(client, AGENCY_PAGE, cold=True)
    p50, p95, top = (1000 * percentile(times, share) for share in (0.5, 0.95, 1.0))
    return {
        "without_p50_ms": round(1000 * percentile(without, 0.5), 1),
        "without_p95_ms": round(1000 * percentile(without, 0.95), 1),
        "load_s": round(loaded, 1),
        "first_ms": round(1000 * first, 1),
        "p50_ms": round(p50, 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(top, 1),
        "met": p95 <= P95_TARGET_MS,
    }


def run(
    n: int = 20_000_000,
    *,
    workdir: Path | None = None,
    only: int | None = None,
    page_stops: int = PAGE_STOPS,
) -> None:
    """Steps 24 to 26 (or `only` one of them); `workdir`: where step 26's database is."""
    workdir = workdir or Path(tempfile.mkdtemp(prefix="deputized-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    setup(workdir)
    print(f"stops bench on {platform.node()} ({os.cpu_count()} cores), {time.strftime('%Y-%m-%d')}")
    if only in (None, 24):
        figures = run_load(n)
        print(f"24. load + measures of {n:,} stops: {figures}; target <= 180 s, <= 4 GB")
    if only in (None, 25):
        print(f"25. threshold test: {run_threshold()}; target <= 300 s")
        with tempfile.TemporaryDirectory() as tmp:
            figures = run_threshold(hundred_locations(Path(tmp)))
        print(f"25b. threshold test, 100 locations: {figures}; target <= 300 s")
    if only in (None, 26):
        page = run_agency_page(page_stops, workdir)
        print(
            f"26. agency page {AGENCY_PAGE} with {page_stops:,} stops loaded "
            f"(in {page['load_s']} s): first request {page['first_ms']} ms, "
            f"then rendered p50 {page['p50_ms']} ms  p95 {page['p95_ms']} ms  "
            f"max {page['max_ms']} ms; target p95 <= 50 ms"
        )
        print(
            f"    the same page without stops loaded: p50 {page['without_p50_ms']} ms  "
            f"p95 {page['without_p95_ms']} ms"
        )
        if not page["met"]:
            print("a stops target was missed (see above)")


def main() -> None:
    """`python -m bench.stops [N] [--folder FOLDER] [--only 24|25|26] [--page-stops M]`."""
    parser = argparse.ArgumentParser(prog="python -m bench.stops")
    parser.add_argument("n", nargs="?", type=int, default=20_000_000, help="stops of step 24")
    parser.add_argument("--folder", type=Path, help="step 26's database: built, or reused")
    parser.add_argument("--only", type=int, choices=(24, 25, 26))
    parser.add_argument("--page-stops", type=int, default=PAGE_STOPS, help="stops of step 26")
    args = parser.parse_args()
    run(args.n, workdir=args.folder, only=args.only, page_stops=args.page_stops)


if __name__ == "__main__":
    main()
