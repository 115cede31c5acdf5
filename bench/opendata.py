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

import contextlib
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
from collections.abc import Iterator
from pathlib import Path

from bench.pages import (
    PROJECT_ROOT,
    SITE_DATABASE,
    _timed,
    copy_database,
    fetch,
    free_port,
    load_places,
    percentile,
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
P95_SCRIPT = """done = function(summary, latency, requests)
  io.write(string.format("p95_us %d\\n", latency:percentile(95)))
end
"""


def served(static_root: str) -> object:
    """gunicorn's entry point: the site with a static folder (bench/static_wsgi.py), the API's
    rate limit raised so that wrk's single address is not refused."""
    from bench.static_wsgi import with_static

    application = with_static(static_root)
    from django.conf import settings

    settings.API_RATE_LIMIT = BENCH_RATE_LIMIT
    return application


@contextlib.contextmanager
def gunicorn(var_dir: Path, static_root: Path) -> Iterator[str]:
    """gunicorn -w 2 on loopback (DEBUG off, the bench's database); always stopped."""
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_hex(32),
        "ALLOWED_HOSTS": "127.0.0.1",
        "VAR_DIR": str(var_dir),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "deputized.settings",
    }
    env.pop("DATABASE_URL", None)
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        f"bench.opendata:served({str(static_root)!r})",
        "--workers=2",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
    ]
    log = var_dir / "gunicorn.log"
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=output, stderr=output)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn stopped: {log.read_text()[-2000:]}")
            try:
                fetch(f"{base}{LIST}", timeout=5)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not answer within 60 s") from None
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def wrk(url: str, seconds: int, script: Path, connections: int = 16) -> dict[str, object]:
    """Requests per second and latency p50 / p95 / p99 of `wrk -t2 -c16` on one URL."""
    result = subprocess.run(
        [
            "wrk",
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    )
    out = result.stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if not rate:
        raise RuntimeError(f"no Requests/sec in wrk's output:\n{out}")
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    p95 = re.search(r"p95_us (\d+)", out)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    return {
        "rps": float(rate.group(1)),
        "non_2xx": int(bad.group(1)) if bad else 0,
        "p95_ms": int(p95.group(1)) / 1000 if p95 else float("nan"),
        "p50": p50.group(1) if p50 else "?",
        "p99": p99.group(1) if p99 else "?",
    }


def server_times(client: object, url: str, *, cold: bool) -> list[float]:
    from django.core.cache import cache

    for _ in range(WARM_UP):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(REQUESTS):
        if cold:
            cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return times


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
            times = server_times(client, url, cold=cold)
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
    script = workdir / "p95.lua"
    script.write_text(P95_SCRIPT)
    with gunicorn(site, static_root) as base:
        api, static = f"{base}{LIST}", f"{base}/bench-static/agreements.json"
        served_bytes = fetch(api)
        if abs(len(served_bytes) - len(body)) > len(body) // 100:
            sizes = f"{len(served_bytes):,} bytes, the file {len(body):,}"
            print(f"    note: the API's answer is {sizes}")
        for url in (api, static):
            wrk(url, 2, script)
        baseline = wrk(static, WRK_SECONDS, script)
        measured = wrk(api, WRK_SECONDS, script)
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
    given = sys.argv[1] if len(sys.argv) > 1 else None
    workdir = Path(given or tempfile.mkdtemp(prefix="deputized-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ["VAR_DIR"] = str(workdir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deputized.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    from deputized.archive.ingest.run import run as ingest

    connection = connections["default"]
    connection.close()
    database = workdir / "full.sqlite3"
    built = database.exists()
    connection.settings_dict["NAME"] = database
    if not built:
        call_command("migrate", verbosity=0)
        seconds, _ = _timed(lambda: ingest(paths=[Path(p) for p in settings.ICE_ARCHIVE_DIRS]))
        print(f"built {database} (ingest + history) in {seconds:.1f} s")
    if not run(workdir):
        print("an open-data target was missed (see above)")


if __name__ == "__main__":
    main()
