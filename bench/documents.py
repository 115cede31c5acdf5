"""`make bench`, documents: the model documents' generation time, in a fresh SQLite database of
its own (places loaded, then ICE's participating list of 30 April 2026 with the history on).

Run alone with `python -m bench.documents`:
18. Alamance County's reporting resolution as a PDF, built (compose + WeasyPrint), median of 5.
    Target: <= 1.5 s;
19. the same PDF requested through the site twice: the first request builds it, the second is
    served from the page cache (web/cache.py, keyed by the data version), median of 20.
    Target: <= 20 ms;
20. every document offered to every NC place (100 counties and 554 towns), composed and built as
    PDF and DOCX in English (`services.write_all`, one process per core). Target: <= 5 minutes.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FILE = "2026-04-30am_participatingAgencies04302026am.xlsx"
ALAMANCE = "/en/states/nc/counties/alamance/documents/reporting-resolution.pdf"


def run() -> None:
    """From `bench/__main__.py`: in its own process and database."""
    subprocess.run([sys.executable, "-m", "bench.documents"], cwd=PROJECT_ROOT, check=False)


def _median(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="deputized-bench-documents-"))
    os.environ["VAR_DIR"] = str(workdir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deputized.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client
    from django.test.utils import setup_test_environment

    connection = connections["default"]
    connection.close()
    connection.settings_dict["NAME"] = workdir / "documents.sqlite3"
    call_command("migrate", verbosity=0)

    from deputized.archive.ingest.run import run as ingest
    from deputized.documents import formats
    from deputized.documents.compose import compose
    from deputized.documents.facts import county_facts
    from deputized.documents.kinds import BY_KEY
    from deputized.documents.services import nc_places, write_all
    from deputized.places.models import County
    from deputized.places.reference import load_reference

    settings.HISTORY_AUTO_UPDATE = True
    load_reference()
    snapshots = Path(settings.REFERENCE_DATA_DIR) / "ice" / "snapshots"
    ingest(paths=[snapshots / FILE])

    alamance = county_facts(County.objects.get(state="NC", slug="alamance"))
    kind = BY_KEY["county-reporting-resolution"]
    built = _median(lambda: formats.to_pdf(compose(kind, alamance, "en"), ALAMANCE), 5)

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    client = Client(HTTP_HOST="127.0.0.1")
    started = time.perf_counter()
    first = client.get(ALAMANCE)
    cold = time.perf_counter() - started
    assert first.status_code == 200, first.status_code
    cached = _median(lambda: client.get(ALAMANCE), 20)
    assert client.get(ALAMANCE).content == first.content  # the same bytes, from the cache

    workers = os.cpu_count() or 1
    started = time.perf_counter()
    documents = write_all(workdir / "documents", workers=workers, languages=("en",))
    places = nc_places()
    everything = time.perf_counter() - started

    python = sys.version.split()[0]
    print(f"documents bench, {platform.node()} ({os.cpu_count()} cores), Python {python}")
    print(f"18. Alamance reporting resolution PDF built: {built * 1000:.0f} ms (target <= 1500)")
    print(
        f"19. through the site: first {cold * 1000:.0f} ms, "
        f"cached {cached * 1000:.1f} ms (target <= 20)"
    )
    print(
        f"20. all {documents:,} documents of {len(places):,} NC places, PDF + DOCX (en), "
        f"{workers} processes: "
        f"{everything:.0f} s (target <= 300)"
    )


if __name__ == "__main__":
    main()
