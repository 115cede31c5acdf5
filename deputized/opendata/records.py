"""One builder per kind of open-data record, used by both the API and the downloads.

Every agreement, event and row carries `source`: the publication date, slot, list, ICE's file
name, the file's sha256 and the row number it came from (null for an absence, which no row shows).
The API returns these dicts as they are; the files flatten `source` into `source_*` columns
(`flatten`). Keeping the builders here means the API and the files cannot drift apart, and a test
checks both against the data dictionary.

Builders take plain values (a `values()` dict, or a model instance where one is at hand), so the
downloads can build a quarter of a million rows without instantiating models.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery, prefetch_related_objects

from deputized.archive.models import Publication, SheetRow
from deputized.earlier.models import COLUMNS as EARLIER_COLUMNS
from deputized.earlier.models import EarlierAgreement
from deputized.history.models import Agency, Agreement, ChangeEvent, Listing
from deputized.history.selectors import publications_in_history_order
from deputized.officials.records import MEETING_FILE_FIELDS, OFFICIAL_FILE_FIELDS
from deputized.oversight.figures import FIGURE_FIELDS
from deputized.oversight.models import ActivityReport, Adoption
from deputized.places import status as place_status
from deputized.places.status import Standings, agreement_status

Record = dict[str, Any]

SOURCE_FIELDS = ("published_on", "slot", "list", "file_name", "sha256", "row")
PUBLICATION_VALUES = ("id", "published_on", "slot", "list_kind", "file_name", "sha256")
ROW_VALUES = (
    "publication_id",
    "row",
    "state",
    "agency",
    "agency_type",
    "county",
    "model",
    "signed",
    "signed_raw",
    "moa_url",
    "addendum_url",
    "repeats_row",
)


# --- provenance ---


class Sources:
    """The provenance of each publication, read once: `source(publication_id, row)`."""

    def __init__(self, publications: Iterable[Mapping[str, Any]] | None = None) -> None:
        if publications is None:
            publications = Publication.objects.values(*PUBLICATION_VALUES)
        self._base = {p["id"]: _source_base(p) for p in publications}

    def __call__(self, publication_id: int, row: int | None) -> Record:
        return {**self._base[publication_id], "row": row}


def _source_base(publication: Mapping[str, Any]) -> Record:
    return {
        "published_on": publication["published_on"],
        "slot": publication["slot"],
        "list": publication["list_kind"],
        "file_name": publication["file_name"],
        "sha256": publication["sha256"],
    }


def source_of(publication: Publication, row: int | None) -> Record:
    """The provenance of one row of one publication (a model instance at hand)."""
    values = {field: getattr(publication, field) for field in PUBLICATION_VALUES}
    return {**_source_base(values), "row": row}


# --- records ---


def agency_record(agency: Agency) -> Record:
    """An agency and the place it polices (`place` select_related, counties prefetched)."""
    place = getattr(agency, "place", None)
    return {
        "id": agency.id,
        "state": agency.state,
        "name": agency.name,
        "spellings": list(agency.spellings),
        "county": agency.county,
        "agency_type": agency.agency_type,
        "first_seen_on": agency.first_seen_on,
        "first_seen_in_archive": agency.first_seen_in_archive,
        "place_scope": place.scope if place else "unmatched",
        "place_county_fips": place.county_id if place else None,
        "place_counties_fips": sorted(c.fips for c in place.counties.all()) if place else [],
        "place_municipality_geoid": place.municipality_id if place else None,
    }


def agencies_query() -> QuerySet[Agency]:
    return (
        Agency.objects.select_related("place")
        .prefetch_related("place__counties")
        .order_by("state", "id")
    )


def agreement_record(
    agreement: Agreement, *, source: Record, name_in_source: str, status: str
) -> Record:
    """An agreement as ICE listed it in `source`: its latest listing, or that of an as-of date;
    `status` is its standing then (`places.status`)."""
    return {
        "id": agreement.id,
        "agency_id": agreement.agency_id,
        "agency_name": agreement.agency.name,
        "name_in_source": name_in_source,
        "state": agreement.agency.state,
        "county": agreement.county or agreement.agency.county,
        "model": agreement.model,
        "signed": agreement.signed,
        "status": status,
        "first_listed_on": agreement.first_listed_on,
        "first_seen_in_archive": agreement.first_seen_in_archive,
        "last_listed_on": agreement.last_listed_on,
        "moa_url": agreement.moa_url,
        "addendum_url": agreement.addendum_url,
        "source": source,
    }


def agreements_query() -> QuerySet[Agreement]:
    """Every agreement with its latest listing's publication and the name that row printed."""
    printed = SheetRow.objects.filter(
        publication_id=OuterRef("publication_id"), row=OuterRef("row")
    ).values("agency")[:1]
    return (
        Agreement.objects.select_related("agency", "publication")
        .annotate(name_in_source=Subquery(printed))
        .order_by("id")
    )


