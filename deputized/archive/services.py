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
from deputized.bulk import bulk_write
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


# SheetRow's columns as `publication_create` writes them: every field but the id.
_ROW_FIELDS = (
    "publication_id",
    "row",
    *_RAW_FIELDS.values(),
    "moa_link_raw",
    "addendum_link_raw",
    "extra_raw",
    "state",
    "agency",
    "agency_type",
    "county",
    "model",
    "signed",
    "moa_url",
    "moa_pending",
    "addendum_url",
    "addendum_pending",
    "repeats_row",
)


def _sheet_row(
    publication_id: int, sheet: ParsedSheet, row: ParsedRow, repeats: int | None
) -> tuple[object, ...]:
    """One row's values in the order of `_ROW_FIELDS`: the cells as printed, then as read."""
    by_header = {header: column for column, header in sheet.columns.items()}
    raw: dict[str, str] = dict.fromkeys(_RAW_FIELDS.values(), "")
    raw["moa_link_raw"] = raw["addendum_link_raw"] = ""
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
    return (
        publication_id,
        row.row,
        *raw.values(),
        extra,
        row.state or "",
        row.agency or "",
        row.agency_type or "",
        row.county or "",
        row.model.value if row.model else "",
        row.signed,
        row.moa_url or "",
        row.moa_pending,
        row.addendum_url or "",
        row.addendum_pending,
        repeats,
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
    bulk_write(
        SheetRow,
        _ROW_FIELDS,
        (_sheet_row(publication.id, sheet, row, repeats.get(row.row)) for row in sheet.rows),
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
