"""`make bench`, campaigns: in a fresh SQLite database of its own (places and officials loaded,
then ICE's participating list of 30 April 2026 with the history on), an Alamance campaign.

Run alone with `python -m bench.campaigns`:
21. a sign-on letter with 10,000 signatures (9,000 listed) rendered to one PDF (WeasyPrint),
    median of 3. Target: <= 10 s;
22. the campaign page (a letter campaign with its draft, form and counts; and the sign-on page
    with its 10,000 signatures) rendered through the site, 200 requests each: p95.
    Target: <= 50 ms;
23. 10,000 confirmed letters to one target: their deliveries queued (one per letter and
    target), then the worker's pass (the daily limit sent one by one to the mail backend, the
    rest marked as the day's bundle) and the bundle sent as one message with its count; email
    to Django's memory backend, so the time is the app's, not an SMTP server's. Target: <= 5 s.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FILE = "2026-04-30am_participatingAgencies04302026am.xlsx"


def run() -> None:
    """From `bench/__main__.py`: in its own process and database."""
    subprocess.run([sys.executable, "-m", "bench.campaigns"], cwd=PROJECT_ROOT, check=False)


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="deputized-bench-campaigns-"))
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
    connection.settings_dict["NAME"] = workdir / "campaigns.sqlite3"
    call_command("migrate", verbosity=0)

    from deputized.archive.ingest.run import run as ingest
    from deputized.campaigns import services
    from deputized.campaigns.models import Campaign, Letter, Signature
    from deputized.campaigns.pdf import signon_pdf
    from deputized.officials.loader import load_officials
    from deputized.officials.models import Office
    from deputized.places.models import County
    from deputized.places.reference import load_reference

    settings.HISTORY_AUTO_UPDATE = True
    load_reference()
    load_officials()
    snapshots = Path(settings.REFERENCE_DATA_DIR) / "ice" / "snapshots"
    ingest(paths=[snapshots / FILE])
    setup_test_environment()  # the memory mail backend, and any host allowed
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    alamance = County.objects.get(state="NC", slug="alamance")
    sheriff = Office.objects.get(key="nc-sheriff-37001")

    def campaign(kind: str, slug: str) -> Campaign:
        made = Campaign.objects.create(
            slug=slug,
            kind=kind,
            title_en="Alamance: ask for reporting",
            title_es="Alamance: pida informes",
            county=alamance,
            ask="require-reporting",
            status=Campaign.Status.APPROVED,
        )
        made.targets.set([sheriff])
        return services.campaign_drafts_fill(campaign=made)

    signon = campaign("signon", "bench-signon")
    Signature.objects.bulk_create(
        Signature(
            campaign=signon,
            name=f"Signer Number {i}",
            town=("Burlington", "Graham", "Mebane")[i % 3],
            organization="Faith Action" if i % 11 == 0 else "",
            listed=i % 10 != 0,
        )
        for i in range(10_000)
    )
    times = []
    for _ in range(3):
        started = time.perf_counter()
        pdf = signon_pdf(campaign=signon)
        times.append(time.perf_counter() - started)
    pdf_seconds = statistics.median(times)

    letters = campaign("letter", "bench-letters")
    client = Client()

    def p95(path: str) -> float:
        client.get(path)  # warm
        runs = []
        for _ in range(200):
            started = time.perf_counter()
            response = client.get(path)
            runs.append(time.perf_counter() - started)
            assert response.status_code == 200
        return statistics.quantiles(runs, n=20)[18] * 1000

    letter_p95 = p95(f"/en/campaigns/{letters.slug}/")
    signon_p95 = p95(f"/es/campaigns/{signon.slug}/")

    bulk = campaign("letter", "bench-bulk")
    now = django.utils.timezone.now()
    Letter.objects.bulk_create(
        Letter(
            campaign=bulk,
            body=f"Letter {i} in my own words about the 287(g) agreement.",
            name=f"Writer {i}",
            email=f"writer{i}@example.org",
            town="Graham",
            nonce=str(i),
            confirmed_at=now,
        )
        for i in range(10_000)
    )
    ids = list(bulk.letters.values_list("id", flat=True))
    started = time.perf_counter()
    queued = services._queue(letters=ids, campaign=bulk)
    stats = services.letters_deliver(bundles_now=True)
    bulk_seconds = time.perf_counter() - started
    assert queued == 10_000 and stats.sent == bulk.daily_limit and stats.bundles == 1

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT MET"

    print(f"campaigns bench: {platform.node()}, {os.cpu_count()} cores, {time.strftime('%F')}")
    print(
        f"21. sign-on PDF, 10,000 signatures ({len(pdf):,} bytes): {pdf_seconds:.2f} s "
        f"(target <= 10 s: {verdict(pdf_seconds <= 10)})"
    )
    print(
        f"22. campaign page p95: letters {letter_p95:.1f} ms, sign-on {signon_p95:.1f} ms "
        f"(target <= 50 ms: {verdict(max(letter_p95, signon_p95) <= 50)})"
    )
    print(
        f"23. 10,000 letters to one target queued, {stats.sent} sent, {stats.bundled:,} bundled "
        f"and sent as one message: {bulk_seconds:.2f} s (target <= 5 s: "
        f"{verdict(bulk_seconds <= 5)})"
    )


if __name__ == "__main__":
    main()
