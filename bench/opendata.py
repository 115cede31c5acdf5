"""`make bench`, open data: the agreements list of the API under load, and rebuilding the downloads.

Runs on a SQLite database that holds the full history (`bench/__main__.py` builds it; run alone,
`python -m bench.opendata [FOLDER]` builds one in FOLDER, or reuses the one already there):
9. places loaded when the database has none (as `make run` does);
10. the time to rebuild every download (CSV, JSON, Parquet of five data sets, NC's GeoJSON) from
    the database, into FOLDER/downloads. Target: < 10 s;
11. server time of the agreements list with Django's test client, in process, DEBUG off: rendered
    (the cache emptied before each request) and served from the API's response cache;
12. gunicorn (2 workers) serves the site and, from the same process, a static file with the exact
    bytes of the agreements list (whitenoise); `wrk -t2 -c16 -d10s` on loopback against each,
    throughput and p95 latency. The static file is the baseline (1.00x). The rate limit is raised
    out of the way (its check still runs on every request).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from bench.pages import (
    SITE_DATABASE,
    _timed,
    copy_database,
    fetch,
    gunicorn,
    load_places,
    percentile,
    server_times,
    standalone,
    wrk,
)

LIST = "/api/v1/agreements"
TIMED = {
    "agreements, first page of 100": LIST,
    "NC agreements as of 2026-04-30": f"{LIST}?state=NC&as_of=2026-04-30",
}
WARM_UP, REQUESTS = 10, 200
BUILD_TARGET_SECONDS = 10.0
WRK_SECONDS = 10
BENCH_RATE_LIMIT = "100000000/s"


def served(static_root: str) -> object:
    """gunicorn's entry point: the site with a static folder (bench/static_wsgi.py), the API's
    rate limit raised so that wrk's single address is not refused."""
    from bench.static_wsgi import with_static

    application = with_static(static_root)
    from django.conf import settings

    settings.API_RATE_LIMIT = BENCH_RATE_LIMIT
    return application


def run(workdir: Path) -> bool:
    """Steps 9 to 12 on the database the default connection holds; True when targets are met."""
    from django.conf import settings
    from django.db import connections
    from django.test import Client

    from deputized.opendata.build import downloads_build
    from deputized.places.models import County

    if not shutil.which("wrk"):
        sys.exit("wrk is missing: `make bench` installs it (apt-get install wrk)")
    if not County.objects.exists():
        seconds, places = _timed(load_places)
        print(f"9. places loaded in {seconds:.2f} s: {places}")
    else:
        print("9. places already loaded")

    report = downloads_build(folder=workdir / "downloads")
    total = sum(f["bytes"] for f in report.files)
    rows = next(f["records"] for f in report.files if f["name"] == "rows.csv")
    met = report.seconds < BUILD_TARGET_SECONDS
    print(
        f"10. downloads rebuilt: {len(report.files)} files, {total / 1e6:.1f} MB "
        f"({rows:,} rows of ICE's lists) in {report.seconds:.2f} s  "
        f"target < {BUILD_TARGET_SECONDS:.0f} s"
    )

    connection = connections["default"]
    site = workdir / "opendata-site"
    connection.close()
    copy_database(Path(connection.settings_dict["NAME"]), site)
    connection.settings_dict["NAME"] = site / SITE_DATABASE
    settings.DEBUG = False
    settings.API_RATE_LIMIT = BENCH_RATE_LIMIT
    client = Client(HTTP_HOST="127.0.0.1")
    for label, url in TIMED.items():
        for cold in (True, False):
            times = server_times(client, url, cold=cold, warm_up=WARM_UP, requests=REQUESTS)
            p50, p95, top = (1000 * percentile(times, share) for share in (0.5, 0.95, 1.0))
            how = "rendered" if cold else "cached"
            print(
                f"11. server time, {label + ', ' + how:<44} p50 {p50:6.1f} ms  "
                f"p95 {p95:6.1f} ms  max {top:6.1f} ms"
            )

    body = client.get(LIST).content
    static_root = Path(tempfile.mkdtemp(prefix="static-", dir=workdir))
    (static_root / "agreements.json").write_bytes(body)
    (site / "static").mkdir(exist_ok=True)
    with gunicorn(site, static_root, app="bench.opendata:served", ready=LIST) as base:
        api, static = f"{base}{LIST}", f"{base}/bench-static/agreements.json"
        served_bytes = fetch(api)
        if abs(len(served_bytes) - len(body)) > len(body) // 100:
            sizes = f"{len(served_bytes):,} bytes, the file {len(body):,}"
            print(f"    note: the API's answer is {sizes}")
        for url in (api, static):
            wrk(url, 2)
        baseline = wrk(static, WRK_SECONDS)
        measured = wrk(api, WRK_SECONDS)
    ratio = measured["rps"] / baseline["rps"]
    print(
        f"12. wrk -t2 -c16 -d{WRK_SECONDS}s on loopback, gunicorn -w 2, "
        f"{len(body):,} bytes a response"
    )
    for label, result, share, note in (
        ("static file, same bytes (whitenoise)", baseline, 1.0, "baseline"),
        (f"agreements list {LIST}", measured, ratio, ""),
    ):
        errors = f" ({result['non_2xx']} non-2xx)" if result["non_2xx"] else ""
        print(
            f"    {label:<40} {result['rps']:8.1f} req/s  {share:5.2f}x  "
            f"p50 {result['p50']}  p95 {result['p95_ms']:.2f}ms  p99 {result['p99']}  "
            f"{note}{errors}".rstrip()
        )
    return met and not measured["non_2xx"]


def main() -> None:
    """`python -m bench.opendata [FOLDER]`: build (or reuse) a full database in FOLDER, then run."""
    standalone(run, "an open-data target was missed (see above)")


if __name__ == "__main__":
    main()
