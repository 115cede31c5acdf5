"""Build the bulk downloads: every data set as CSV, JSON and Parquet, plus NC's counties as GeoJSON.

`downloads_build()` writes each file under a temporary name in `OPENDATA_DIR`, then moves them
into place and writes `manifest.json` last, so a reader never sees half a file and the downloads
page never lists a file that is not there. It runs after every history update (`apps.py`) and from
`deputized build_downloads`.

Data sets (one record builder each, in `records.py`, shared with the API):
- agencies: every agency ICE has listed, with the place it polices;
- agreements: every agreement (and pending listing), its current status and latest listing;
- events: the change log;
- publications: every list ICE published that the archive holds;
- rows: every data row of every publication, with the agreement it stands for (the full history:
  the agreements ICE listed on any date are the rows of the last list published by then);
- growth: active agreements by model at the first participating list of each month, for the
  country and for North Carolina (the growth charts), each month with the list it counts.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from deputized.archive.models import Publication, SheetRow
from deputized.earlier.selectors import earlier_agency_links, earlier_list
from deputized.history.models import ChangeEvent, Listing
from deputized.history.version import data_version
from deputized.officials.records import meeting_file_record, official_file_record
from deputized.officials.selectors import meeting_list, office_list
from deputized.opendata import records
from deputized.opendata.geo import counties_geojson
from deputized.oversight.adoptions import adoption_list
from deputized.oversight.reports import report_list
from deputized.places.status import standings

MANIFEST = "manifest.json"
FORMATS = ("csv", "json", "parquet")
DATASETS = (
    "agencies",
    "agreements",
    "events",
    "publications",
    "rows",
    "growth",
    "earlier",
    "officials",
    "meetings",
    "adoptions",
    "activity_reports",
)
GEOJSON = "nc-counties.geojson"
# Every field of every file, explained: shipped with the files, so a copy of the folder carries it.
DICTIONARY = "data-dictionary.md"
DICTIONARY_SOURCE = settings.BASE_DIR / "docs" / DICTIONARY
LICENSE = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
# A data set not derived from ICE's spreadsheets says where it comes from and on what terms.
OFFICIALS_TERMS = {
    "source": (
        "NC officials directory (shared/data/nc/officials/README.md): Open States (CC0), the NC "
        "Sheriffs' Association's public directory, 287(g) Watch's scraped contacts (MIT), the "
        "CISA .gov registry (CC0), and curators' corrections with their links; every name and "
        "contact names its source and the day it was verified."
    ),
    "terms": (
        "Facts about public offices. Taken before the 3 November 2026 election: check before "
        "you act. Cite each row's sources."
    ),
}
OTHER_TERMS: dict[str, dict[str, str]] = {
    "officials": OFFICIALS_TERMS,
    "meetings": OFFICIALS_TERMS,
    "earlier": {
        "source": (
            "Sourced 287(g) agreements before 2021 (shared/data/ice/historical/README.md): ICE "
            "fact sheets and web lists, DHS OIG-10-63, CRS RL32270, FOIA'd ICE documents "
            "(ina287.org), the Deportation Data Project's transcriptions and the press; each row "
            "names its sources and quotes them."
        ),
        "terms": (
            "Not under this site's CC BY 4.0. Facts (names, dates) from US government works "
            "(public domain) and attributed transcriptions; short quotes of copyrighted pages for "
            "citation only. Cite each row's sources."
        ),
    },
}
CHUNK = 20_000  # rows per Parquet record batch, per JSON write


def downloads_dir() -> Path:
    return Path(settings.OPENDATA_DIR)


@dataclass(frozen=True, slots=True)
class BuildReport:
    folder: Path
    files: list[dict[str, Any]]
    seconds: float

    def lines(self) -> list[str]:
        out = [f"{f['name']}: {f['records']:,} records, {f['bytes']:,} bytes" for f in self.files]
        return [*out, f"built {len(self.files)} files in {self.folder} in {self.seconds:.2f} s"]


# --- the data sets ---


def agencies() -> Iterator[records.Record]:
    for agency in records.agencies_query().iterator(chunk_size=2000):
        yield records.agency_record(agency)


def agreements() -> Iterator[records.Record]:
    at = standings()
    for agreement in records.agreements_query().iterator(chunk_size=2000):
        yield records.current_agreement_record(agreement, at)


def events(sources: records.Sources) -> Iterator[records.Record]:
    query = ChangeEvent.objects.select_related("agency").order_by("seq")
    for event in query.iterator(chunk_size=2000):
        yield records.event_record(event, sources)


def publications() -> Iterator[records.Record]:
    for publication, sequence in records.publications_with_sequence():
        yield records.publication_record(publication, sequence)


def growth() -> Iterator[records.Record]:
    for scope in records.GROWTH_SCOPES:
        yield from records.growth_records(scope)


def earlier() -> Iterator[records.Record]:
    links = earlier_agency_links()
    for agreement in earlier_list():
        yield records.earlier_record(agreement, links)


def officials() -> Iterator[records.Record]:
    for office in office_list():
        yield official_file_record(office)


def meetings() -> Iterator[records.Record]:
    for meeting in meeting_list():
        yield meeting_file_record(meeting)


def adoptions() -> Iterator[records.Record]:
    for adoption in adoption_list():
        yield records.adoption_record(adoption)


def activity_reports() -> Iterator[records.Record]:
    for report in report_list():
        yield records.activity_report_record(report)


def rows(sources: records.Sources) -> Iterator[records.Record]:
    """Every row, in history order of its publication then sheet order."""
    agreement_of = {
        (publication, row): agreement
        for publication, row, agreement in Listing.objects.values_list(
            "publication_id", "row", "agreement_id"
        ).iterator(chunk_size=CHUNK)
    }
    order = {p.id: i for i, p in enumerate(records.publications_in_history_order())}
    values = SheetRow.objects.values(*records.ROW_VALUES).order_by("publication_id", "row")
    by_publication: dict[int, list[dict]] = {}
    for row in values.iterator(chunk_size=CHUNK):
        by_publication.setdefault(row["publication_id"], []).append(row)
    for publication_id in sorted(by_publication, key=order.__getitem__):
        for row in by_publication.pop(publication_id):  # each row's values freed once built
            yield records.row_record(
                row,
                source=sources(publication_id, row["row"]),
                agreement_id=agreement_of.get((publication_id, row["row"])),
            )


# --- writers ---


def write_json(path: Path, items: list[records.Record]) -> None:
    """A JSON array, one record per line (so `head` and line tools still work on it)."""
    encode = json.JSONEncoder(ensure_ascii=False, default=records.json_default).encode
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[\n")
        for start in range(0, len(items), CHUNK):
            chunk = items[start : start + CHUNK]
            last = start + len(chunk) == len(items)
            handle.write(",\n".join(encode(item) for item in chunk) + ("\n" if last else ",\n"))
        handle.write("]\n")


def _arrow_type(values: list[object]) -> pa.DataType:
    sample = next((v for v in values if v is not None), None)
    if isinstance(sample, bool):
        return pa.bool_()
    if isinstance(sample, int):
        return pa.int64()
    if isinstance(sample, dt.datetime):
        return pa.timestamp("us", tz="UTC")
    if isinstance(sample, dt.date):
        return pa.date32()
    return pa.string()


def arrow_table(columns: dict[str, list[object]]) -> pa.Table:
    """Typed columns: dates as dates, counts as integers, the rest text (nulls kept)."""
    return pa.table(
        {name: pa.array(values, type=_arrow_type(values)) for name, values in columns.items()}
    )


# A text cell starting with one of these is read as a formula by spreadsheet programs (OWASP,
# "CSV Injection"): ICE's sheets are public input, and a cell such as =HYPERLINK(…) must reach a
# reader as text.
FORMULA_START = r"^[=+\-@\t\r]"


def csv_text_escape(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Prefix a single quote to every text value a spreadsheet would run as a formula (the
    OWASP advice; docs/open-data.md says how to read it back). Numbers and dates are typed
    columns, never text, so a negative number is left as it is."""
    risky = pc.match_substring_regex(column, FORMULA_START)
    return pc.if_else(risky, pc.binary_join_element_wise("'", column, ""), column)


