"""`make bench`, pages: a county page's server time, and its throughput under load on loopback.

Runs on a SQLite database that holds the full history (`bench/__main__.py` builds it; run alone,
`python -m bench.pages [FOLDER]` builds one in FOLDER, or reuses the one already there):
6. places loaded (reference data, then every agency placed) and the officials directory, as
   `make run` does;
7. server time of county pages with Django's test client, in process: 20 requests to warm up,
   then 300 timed; p50, p95 and max. Target from the issues: Duplin's p95 <= 50 ms;
8. gunicorn (2 workers) serves the site and, from the same process, a static file with the county
   page's exact bytes (whitenoise, `bench/static_wsgi.py`); `wrk -t2 -c16 -d10s` on loopback
   against each. The static file is the baseline (1.00x); target: the county page >= 0.5x.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import re
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
COUNTY = "/en/states/nc/counties/duplin/"
TIMED = {
    "Duplin county page (en)": COUNTY,
    "Wake county page (en)": "/en/states/nc/counties/wake/",
    "Duplin county page (es)": "/es/states/nc/counties/duplin/",
}
# Rendered: the page cache is emptied before each timed request; the last line, served cached.
TIMED_CACHED = "Duplin county page (en), cached"
WARM_UP, REQUESTS = 20, 300
P95_TARGET_MS = 50.0
THROUGHPUT_TARGET = 0.5
WRK_SECONDS = 10
SITE_DATABASE = "deputized.sqlite3"  # the name deputized.settings gives SQLite under VAR_DIR


def load_places() -> str:
    from deputized.officials.loader import load_officials
    from deputized.places.reference import load_reference
    from deputized.places.services import places_match

    loaded = load_reference()
    report = places_match()
    load_officials()  # as `make run` does: county pages show who decides
    return (
        f"{loaded.counties:,} counties, {loaded.municipalities:,} NC towns; "
        f"{report.agencies:,} agencies, {report.placed_share:.1%} placed; officials loaded"
    )


def copy_database(source: Path, folder: Path) -> Path:
    """A consistent copy (SQLite's backup API, WAL included) where gunicorn's settings look."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / SITE_DATABASE
    with (
        contextlib.closing(sqlite3.connect(source)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)
    return target


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: the smallest value with at least `share` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def server_times(
    client: object, url: str, *, cold: bool, warm_up: int = WARM_UP, requests: int = REQUESTS
) -> list[float]:
    """Timed requests; `cold` empties the cache before each, so every answer is rendered."""
    from django.core.cache import cache

    for _ in range(warm_up):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(requests):
        if cold:
            cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return times


def queries_of(client: object, url: str) -> tuple[float, list[tuple[float, str]]]:
    """One request's total time and its queries, each timed to the microsecond (Django's query
    log rounds each one to a millisecond, and these take a fraction of one)."""
    from django.db import connection

    queries: list[tuple[float, str]] = []

    def timer(
        execute: Callable[..., object], sql: str, params: object, many: bool, context: dict
    ) -> object:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((time.perf_counter() - started, sql))

    started = time.perf_counter()
    with connection.execute_wrapper(timer):
        client.get(url)
    return time.perf_counter() - started, queries


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 10) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


@contextlib.contextmanager
def gunicorn(
    var_dir: Path,
    static_root: Path,
    *,
    app: str = "bench.static_wsgi:with_static",
    ready: str = "/en/",
    extra_env: dict[str, str] | None = None,
) -> Iterator[str]:
    """The production server on loopback (DEBUG off, the bench's database), `app` called with
    the static folder; yields its address once `ready` answers, and always stops it.
    `extra_env`: more settings for the site (bench/hardening.py)."""
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_hex(32),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://deputized.example",  # https is required with DEBUG off
        "VAR_DIR": str(var_dir),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "deputized.settings",
        **(extra_env or {}),
    }
    env.pop("DATABASE_URL", None)
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        f"{app}({str(static_root)!r})",
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
                fetch(f"{base}{ready}", timeout=5)
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


# wrk prints p50 to p99 but not p95: a Lua hook reads it from wrk's latency histogram.
P95_SCRIPT = """done = function(summary, latency, requests)
  io.write(string.format("p95_us %d\\n", latency:percentile(95)))
end
"""


@functools.cache
def _p95_script() -> Path:
    path = Path(tempfile.mkdtemp(prefix="wrk-")) / "p95.lua"
    path.write_text(P95_SCRIPT)
    return path


