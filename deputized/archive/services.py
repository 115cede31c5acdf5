"""Writes to the archive. Each function does one thing inside its own transaction."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from deputized.archive.dating import Dated
from deputized.archive.ingest.read import Candidate
from deputized.archive.ingest.values import ROW_FIELDS
from deputized.archive.models import (
    IngestRun,
    Publication,
    PublicationFile,
    Republication,
    SheetRow,
)
from deputized.bulk import bulk_write


def ingest_run_start(*, command: str, sources: list[str]) -> IngestRun:
    return IngestRun.objects.create(command=command, sources=sources, started_at=timezone.now())


def ingest_runs_interrupt(*, found_by: IngestRun) -> int:
    """Call interrupted every other run still marked running. Only a run holding the ingest lock
    may call this: the lock proves no other ingest is alive, so such a run's process ended (was
    killed, or the machine stopped) before it recorded its outcome. What it stored is kept."""
    stuck = IngestRun.objects.filter(outcome=IngestRun.Outcome.RUNNING).exclude(id=found_by.id)
    return stuck.update(
        outcome=IngestRun.Outcome.INTERRUPTED,
        finished_at=timezone.now(),
        message=f"interrupted: its process ended before the run was recorded "
        f"(found by run {found_by.id}); what it stored is kept",
    )


def publications_awaiting_follow_up() -> bool:
    """Whether some stored publication has not been taken in by the layers after the archive
    (its run crashed or was killed during that step, or before it)."""
    return Publication.objects.filter(first_run__followed_up_at=None).exists()


def ingest_runs_followed_up() -> None:
    """Every run's publications are now taken in (called once the receivers have returned)."""
    IngestRun.objects.filter(followed_up_at=None).update(followed_up_at=timezone.now())


def ingest_run_stopped(*, run: IngestRun, message: str, interrupted: bool = False) -> IngestRun:
    """A run that stopped on an error (failed) or was stopped (interrupted), whatever it stored
    before."""
    run.finished_at = timezone.now()
    run.outcome = IngestRun.Outcome.INTERRUPTED if interrupted else IngestRun.Outcome.FAILED
    run.message = message
    run.save()
    return run


def ingest_run_finish(*, run: IngestRun, message: str = "") -> IngestRun:
    run.finished_at = timezone.now()
    if run.files_refused and (run.files_new or run.files_unchanged or run.files_republished):
        run.outcome = IngestRun.Outcome.PARTIAL
    elif run.files_refused:
        run.outcome = IngestRun.Outcome.FAILED
    else:
        run.outcome = IngestRun.Outcome.SUCCEEDED
    run.message = message
    run.save()
    return run


@transaction.atomic
def publication_create(*, candidate: Candidate, dated: Dated, run: IngestRun) -> Publication:
    """Store one new file: its bytes, its metadata and every row, all or nothing."""
    sheet = candidate.parsed
    assert sheet is not None, "only a parsed candidate can be stored"
    publication = Publication(
        sha256=candidate.sha256,
        list_kind=sheet.list_kind,
        published_on=dated.published_on,
        slot=dated.slot,
        file_name=candidate.name.name,
        date_in_name=candidate.name.digits,
        dating_rule=dated.rule,
        reissue_marker=candidate.name.reissue,
        source=candidate.source,
        size=len(candidate.content),
        first_seen_at=timezone.now(),
        first_run=run,
        sheet_name=sheet.sheet_name,
        headers=sheet.headers,
        row_count=len(sheet.rows),
        blank_rows_skipped=sheet.blank_rows_skipped,
        duplicate_rows=[list(pair) for pair in sheet.duplicates],
        warnings=sheet.warnings,
        latest_signed=sheet.latest_signed,
    )
    publication.save()
    PublicationFile.objects.create(publication=publication, content=candidate.content)
    # The rows' values were built where the workbook was read (`ingest/values.py`).
    bulk_write(
        SheetRow,
        ("publication_id", *ROW_FIELDS),
        ((publication.id, *values) for values in sheet.rows),
    )
    return publication


def republication_create(
    *, publication: Publication, candidate: Candidate, dated: Dated, run: IngestRun
) -> Republication:
    return Republication.objects.create(
        publication=publication,
        file_name=candidate.name.name,
        published_on=dated.published_on,
        slot=dated.slot,
        dating_rule=dated.rule,
        source=candidate.source,
        seen_at=timezone.now(),
        run=run,
    )


def today() -> dt.date:
    return timezone.localdate()
