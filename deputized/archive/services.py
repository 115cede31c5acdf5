"""Writes to the archive. Each function does one thing inside its own transaction."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from deputized.archive.dating import Dated
from deputized.archive.ingest.read import Candidate
from deputized.archive.models import (
    IngestRun,
    Publication,
    PublicationFile,
    Republication,
    SheetRow,
)
from deputized.sheets import ParsedRow, ParsedSheet

_RAW_FIELDS = {
    "state": "state_raw",
    "agency": "agency_raw",
    "agency_type": "agency_type_raw",
    "county": "county_raw",
    "support_type": "support_type_raw",
    "signed": "signed_raw",
    "moa": "moa_raw",
    "addendum": "addendum_raw",
}


def ingest_run_start(*, command: str, sources: list[str]) -> IngestRun:
    return IngestRun.objects.create(command=command, sources=sources, started_at=timezone.now())


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


def _sheet_row(
    publication: Publication, sheet: ParsedSheet, row: ParsedRow, repeats: int | None
) -> SheetRow:
    by_header = {header: column for column, header in sheet.columns.items()}
    raw: dict[str, str] = {}
    extra: dict[str, str] = {}
    for header, text in row.cells.items():
        column = by_header.get(header)
        if column in _RAW_FIELDS:
            raw[_RAW_FIELDS[column]] = text or ""
        elif text is not None:
            extra[header] = text
    for header, target in row.links.items():
        column = by_header.get(header)
        if column == "moa":
            raw["moa_link_raw"] = target
        elif column == "addendum":
            raw["addendum_link_raw"] = target
        else:
            extra[f"{header} (hyperlink)"] = target
    return SheetRow(
        publication=publication,
        row=row.row,
        extra_raw=extra,
        state=row.state or "",
        agency=row.agency or "",
        agency_type=row.agency_type or "",
        county=row.county or "",
        model=row.model.value if row.model else "",
        signed=row.signed,
        moa_url=row.moa_url or "",
        moa_pending=row.moa_pending,
        addendum_url=row.addendum_url or "",
        addendum_pending=row.addendum_pending,
        repeats_row=repeats,
        **raw,
    )


@transaction.atomic
def publication_create(*, candidate: Candidate, dated: Dated, run: IngestRun) -> Publication:
    """Store one new file: its bytes, its metadata and every row, all or nothing."""
    sheet = candidate.parsed
    assert sheet is not None, "only a parsed candidate can be stored"
    publication = Publication(
        sha256=candidate.sha256,
        list_kind=sheet.list_kind.value,
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
    repeats = dict(sheet.duplicates)
    SheetRow.objects.bulk_create(
        (_sheet_row(publication, sheet, row, repeats.get(row.row)) for row in sheet.rows),
        batch_size=2000,
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