def wrk(url: str, seconds: int, connections: int = 16) -> dict[str, object]:
    """Requests per second and latency (p50, p95, p99) of `wrk -t2 -c16` on one URL."""
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    result = subprocess.run(
        [*command, "-s", str(_p95_script()), url],
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
    errors = re.search(r"Socket errors:.*", out)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p95 = re.search(r"p95_us (\d+)", out)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    return {
        "rps": float(rate.group(1)),
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(0) if errors else "",
        "p50": p50.group(1) if p50 else "?",
        "p95_ms": int(p95.group(1)) / 1000 if p95 else float("nan"),
        "p99": p99.group(1) if p99 else "?",
    }


def run(workdir: Path) -> bool:
    """Steps 6 to 8 on the database the default connection holds; True when targets are met."""
    from django.conf import settings
    from django.db import connections
    from django.test import Client

    if not shutil.which("wrk"):
        sys.exit("wrk is missing: `make bench` installs it (apt-get install wrk)")
    connection = connections["default"]
    loaded, places = _timed(load_places)
    site = workdir / "site"
    connection.close()
    source = Path(connection.settings_dict["NAME"])
    copy_database(source, site)
    connection.settings_dict["NAME"] = site / SITE_DATABASE

    settings.DEBUG = False  # no query log on the timed requests (as in production)
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"6. places loaded in {loaded:.2f} s: {places}")
    met, duplin_p95 = True, 0.0
    runs = [(label, url, True) for label, url in TIMED.items()]
    runs.append((TIMED_CACHED, COUNTY, False))
    for label, url, cold in runs:
        times = server_times(client, url, cold=cold)
        p50, p95, top = (1000 * percentile(times, share) for share in (0.5, 0.95, 1.0))
        target = f"target p95 <= {P95_TARGET_MS:.0f} ms" if url == COUNTY and cold else ""
        print(
            f"7. server time, {label:<34} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
            f"max {top:6.1f} ms  {target}".rstrip()
        )
        if url == COUNTY and cold:
            met &= p95 <= P95_TARGET_MS
            duplin_p95 = p95
    from django.core.cache import cache

    cache.clear()  # the query profile of a rendered page, not of a cached one
    total, queries = queries_of(client, COUNTY)
    sql = sum(seconds for seconds, _ in queries)
    print(
        f"   {COUNTY}: {len(queries)} queries, {1000 * sql:.1f} ms executing SQL "
        f"of {1000 * total:.1f} ms (the rest: building queries and objects, the templates)"
    )
    if duplin_p95 > P95_TARGET_MS:
        for seconds, text in sorted(queries, reverse=True)[:5]:
            print(f"   {1000 * seconds:7.2f} ms  {text[:160]}")

    page = client.get(COUNTY).content
    static_root = Path(tempfile.mkdtemp(prefix="static-", dir=workdir))
    (static_root / "county.html").write_bytes(page)
    (site / "static").mkdir(exist_ok=True)  # STATIC_ROOT: whitenoise warns when it is missing
    with gunicorn(site, static_root) as base:
        county, static = f"{base}{COUNTY}", f"{base}/bench-static/county.html"
        served = fetch(county)
        if abs(len(served) - len(page)) > len(page) // 100:
            print(f"   note: gunicorn's page is {len(served):,} bytes, the file {len(page):,}")
        for url in (county, static):  # warm both workers up
            wrk(url, 2)
        baseline = wrk(static, WRK_SECONDS)
        measured = wrk(county, WRK_SECONDS)
        alone = wrk(county, 5, connections=1)
    ratio = measured["rps"] / baseline["rps"]
    print(
        f"8. wrk -t2 -c16 -d{WRK_SECONDS}s on loopback, gunicorn -w 2, "
        f"{len(page):,} bytes a response"
    )
    for label, result, share, target in (
        ("static file, same bytes (whitenoise)", baseline, 1.0, "baseline"),
        (f"county page {COUNTY}", measured, ratio, f"target >= {THROUGHPUT_TARGET}x"),
    ):
        note = ""
        if result["non_2xx"] or result["socket_errors"]:
            note = f" ({result['non_2xx']} non-2xx; {result['socket_errors']})"
        print(
            f"   {label:<41} {result['rps']:8.1f} req/s  {share:6.2f}x  "
            f"(latency p50 {result['p50']}, p95 {result['p95_ms']:.2f}ms, p99 {result['p99']})  "
            f"{target}{note}"
        )
    print(
        f"   county page, one connection at a time: {alone['rps']:.1f} req/s, "
        f"latency p50 {alone['p50']}, p99 {alone['p99']}"
    )
    met &= ratio >= THROUGHPUT_TARGET and not measured["non_2xx"]
    return met


def _timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def standalone(run: Callable[[Path], bool], missed: str) -> None:
    """`python -m bench.X [FOLDER]`: build (or reuse) a full database in FOLDER, then `run`."""
    given = sys.argv[1] if len(sys.argv) > 1 else None
    workdir = Path(given or tempfile.mkdtemp(prefix="deputized-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ["VAR_DIR"] = str(workdir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deputized.settings")
    import django

    django.setup()
    full_database(workdir)
    if not run(workdir):
        print(missed)


def full_database(workdir: Path) -> Path:
    """Point the default connection at `workdir`'s database with the full history
    (`full.sqlite3`), built (migrated, every ICE file ingested) unless it is there already."""
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
    return database


def main() -> None:
    """`python -m bench.pages [FOLDER]`."""
    standalone(run, "a page target was missed (see above)")


if __name__ == "__main__":
    main()