def write_csv(path: Path, table: pa.Table) -> None:
    """RFC 4180 CSV with a header; dates as YYYY-MM-DD, times in ISO 8601, nulls empty; text
    that a spreadsheet would read as a formula escaped (`csv_text_escape`)."""
    columns = []
    for field, column in zip(table.schema, table.columns, strict=True):
        if pa.types.is_timestamp(field.type):  # ISO 8601 (Arrow writes a space, no offset)
            column = pa.array(
                [None if v is None else v.isoformat() for v in column.to_pylist()], pa.string()
            )
        elif pa.types.is_string(field.type):
            column = csv_text_escape(column)
        columns.append(column)
    text_table = pa.table(columns, names=table.column_names)
    options = pa_csv.WriteOptions(include_header=True, quoting_style="needed")
    pa_csv.write_csv(text_table, path, write_options=options)


def write_parquet(path: Path, table: pa.Table) -> None:
    pq.write_table(table, path, compression="zstd")


# --- the build ---


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _file_entry(path: Path, dataset: str, kind: str, count: int) -> dict[str, Any]:
    return {
        "name": path.name.removeprefix(".tmp-"),
        "dataset": dataset,
        "format": kind,
        "records": count,
        "bytes": path.stat().st_size,
        "sha256": _sha256(path),
    }