def current_agreement_record(agreement: Agreement, at: Standings) -> Record:
    """An agreement from `agreements_query()`: its standing on the latest lists (`at`, from
    `places.status.standings()`) and its latest listing."""
    return agreement_record(
        agreement,
        source=source_of(agreement.publication, agreement.row),
        name_in_source=agreement.name_in_source or agreement.agency.name,
        status=agreement_status(agreement, at=at),
    )


def listed_agreement_record(
    agreement: Agreement, listed: Mapping[str, Any], at: Standings
) -> Record:
    """An agreement from `history.selectors.agreements_as_of`, with the row that listed it and
    its standing on that date (`at`, from `places.status.standings(as_of=...)`)."""
    return agreement_record(
        agreement,
        source=source_of(listed["publication"], listed["row"]),
        name_in_source=listed["agency"],
        status=agreement_status(agreement, at=at),
    )


def event_record(event: ChangeEvent, sources: Sources | None = None) -> Record:
    """A change event (`agency` select_related; `publication` too when no `sources`)."""
    source = (
        sources(event.publication_id, event.row)
        if sources
        else source_of(event.publication, event.row)
    )
    return {
        "seq": event.seq,
        "kind": event.kind,
        "status": event.status,
        "observed_on": event.observed_on,
        "confirmed_on": event.confirmed_on,
        "agency_id": event.agency_id,
        "agency_name": event.agency.name,
        "state": event.agency.state,
        "agreement_id": event.agreement_id,
        "model": event.model,
        "signed": event.signed,
        "details": event.details,
        "source": source,
    }


def publication_record(publication: Publication, sequence: int) -> Record:
    """A publication (`republications` prefetched); `sequence` is its place in history order."""
    return {
        "sha256": publication.sha256,
        "sequence": sequence,
        "list": publication.list_kind,
        "published_on": publication.published_on,
        "slot": publication.slot,
        "file_name": publication.file_name,
        "date_in_name": publication.date_in_name,
        "dating_rule": publication.dating_rule,
        "size": publication.size,
        "row_count": publication.row_count,
        "first_seen_at": publication.first_seen_at,
        "republications": [
            {"file_name": r.file_name, "published_on": r.published_on, "slot": r.slot}
            for r in publication.republications.all()
        ],
        "file_path": f"/api/v1/publications/{publication.sha256}/file",
    }


def publications_with_sequence() -> list[tuple[Publication, int]]:
    """Every publication with its 1-based place in history order (the order replay uses)."""
    ordered = publications_in_history_order()
    prefetch_related_objects(ordered, "republications")
    return [(p, index) for index, p in enumerate(ordered, start=1)]


def row_record(row: Mapping[str, Any], *, source: Record, agreement_id: str | None) -> Record:
    """One data row of a publication (a `SheetRow.values(*ROW_VALUES)` dict), normalized."""
    return {
        "state": row["state"],
        "agency": row["agency"],
        "agency_type": row["agency_type"],
        "county": row["county"],
        "model": row["model"],
        "signed": row["signed"],
        "signed_as_printed": row["signed_raw"],
        "moa_url": row["moa_url"],
        "addendum_url": row["addendum_url"],
        "repeats_row": row["repeats_row"],
        "agreement_id": agreement_id,
        "source": source,
    }


