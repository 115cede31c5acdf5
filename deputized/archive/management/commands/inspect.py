"""`deputized inspect FILE`: what the reader makes of one workbook, row by row (no database)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from deputized.sheets import ParsedRow, SheetError, read_workbook

KEYS = (
    "list_kind",
    "row",
    "state",
    "agency",
    "agency_type",
    "county",
    "model",
    "signed",
    "moa_url",
    "addendum_url",
)


def row_as_dict(list_kind: str, row: ParsedRow) -> dict[str, object]:
    return {
        "list_kind": list_kind,
        "row": row.row,
        "state": row.state,
        "agency": row.agency,
        "agency_type": row.agency_type,
        "county": row.county,
        "model": row.model.value if row.model else None,
        "signed": row.signed.isoformat() if row.signed else None,
        "moa_url": row.moa_url,
        "addendum_url": row.addendum_url,
    }


class Command(BaseCommand):
    help = "Print each row of one ICE workbook as the reader normalizes it."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=["jsonl", "table"], default="table")

    def handle(self, *args: object, **options: object) -> None:
        path: Path = options["file"]  # type: ignore[assignment]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            sheet = read_workbook(path)
        except SheetError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        rows = [row_as_dict(sheet.list_kind.value, row) for row in sheet.rows]
        if options["format"] == "jsonl":
            for item in rows:
                self.stdout.write(json.dumps(item, ensure_ascii=False))
            return
        self._table(rows)
        self.stderr.write(
            f"{path.name}: {sheet.list_kind.value} list, {len(rows)} rows, "
            f"{len(sheet.duplicates)} repeated listings, {len(sheet.warnings)} warnings"
        )
        for warning in sheet.warnings:
            self.stderr.write(f"  {warning}")

    def _table(self, rows: list[dict[str, object]]) -> None:
        columns = [k for k in KEYS if k != "list_kind"]
        widths = {
            "row": 4,
            "state": 5,
            "agency": 44,
            "agency_type": 12,
            "county": 20,
            "model": 5,
            "signed": 10,
            "moa_url": 40,
            "addendum_url": 30,
        }

        def cell(value: object, width: int) -> str:
            text = "" if value is None else str(value)
            return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)

        self.stdout.write(" ".join(cell(c.upper(), widths[c]) for c in columns))
        for item in rows:
            self.stdout.write(" ".join(cell(item[c], widths[c]) for c in columns))
