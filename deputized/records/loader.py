"""Load the NC jail contracts data (`REFERENCE_DATA_DIR/detention/`, see its README).

Three files, each row keyed by its stable id: facilities, their rows in every archived ICE report
(with the data-quality flag kept: flagged rows stay in the table and are left out of every figure),
and the published contract rates with their quotes. Each row is classified insert, update or noop
against what is stored; rows gone from the files are deleted. A run that changed anything adds a
`DetentionLoad` row, which moves the data version. A second run with the same files changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Model

from deputized.places.models import County
from deputized.records.models import DetentionLoad, Facility, FacilityReport, RateObservation

FACILITIES = "nc_ice_detention_facilities.csv"
REPORTS = "nc_ice_facility_report_history.csv"
RATES = "nc_igsa_rate_observations.csv"


class DetentionDataMissing(Exception):
    """The detention folder or one of its files is not there."""


@dataclass
class LoadResult:
    counts: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return any(n for key, n in self.counts.items() if not key.endswith(" noop"))

    def lines(self) -> list[str]:
        return [f"{key}: {n}" for key, n in sorted(self.counts.items())]


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value.strip() else None


def _float(value: str) -> float | None:
    return float(value) if value.strip() else None


def _decimal(value: str) -> Decimal | None:
    try:
        return Decimal(value.strip()) if value.strip() else None
    except InvalidOperation:
        return None


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    path = folder / name
    if not path.is_file():
        raise DetentionDataMissing(f"missing {path}")
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _facility(row: dict[str, str], counties: set[str]) -> dict[str, Any]:
    fips = row["county_fips"].strip()
    return {
        "name": row["name"],
        "detloc_code": row["detloc_code"],
        "address": row["address"],
        "city": row["city"],
        "county_id": fips if fips in counties else None,
        "operator_sheriff_ori": row["operator_sheriff_ori"],
        "type_detailed": row["type_detailed_latest"],
        "type_detailed_all": row["type_detailed_all"],
        "first_ice_report": row["first_ice_report"],
        "last_ice_report": row["last_ice_report"],
        "last_data_pull_date": _date(row["last_data_pull_date"]),
        "latest_reported_adp": _float(row["latest_reported_adp"]),
        "max_reported_adp": _float(row["max_reported_adp"]),
        "latest_guaranteed_minimum": _float(row["latest_guaranteed_minimum"]),
        "in_latest_fy26_report": row["in_latest_fy26_report"] == "True",
        "per_diem_rate_2017": row["per_diem_rate_2017"],
        "source": row["source"],
        "license": row["license"],
    }


def _report(row: dict[str, str]) -> dict[str, Any]:
    return {
        "facility_id": row["facility_id"],
        "ice_report_file": row["ice_report_file"],
        "archived_copy_date": _date(row["archived_copy_date"]),
        "report_sheet": row["report_sheet"],
        "data_pull_date": _date(row["data_pull_date"]),
        "type_detailed": row["type_detailed"],
        "adp": _float(row["adp"]),
        "alos_days": _float(row["alos_days"]),
        "guaranteed_minimum": _float(row["guaranteed_minimum"]),
        "data_quality_flag": row["data_quality_flag"],
        "source": row["source"],
    }


def _rate(row: dict[str, str]) -> dict[str, Any]:
    return {
        "facility_id": row["facility_id"],
        "agreement": row["agreement"],
        "rate_usd_per_detainee_day": _decimal(row["rate_usd_per_detainee_day"]),
        "guaranteed_minimum_beds": row["guaranteed_minimum_beds"],
        "contract_value_usd": _decimal(row["contract_value_usd"]),
        "as_of": row["as_of"],
        "source_type": row["source_type"],
        "quote": row["quote"],
        "source_url": row["source_url"],
        "note": row["note"],
    }


def _sync(
    model: type[Model], wanted: dict[str, dict[str, Any]], label: str, counts: Counter
) -> None:
    """Insert, update or leave each row; delete what the file no longer has."""
    stored = {obj.pk: obj for obj in model.objects.all()}
    for key, values in wanted.items():
        obj = stored.pop(key, None)
        if obj is None:
            model.objects.create(pk=key, **values)
            counts[f"{label} insert"] += 1
        elif any(getattr(obj, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(obj, name, value)
            obj.save()
            counts[f"{label} update"] += 1
        else:
            counts[f"{label} noop"] += 1
    if stored:
        model.objects.filter(pk__in=list(stored)).delete()
        counts[f"{label} delete"] += len(stored)


def load_detention(folder: Path | None = None) -> LoadResult:
    """Read the three files (all of them validated before any write), then sync facilities,
    reports and rates in one transaction."""
    folder = folder or Path(settings.REFERENCE_DATA_DIR) / "detention"
    facilities_rows = _rows(folder, FACILITIES)
    report_rows = _rows(folder, REPORTS)
    rate_rows = _rows(folder, RATES)
    counties = set(County.objects.values_list("fips", flat=True))
    facilities = {r["facility_id"]: _facility(r, counties) for r in facilities_rows}
    reports = {r["observation_id"]: _report(r) for r in report_rows}
    rates = {r["observation_id"]: _rate(r) for r in rate_rows}
    unknown = {v["facility_id"] for v in (*reports.values(), *rates.values())} - set(facilities)
    if unknown:
        raise DetentionDataMissing(f"rows name facilities not in {FACILITIES}: {sorted(unknown)}")
    result = LoadResult()
    with transaction.atomic():
        _sync(Facility, facilities, "facilities", result.counts)
        _sync(FacilityReport, reports, "reports", result.counts)
        _sync(RateObservation, rates, "rates", result.counts)
        if result.changed:
            DetentionLoad.objects.create(counts=dict(result.counts))
    return result
