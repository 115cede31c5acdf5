"""Loading the earlier agreements (`shared/data/ice/historical/`): validate every row, then write.

Reads `settings.EARLIER_AGREEMENTS_DIR` (../shared/data/ice/historical by default; never
committed). The national file is the layer; the NC file must be exactly its NC rows. Every row is
checked before anything is written, and the write is one transaction: a bad row is refused with
its file and line, and nothing is loaded. Loading the same file again changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from deputized.earlier.models import COLUMNS, EarlierAgreement, EarlierCounty, EarlierLoad
from deputized.history.names import name_key

US_FILE = "us_agreements_before_2021.csv"
NC_FILE = "nc_agreements_before_2021.csv"

_STATE = re.compile(r"[A-Z]{2}")
_FIPS = re.compile(r"\d{5}")
_ORI = re.compile(r"[A-Z0-9]{9}")
_ENDED = re.compile(r"\d{4}-\d{2}(-\d{2})?")
_REQUIRED = ("agreement_id", "state", "agency", "signed_date", "signed_source", "signed_quote")


class EarlierDataError(ValueError):
    """A source file of the earlier layer is missing or has a bad row (file and line named)."""


@dataclass(frozen=True, slots=True)
class LoadResult:
    rows: int
    inserted: int
    updated: int
    deleted: int
    unchanged: int

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.updated or self.deleted)

    def line(self) -> str:
        return (
            f"{self.rows} earlier agreements: {self.inserted} inserted, {self.updated} updated, "
            f"{self.deleted} deleted, {self.unchanged} unchanged"
        )


def _problems(row: dict[str, str]) -> list[str]:
    problems = [f"{name} is empty" for name in _REQUIRED if not row[name].strip()]
    if row["state"] and not _STATE.fullmatch(row["state"]):
        problems.append(f"state {row['state']!r} is not a postal code")
    try:
        dt.date.fromisoformat(row["signed_date"])
    except ValueError:
        problems.append(f"signed_date {row['signed_date']!r} is not YYYY-MM-DD")
    if row["ended_date"]:
        if not _ENDED.fullmatch(row["ended_date"]):
            problems.append(f"ended_date {row['ended_date']!r} is not YYYY-MM-DD or YYYY-MM")
        if not (row["ended_source"].strip() and row["ended_quote"].strip()):
            problems.append("ended_date is given without ended_source and ended_quote")
    for fips in filter(None, row["county_fips"].split(";")):
        if not _FIPS.fullmatch(fips):
            problems.append(f"county_fips {fips!r} is not a 5-digit Census code")
    if row["ori"] and not _ORI.fullmatch(row["ori"]):
        problems.append(f"ori {row['ori']!r} is not a 9-character ORI")
    return problems


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """Every row of one file with its line number, validated; the first bad row raises."""
    if not path.is_file():
        raise EarlierDataError(f"{path}: not found (set REFERENCE_DATA_DIR)")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise EarlierDataError(
                f"{path}:1: the header is not the expected {len(COLUMNS)} columns"
            )
        rows: list[tuple[int, dict[str, str]]] = []
        seen: set[str] = set()
        for row in reader:
            line = reader.line_num
            if None in row or None in row.values():
                raise EarlierDataError(f"{path}:{line}: not {len(COLUMNS)} cells")
            problems = _problems(row)
            if row["agreement_id"] in seen:
                problems.append(f"agreement_id {row['agreement_id']!r} is repeated")
            if problems:
                raise EarlierDataError(f"{path}:{line}: " + "; ".join(problems))
            seen.add(row["agreement_id"])
            rows.append((line, row))
    return rows


def _check_nc_subset(us: list[tuple[int, dict[str, str]]], nc_path: Path) -> None:
    by_id = {row["agreement_id"]: row for _, row in us}
    nc = read_rows(nc_path)
    for line, row in nc:
        if by_id.get(row["agreement_id"]) != row:
            raise EarlierDataError(f"{nc_path}:{line}: not the same row in {US_FILE}")
    expected = sum(1 for _, row in us if row["state"] == "NC")
    if len(nc) != expected:
        raise EarlierDataError(f"{nc_path}: {len(nc)} rows, but {US_FILE} has {expected} NC rows")


def _agreement(line: int, row: dict[str, str]) -> EarlierAgreement:
    fields = {name: row[name].strip() for name in COLUMNS}
    fields["signed_date"] = dt.date.fromisoformat(fields["signed_date"])
    return EarlierAgreement(**fields, name_key=name_key(row["agency"]), source_line=line)


def _values(agreement: EarlierAgreement) -> tuple:
    return tuple(getattr(agreement, f.attname) for f in EarlierAgreement._meta.concrete_fields)


def earlier_agreements_load(*, base: Path | None = None) -> LoadResult:
    """Validate the national file (and that the NC file is its NC rows), then bring the table to
    exactly its rows: insert, update or leave each one, delete the ones no longer there."""
    base = base or Path(settings.EARLIER_AGREEMENTS_DIR)
    us_path = base / US_FILE
    rows = read_rows(us_path)
    _check_nc_subset(rows, base / NC_FILE)
    incoming = {row["agreement_id"]: _agreement(line, row) for line, row in rows}
    with transaction.atomic():
        stored = {a.agreement_id: a for a in EarlierAgreement.objects.select_for_update()}
        new = [a for key, a in incoming.items() if key not in stored]
        changed = [
            a for key, a in incoming.items() if key in stored and _values(a) != _values(stored[key])
        ]
        gone = [key for key in stored if key not in incoming]
        result = LoadResult(
            len(incoming),
            len(new),
            len(changed),
            len(gone),
            len(incoming) - len(new) - len(changed),
        )
        if not (new or changed or gone):
            return result
        EarlierAgreement.objects.filter(agreement_id__in=gone).delete()
        EarlierAgreement.objects.bulk_create(new)
        for agreement in changed:
            agreement.save()
        touched = [a.agreement_id for a in new + changed]
        EarlierCounty.objects.filter(agreement_id__in=touched).delete()
        EarlierCounty.objects.bulk_create(
            EarlierCounty(agreement_id=a.agreement_id, county_fips=fips)
            for a in new + changed
            for fips in dict.fromkeys(filter(None, a.county_fips.split(";")))
        )
        EarlierLoad.objects.create(
            loaded_at=timezone.now(),
            source_file=str(us_path),
            sha256=hashlib.sha256(us_path.read_bytes()).hexdigest(),
            rows=result.rows,
            inserted=result.inserted,
            updated=result.updated,
            deleted=result.deleted,
        )
    return result
