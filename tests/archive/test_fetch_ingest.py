"""`deputized fetch` end to end against a stand-in for ice.gov on loopback: what gets stored."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test import Client

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


# ---- what reaches the archive from a hostile or failing fetch ---------------------------------


class OtherWriter:
    """Another connection that takes the archive's tables for too long, as another process's
    write does: SQLite answers "database is locked", PostgreSQL a lock timeout. Waits are cut
    to 0.2 s for the test (SQLite's is 20 s)."""

    def __init__(self) -> None:
        self.holding = False
        self.other = connections.create_connection(DEFAULT_DB_ALIAS)

    def take(self) -> None:
        with self.other.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("BEGIN IMMEDIATE")
            else:
                cursor.execute("BEGIN")
                cursor.execute("LOCK TABLE archive_publication IN ACCESS EXCLUSIVE MODE")
        self.holding = True

    def release(self) -> None:
        with self.other.cursor() as cursor:
            cursor.execute("ROLLBACK")
        self.holding = False

    @contextmanager
    def short_waits(self) -> Iterator[None]:
        if connection.vendor == "sqlite":
            options = connection.settings_dict["OPTIONS"]
            before = options.get("timeout")
            connection.close()
            options["timeout"] = 0.2
            try:
                yield
            finally:
                connection.close()
                options["timeout"] = before
        else:
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '200ms'")
            try:
                yield
            finally:
                with connection.cursor() as cursor:
                    cursor.execute("RESET lock_timeout")


@pytest.mark.django_db(transaction=True)
def test_a_list_whose_store_failed_is_stored_by_the_next_fetch(ice, snapshots_dir):
    """The store fails ("database is locked"): the list must not be lost to a 304 after."""
    page = publish(ice, snapshots_dir)
    writer = OtherWriter()

    def lock_the_archive_during_the_first_store(message: str) -> None:
        if "not yet in the archive" in message:
            writer.take()
        elif writer.holding and "refused" in message:
            writer.release()

    try:
        with writer.short_waits():
            first = run_fetch(
                page_url=page, timeout=2.0, progress=lock_the_archive_during_the_first_store
            )
    finally:
        writer.other.close()
    [refused] = first.result.refused()
    assert "could not store it" in refused.message
    if connection.vendor == "sqlite":
        assert "database is locked" in refused.message
    assert list(Publication.objects.values_list("list_kind", flat=True)) == ["pending"]

    second = fetch(page)

    assert second.not_modified == [ice.url(DOCLIB + "pendingAgencies02272026am.xlsx")]
    assert second.result.run.files_new == 1
    kinds = sorted(Publication.objects.values_list("list_kind", flat=True))
    assert kinds == ["participating", "pending"]
    assert RemoteFile.objects.exclude(etag="").count() == 2


def test_an_altered_page_linking_elsewhere_stores_nothing_from_there(ice, snapshots_dir):
    ice.serve_workbook(DOCLIB + "pendingAgencies02272026am.xlsx", snapshots_dir / PENDING)
    page = ice.serve_page(
        "https://evil.example/participatingAgencies05012026am.xlsx",
        DOCLIB + "pendingAgencies02272026am.xlsx",
    )

    report = fetch(page)

    run = report.result.run
    assert run.outcome == IngestRun.Outcome.PARTIAL
    assert (
        "https://evil.example/participatingAgencies05012026am.xlsx: "
        "not on ICE's site over HTTPS: refused"
    ) in run.message
    assert list(Publication.objects.values_list("list_kind", flat=True)) == ["pending"]
    assert not SheetRow.objects.filter(moa_url__contains="evil.example").exists()


def test_a_crlf_in_the_served_file_name_leaves_the_file_downloadable(ice, snapshots_dir):
    ice.serve_workbook(
        DOCLIB + "participatingAgencies04302026am.xlsx", snapshots_dir / PARTICIPATING
    )
    ice.serve(
        DOCLIB + "pending.xlsx",
        Route(
            body=(snapshots_dir / PENDING).read_bytes(),
            headers={
                "Content-Disposition": "attachment; filename*=UTF-8''"
                "pendingAgencies02272026am%0D%0ASet-Cookie%3A%20a%3Db.xlsx"
            },
        ),
    )
    fetch(ice.serve_page(DOCLIB + "participatingAgencies04302026am.xlsx", DOCLIB + "pending.xlsx"))
    pending = Publication.objects.get(list_kind="pending")

    response = Client(raise_request_exception=False).get(
        f"/api/v1/publications/{pending.sha256}/file"
    )

    assert response.status_code == 200
    assert pending.file_name == "pendingAgencies02272026am Set-Cookie_ a=b.xlsx"
    assert response.content == (snapshots_dir / PENDING).read_bytes()
    assert response["Content-Disposition"] == (
        'attachment; filename="pendingAgencies02272026am Set-Cookie_ a=b.xlsx"'
    )


def test_a_name_stored_before_the_cleaning_is_cleaned_by_the_migration(snapshots_dir):
    from django.apps import apps

    from deputized.archive.ingest.run import run

    migration = importlib.import_module(
        "deputized.archive.migrations.0005_ingestrun_followed_up_interrupted"
    )
    run(paths=[snapshots_dir / PENDING, snapshots_dir / PARTICIPATING], workers=1)
    Publication.objects.filter(list_kind="pending").update(
        file_name="pendingAgencies02272026am\r\nSet-Cookie: a=b.xlsx"
    )

    migration.clean_file_names(apps, None)

    names = dict(Publication.objects.values_list("list_kind", "file_name"))
    assert names == {
        "pending": "pendingAgencies02272026am Set-Cookie_ a=b.xlsx",
        "participating": PARTICIPATING.split("_", 1)[1],
    }
    pending = Publication.objects.get(list_kind="pending")
    response = Client().get(f"/api/v1/publications/{pending.sha256}/file")
    assert response.status_code == 200