def publication_rows(publication: Publication) -> Iterator[Record]:
    """The rows of one publication, in sheet order, each with the agreement it stands for."""
    agreements = dict(
        Listing.objects.filter(publication=publication).values_list("row", "agreement_id")
    )
    sources = Sources([{field: getattr(publication, field) for field in PUBLICATION_VALUES}])
    for row in publication.rows.order_by("row").values(*ROW_VALUES):
        yield row_record(
            row,
            source=sources(publication.id, row["row"]),
            agreement_id=agreements.get(row["row"]),
        )


# The fields of each data set's records, in order (a test checks them against built records).
FIELDS: dict[str, tuple[str, ...]] = {
    "officials": OFFICIAL_FILE_FIELDS,
    "meetings": MEETING_FILE_FIELDS,
    "agencies": (
        "id",
        "state",
        "name",
        "spellings",
        "county",
        "agency_type",
        "first_seen_on",
        "first_seen_in_archive",
        "place_scope",
        "place_county_fips",
        "place_counties_fips",
        "place_municipality_geoid",
    ),
    "agreements": (
        "id",
        "agency_id",
        "agency_name",
        "name_in_source",
        "state",
        "county",
        "model",
        "signed",
        "status",
        "first_listed_on",
        "first_seen_in_archive",
        "last_listed_on",
        "moa_url",
        "addendum_url",
        "source",
    ),
    "events": (
        "seq",
        "kind",
        "status",
        "observed_on",
        "confirmed_on",
        "agency_id",
        "agency_name",
        "state",
        "agreement_id",
        "model",
        "signed",
        "details",
        "source",
    ),
    "publications": (
        "sha256",
        "sequence",
        "list",
        "published_on",
        "slot",
        "file_name",
        "date_in_name",
        "dating_rule",
        "size",
        "row_count",
        "first_seen_at",
        "republications",
        "file_path",
    ),
    "rows": (
        "state",
        "agency",
        "agency_type",
        "county",
        "model",
        "signed",
        "signed_as_printed",
        "moa_url",
        "addendum_url",
        "repeats_row",
        "agreement_id",
        "source",
    ),
    # Active agreements by model at the first list of each month (the growth charts), per scope.
    "growth": ("scope", "month", "jem", "wso", "tfm", "total", "source"),
    # The earlier layer (before 2021): the source file's columns as they are (each row carries its
    # own sources and quotes), and the agency of today's history it is, when one is certain.
    "earlier": (*EARLIER_COLUMNS, "agency_id"),
    # What local bodies did with an oversight measure, as curators recorded it from the minutes.
    "adoptions": (
        "place_type",
        "county_fips",
        "town_geoid",
        "place_name",
        "state",
        "measure",
        "outcome",
        "decided_on",
        "vote",
        "minutes_url",
        "summary",
        "copy_path",
    ),
    # Activity and cost reports (nc-policy.md §5), a quarter per line: figures as the agency
    # reported them, null where the report gives none.
    "activity_reports": (
        "agency_id",
        "year",
        "quarter",
        "received_by_type",
        "received_by_fips",
        "received_by_geoid",
        "received_by_name",
        "received_on",
        "source_url",
        "copy_path",
        "note",
        *FIGURE_FIELDS,
    ),
}


def flat_columns(dataset: str) -> list[str]:
    """The CSV and Parquet columns of a data set: its fields, `source` as `source_*`."""
    columns: list[str] = []
    for field in FIELDS[dataset]:
        if field == "source":
            columns.extend(f"source_{name}" for name in SOURCE_FIELDS)
        else:
            columns.append(field)
    return columns


# --- files ---


