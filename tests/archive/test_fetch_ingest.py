"""`deputized fetch` end to end against a stand-in for ice.gov on loopback: what gets stored."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from deputized.archive.ingest.live import run_fetch
from deputized.archive.models import IngestRun, Publication, RemoteFile, Republication, SheetRow
from tests.archive.test_fetch import DOCLIB, Route, ice  # noqa: F401  (the loopback server)

pytestmark = pytest.mark.django_db

PARTICIPATING = "2026-04-30am_participatingAgencies04302026am.xlsx"
PENDING = "2026-02-27am_pendingAgencies02272026am.xlsx"
SWAPPED = "2025-09-22pm_participatingAgencies09222025pm.xlsx"  # ICE's pending list, misnamed


def publish(
    ice,
    snapshots_dir,
    participating=PARTICIPATING,
    pending=PENDING,
    names=("participatingAgencies04302026am.xlsx", "pendingAgencies02272026am.xlsx"),
) -> str:
    hrefs = []
    for source, name in zip((participating, pending), names, strict=True):
        path = DOCLIB + name
        ice.serve_workbook(path, snapshots_dir / source)
        hrefs.append(path)
    return ice.serve_page(*hrefs)


def fetch(page: str):
    return run_fetch(page_url=page, timeout=2.0)


def test_a_fetch_stores_both_lists_then_costs_two_304s(ice, snapshots_dir):
    page = publish(ice, snapshots_dir)
    report = fetch(page)
    assert report.result.run.files_new == 2
    stored = {(p.list_kind, str(p.published_on), p.slot) for p in Publication.objects.all()}
    assert stored == {("participating", "2026-04-30", "am"), ("pending", "2026-02-27", "am")}
    assert RemoteFile.objects.exclude(etag="").count() == 2

    again = fetch(page)
    assert len(again.not_modified) == 2
    assert again.result.run.files_new == 0 and Publication.objects.count() == 2
    conditional = [r for r in ice.requests if r.path.endswith(".xlsx")][-2:]
    assert all(r.headers.get("If-None-Match") for r in conditional)


def test_the_same_bytes_under_a_new_name_are_a_republication(ice, snapshots_dir):
    fetch(publish(ice, snapshots_dir))
    page = publish(
        ice,
        snapshots_dir,
        names=("ParticipatingAgency091826am.xlsx", "pendingAgencies02272026am.xlsx"),
    )
    report = fetch(page)
    assert report.result.run.files_republished == 1
    assert Publication.objects.count() == 2
    again = Republication.objects.get()
    assert (again.file_name, str(again.published_on), again.slot) == (
        "ParticipatingAgency091826am.xlsx",
        "2026-09-18",
        "am",
    )


def test_the_list_kind_comes_from_the_headers(ice, snapshots_dir):
    fetch(
        publish(
            ice,
            snapshots_dir,
            participating=SWAPPED,
            names=("participatingAgencies09222025pm.xlsx", "pendingAgencies02272026am.xlsx"),
        )
    )
    assert set(Publication.objects.values_list("list_kind", flat=True)) == {"pending"}


def test_a_failed_download_is_recorded_and_loses_nothing(ice, snapshots_dir):
    fetch(publish(ice, snapshots_dir))
    before = Publication.objects.count(), SheetRow.objects.count()
    # ICE's new files: the participating one is missing, the pending one is an HTML error page.
    ice.serve(
        DOCLIB + "pendingAgencies05012026am.xlsx",
        Route(body=b"<html><body>Service unavailable</body></html>", content_type="text/html"),
    )
    page = ice.serve_page(
        DOCLIB + "participatingAgencies05012026am.xlsx", DOCLIB + "pendingAgencies05012026am.xlsx"
    )
    report = fetch(page)
    run = report.result.run
    assert run.outcome == IngestRun.Outcome.FAILED and run.files_refused == 2
    assert "404" in run.message and "not a workbook" in run.message
    assert (Publication.objects.count(), SheetRow.objects.count()) == before


def test_a_truncated_workbook_is_refused(ice, snapshots_dir):
    body = (snapshots_dir / PENDING).read_bytes()
    ice.serve(DOCLIB + "pendingAgencies05012026am.xlsx", Route(body=body[: len(body) // 3]))
    ice.serve_workbook(
        DOCLIB + "participatingAgencies04302026am.xlsx", snapshots_dir / PARTICIPATING
    )
    report = fetch(
        ice.serve_page(
            DOCLIB + "participatingAgencies04302026am.xlsx",
            DOCLIB + "pendingAgencies05012026am.xlsx",
        )
    )
    assert report.result.run.outcome == IngestRun.Outcome.PARTIAL
    assert list(Publication.objects.values_list("list_kind", flat=True)) == ["participating"]


def test_a_timeout_is_recorded(ice, snapshots_dir):
    ice.serve(DOCLIB + "participatingAgencies05012026am.xlsx", Route(body=b"x", delay=5))
    ice.serve_workbook(DOCLIB + "pendingAgencies02272026am.xlsx", snapshots_dir / PENDING)
    report = run_fetch(
        page_url=ice.serve_page(
            DOCLIB + "participatingAgencies05012026am.xlsx",
            DOCLIB + "pendingAgencies02272026am.xlsx",
        ),
        timeout=0.5,
    )
    assert "timeout" in report.result.run.message
    assert Publication.objects.count() == 1


def test_offline_is_said_plainly():
    out = StringIO()
    call_command(
        "fetch",
        "--url",
        "http://127.0.0.1:9/287g",
        "--timeout",
        "1",
        "--offline-ok",
        stdout=out,
        stderr=StringIO(),
    )
    assert out.getvalue().startswith("offline")
    with pytest.raises(CommandError, match="offline"):
        call_command(
            "fetch",
            "--url",
            "http://127.0.0.1:9/287g",
            "--timeout",
            "1",
            stdout=StringIO(),
            stderr=StringIO(),
        )
