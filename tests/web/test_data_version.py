"""The data version that keys every cached page and API answer covers every table they read.

Each public page and API operation is drawn on a small real database (one ICE list ingested, its
agencies placed), its queries captured, and the tables they read compared with those the data
version covers (`history.version`): a page that reads a table the version does not cover
would be served from the cache after that table changed, until something else moved the version.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from deputized.archive.ingest.run import run
from deputized.archive.models import IngestRun, Publication, Republication
from deputized.history import version as page_cache
from deputized.history.models import Agency, Agreement

pytestmark = pytest.mark.django_db

ONE_FILE = "2026-04-30am_participatingAgencies04302026am.xlsx"
TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"?([A-Za-z_][A-Za-z0-9_]*)"?', re.I)


@pytest.fixture
def site(places, snapshots_dir, django_capture_on_commit_callbacks, settings):
    settings.API_RATE_LIMIT = None
    settings.OPENDATA_AUTO_BUILD = False
    with django_capture_on_commit_callbacks(execute=True):
        run(paths=[snapshots_dir / ONE_FILE])
    return Client(HTTP_HOST="127.0.0.1")


def urls() -> list[str]:
    agency = Agency.objects.filter(agreements__isnull=False).order_by("id").first()
    agreement = Agreement.objects.filter(agency=agency).first()
    publication = Publication.objects.first()
    pages = [
        "/en/",
        "/en/states/",
        "/en/states/nc/",
        "/en/states/nc/counties/wake/",
        "/en/states/nc/places/raleigh/",
        "/en/states/nc/counties/wake/documents/attorney-assessment/",
        "/en/states/nc/counties/wake/documents/attorney-assessment.pdf",
        "/en/states/nc/places/raleigh/documents/attorney-assessment.docx",
        f"/en/agencies/{agency.id}/",
        "/en/changes/",
        "/en/search/?q=wake",
        "/en/methodology/",
        "/en/rights/",
        "/en/sources/",
        "/es/rights/",
        "/en/feeds/changes.atom",
        "/en/feeds/states/nc.atom",
        "/en/feeds/states/nc/counties/wake.atom",
        "/en/feeds/states/nc/places/raleigh.atom",
        f"/en/feeds/agencies/{agency.id}.atom",
    ]
    api = [
        "/api/v1/agreements",
        f"/api/v1/agreements?as_of={publication.published_on}",
        "/api/v1/agencies",
        f"/api/v1/agencies/{agency.id}",
        "/api/v1/events",
        "/api/v1/publications",
        f"/api/v1/publications/{publication.sha256}",
        f"/api/v1/publications/{publication.sha256}/rows",
        "/api/v1/places/counties?state=NC",
        "/api/v1/places/counties/37183",
        "/api/v1/places/towns?county=37183",
        "/api/v1/places/towns/3755000",
        "/api/v1/adoptions",
    ]
    assert agreement is not None
    return pages + api


def tables_read(client: Client, url: str) -> set[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return {name for query in captured.captured_queries for name in TABLE.findall(query["sql"])}


def test_every_table_a_page_reads_moves_the_data_version(site):
    covered = page_cache.covered_tables()
    uncovered = {}
    for url in urls():
        missing = tables_read(site, url) - covered
        if missing:
            uncovered[url] = sorted(missing)
    assert uncovered == {}


def test_the_runs_and_republications_move_the_data_version(site):
    """The review's two misses: the sources page shows the latest run and republications."""
    before = page_cache.data_version()
    run = IngestRun.objects.order_by("-id").first()
    IngestRun.objects.filter(pk=run.pk).update(outcome="failed", message="stopped")
    after_run = page_cache.data_version()
    assert after_run != before
    publication = Publication.objects.first()
    Republication.objects.create(
        publication=publication,
        file_name="participatingAgencies-again.xlsx",
        published_on=publication.published_on,
        source="test",
        seen_at=publication.first_seen_at,
        run=run,
    )
    assert page_cache.data_version() != after_run


def test_every_table_written_with_another_is_written_with_a_versioned_one():
    versioned = {entry.model for entry in page_cache.VERSIONED}
    assert [e.model for e in page_cache.WRITTEN_WITH if e.marker not in versioned] == []