def flatten(record: Mapping[str, Any]) -> Record:
    """One flat line for CSV and Parquet: `source` becomes `source_*` columns; lists and objects
    become JSON text; dates and times stay typed (the writers format them)."""
    flat: Record = {}
    for key, value in record.items():
        if key == "source":
            for field in SOURCE_FIELDS:
                flat[f"source_{field}"] = value[field]
        elif isinstance(value, list | dict):
            flat[key] = json.dumps(value, ensure_ascii=False, default=json_default)
        else:
            flat[key] = value
    return flat


def to_columns(items: Iterable[Mapping[str, Any]], dataset: str) -> dict[str, list[Any]]:
    """The records of a data set as columns (what `flatten` gives, column by column), for the
    CSV and Parquet writers: a quarter of a million rows without a dict per line."""
    columns: dict[str, list[Any]] = {name: [] for name in flat_columns(dataset)}
    source_columns = (
        [(field, columns[f"source_{field}"]) for field in SOURCE_FIELDS]
        if "source" in FIELDS[dataset]
        else []
    )
    plain = [(field, columns[field]) for field in FIELDS[dataset] if field != "source"]
    dumps = json.JSONEncoder(ensure_ascii=False, default=json_default).encode
    for item in items:
        for field, column in plain:
            value = item[field]
            column.append(dumps(value) if isinstance(value, list | dict) else value)
        for field, column in source_columns:
            column.append(item["source"][field])
    return columns


# The growth series' scopes: the country (every state and territory) and North Carolina.
GROWTH_SCOPES = ("US", "NC")


def growth_records(scope: str) -> list[Record]:
    """Active agreements by model on the first participating list of each month, oldest first:
    the growth charts' series (`places.status.growth`, the one reading of status), each month
    with the ICE list it counts. `scope`: `US` (the country) or a state code."""
    series = place_status.growth(state=None if scope == "US" else scope)
    return [
        {
            "scope": scope,
            "month": publication.published_on.strftime("%Y-%m"),
            "jem": counts.get("JEM", 0),
            "wso": counts.get("WSO", 0),
            "tfm": counts.get("TFM", 0),
            "total": sum(counts.values()),
            "source": source_of(publication, None),
        }
        for publication, counts in series
    ]


def earlier_record(agreement: EarlierAgreement, links: Mapping[str, str]) -> Record:
    """An agreement before 2021 (`links`: `earlier.selectors.earlier_agency_links`)."""
    return {
        **{name: getattr(agreement, name) for name in EARLIER_COLUMNS},
        "agency_id": links.get(agreement.agreement_id),
    }


def json_default(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def adoption_record(adoption: Adoption) -> Record:
    """A body's decision on a measure (`oversight.models.Adoption`): no person is named."""
    county, town = adoption.county, adoption.municipality
    return {
        "place_type": "county" if county else "town",
        "county_fips": county.fips if county else town.primary_county_id,
        "town_geoid": town.geoid if town else None,
        "place_name": county.full_name if county else town.full_name,
        "state": county.state_id if county else town.state_id,
        "measure": adoption.measure,
        "outcome": adoption.outcome,
        "decided_on": adoption.decided_on,
        "vote": adoption.vote,
        "minutes_url": adoption.minutes_url,
        "summary": adoption.summary,
        "copy_path": f"/adoptions/{adoption.pk}/copy" if adoption.copy else None,
    }


def activity_report_record(report: ActivityReport) -> Record:
    """A quarter of an agency's activity and cost report (`oversight.models.ActivityReport`)."""
    county, town = report.received_by_county, report.received_by_municipality
    return {
        "agency_id": report.agency_id,
        "year": report.year,
        "quarter": report.quarter,
        "received_by_type": "county" if county else "town" if town else None,
        "received_by_fips": county.fips if county else town.primary_county_id if town else None,
        "received_by_geoid": town.geoid if town else None,
        "received_by_name": county.full_name if county else town.full_name if town else None,
        "received_on": report.received_on,
        "source_url": report.source_url,
        "copy_path": f"/reports/{report.pk}/copy" if report.copy else None,
        "note": report.note,
        **report.figures(),
    }