def citation(as_of: dt.date | None) -> str:
    day = as_of.isoformat() if as_of else "—"
    return (
        f"Deputized. 287(g) agreements as listed by U.S. Immigration and Customs Enforcement, "
        f"archive as of {day}. Data set, {LICENSE}."
    )


@contextlib.contextmanager
def read_snapshot() -> Iterator[None]:
    """One consistent view of the database for the whole build, without holding up writers.

    PostgreSQL: a REPEATABLE READ, READ ONLY transaction (READ COMMITTED would let an ingest
    that commits mid-build make the files disagree). SQLite: a deferred transaction, a snapshot
    in WAL mode; the site's IMMEDIATE mode would take the write lock for the whole build and keep
    workers and sign-ups waiting. Inside a transaction already open (tests), that one is used."""
    if connection.in_atomic_block:
        yield
        return
    if connection.vendor == "sqlite":
        connection.ensure_connection()  # the mode is read from the settings on connecting
        mode, connection.transaction_mode = connection.transaction_mode, "DEFERRED"
        try:
            with transaction.atomic():
                yield
        finally:
            connection.transaction_mode = mode
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def downloads_build(*, folder: Path | None = None) -> BuildReport:
    """Write every download from the database (one snapshot: a read transaction), then the
    manifest. Returns what was written."""
    started = time.perf_counter()
    folder = folder or downloads_dir()
    folder.mkdir(parents=True, exist_ok=True)
    written: list[tuple[Path, dict[str, Any]]] = []
    with read_snapshot():  # every file from the same state of the database
        version = data_version()
        latest = Publication.objects.order_by("-published_on").values_list(
            "published_on", flat=True
        )
        as_of = latest.first()
        sources = records.Sources()
        makers: dict[str, Callable[[], Iterable[records.Record]]] = {
            "agencies": agencies,
            "agreements": agreements,
            "events": lambda: events(sources),
            "publications": publications,
            "rows": lambda: rows(sources),
            "growth": growth,
            "earlier": earlier,
            "officials": officials,
            "meetings": meetings,
            "adoptions": adoptions,
            "activity_reports": activity_reports,
        }
        for dataset in DATASETS:
            items = list(makers[dataset]())
            table = arrow_table(records.to_columns(items, dataset))
            for kind in FORMATS:
                path = folder / f".tmp-{dataset}.{kind}"
                if kind == "csv":
                    write_csv(path, table)
                elif kind == "json":
                    write_json(path, items)
                else:
                    write_parquet(path, table)
                entry = _file_entry(path, dataset, kind, len(items))
                written.append((path, {**entry, **OTHER_TERMS.get(dataset, {})}))
        geo = counties_geojson()
        path = folder / f".tmp-{GEOJSON}"
        path.write_text(json.dumps(geo, ensure_ascii=False), encoding="utf-8")
        written.append((path, _file_entry(path, "counties", "geojson", len(geo["features"]))))
        path = folder / f".tmp-{DICTIONARY}"
        path.write_bytes(DICTIONARY_SOURCE.read_bytes())
        written.append((path, _file_entry(path, "dictionary", "md", 0)))
    for path, _entry in written:
        os.replace(path, folder / path.name.removeprefix(".tmp-"))
    manifest = {
        "built_at": timezone.now().isoformat(timespec="seconds"),
        "as_of": as_of.isoformat() if as_of else None,
        "data_version": version,
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "citation": citation(as_of),
        "files": [entry for _path, entry in written],
    }
    temporary = folder / f".tmp-{MANIFEST}"
    temporary.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    os.replace(temporary, folder / MANIFEST)
    return BuildReport(folder, manifest["files"], time.perf_counter() - started)


def manifest_read(folder: Path | None = None) -> dict[str, Any] | None:
    """The manifest of the last build, or None before the first."""
    path = (folder or downloads_dir()) / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
