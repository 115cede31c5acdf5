"""The data version: one short string that changes whenever anything a public page or API answer
shows does. It keys the page cache (web/cache.py), the API's ETags and cache, the feeds'
validators and the downloads' manifest.

It is derived from `VERSIONED`, the tables pages read, each with what moves when it changes; a
table written only together with another (in the same transaction, by the one code path that
writes it) is `WrittenWith` that one instead, as reading a large table's newest row and count on
every request would cost more than serving the page. tests/web/test_data_version.py draws every
page and API operation, captures the tables their queries read, and fails on any table this list
does not cover. The version is read in one statement on primary keys, indexes and small tables.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

from django.db import connection
from django.db.models import Model

from deputized.archive.models import IngestRun, Publication, Republication, SheetRow
from deputized.campaigns.models import Campaign, PublicChange, Story
from deputized.community.models import CommunityLink, CountyResource, Hotline, RightsSection
from deputized.documents.models import DocumentTemplate
from deputized.earlier.models import EarlierAgreement, EarlierCounty, EarlierLoad
from deputized.history.models import Agency, Agreement, ChangeEvent, Checkpoint, Listing
from deputized.officials.models import Contact, Correction, Meeting, Office, Person, Term
from deputized.oversight.models import ActivityReport, Adoption, Bill, MeasureText, NoteCheck
from deputized.places.models import (
    AgencyPlace,
    County,
    Municipality,
    PlaceOverride,
    RosterAgency,
    State,
)
from deputized.records.models import (
    DetentionLoad,
    Facility,
    FacilityReport,
    LiabilityEntry,
    RateObservation,
    ResponseDocument,
    TrackedRequest,
)


@dataclass(frozen=True)
class Moves:
    """A table whose changes show in the newest value of `newest` (MAX, on an index); when rows
    are deleted, in its number of rows (`counted`, small tables only); when its newest row is
    edited in place, in that row's `latest` columns (read on the primary key)."""

    model: type[Model]
    newest: tuple[str, ...] = ("pk",)
    counted: bool = False
    latest: tuple[str, ...] = ()

    def sql(self) -> list[str]:
        meta = self.model._meta
        table, pk = meta.db_table, meta.pk.column

        def column(name: str) -> str:
            return pk if name == "pk" else meta.get_field(name).column

        parts = [f"(SELECT MAX({column(name)}) FROM {table})" for name in self.newest]
        if self.counted:
            parts.append(f"(SELECT COUNT(*) FROM {table})")
        if self.latest:
            values = " || '|' || ".join(
                f"COALESCE(CAST({column(name)} AS TEXT), '')" for name in self.latest
            )
            parts.append(f"(SELECT {values} FROM {table} ORDER BY {pk} DESC LIMIT 1)")
        return parts


@dataclass(frozen=True)
class WrittenWith:
    """A table only ever written in the same transaction as `marker`, which moves each time."""

    model: type[Model]
    marker: type[Model]
    why: str


def _history(model: type[Model]) -> type[Model]:
    return model.history.model  # django-simple-history: one row per save or delete


TOWN_COUNTIES = Municipality.counties.through

VERSIONED: tuple[Moves, ...] = (
    Moves(Publication),  # only added
    Moves(Republication),  # only added
    # Runs are added, then finished (or marked failed when found stuck) in place; pages show
    # the newest one's outcome.
    Moves(IngestRun, newest=("pk", "finished_at"), latest=("outcome", "finished_at")),
    Moves(ChangeEvent, newest=("seq",)),
    # Every history update (incremental or replay) replaces the one checkpoint.
    Moves(Checkpoint),
    # Agencies are placed again just after the history's transaction commits.
    Moves(AgencyPlace, counted=True),
    Moves(PlaceOverride, newest=("reviewed_at",), counted=True),
    # Every load of the reference data rewrites the towns' county links.
    Moves(TOWN_COUNTIES),
    # Every load that changes the earlier agreements adds one row (earlier/loader.py).
    Moves(EarlierLoad),
    # Curated texts keep every version (django-simple-history): the newest history id moves.
    Moves(_history(Hotline), newest=("history_id",)),
    Moves(_history(RightsSection), newest=("history_id",)),
    Moves(_history(CountyResource), newest=("history_id",)),
    Moves(_history(CommunityLink), newest=("history_id",)),
    Moves(_history(MeasureText), newest=("history_id",)),
    Moves(_history(NoteCheck), newest=("history_id",)),
    Moves(_history(Bill), newest=("history_id",)),
    # Officials: every load, curator's edit or applied correction writes history rows; the
    # district crosswalk (a few hundred rows, no history) is counted.
    Moves(_history(Office), newest=("history_id",)),
    Moves(_history(Person), newest=("history_id",)),
    Moves(_history(Term), newest=("history_id",)),
    Moves(_history(Contact), newest=("history_id",)),
    Moves(_history(Meeting), newest=("history_id",)),
    Moves(Office.represented_counties.through, counted=True),
    Moves(_history(DocumentTemplate), newest=("history_id",)),
    Moves(_history(Adoption), newest=("history_id",)),
    Moves(_history(ActivityReport), newest=("history_id",)),
    # Records: every load_detention that changed something adds a row; curated entries keep
    # every version.
    Moves(DetentionLoad),
    Moves(_history(LiabilityEntry), newest=("history_id",)),
    # Tracked requests change in place (status, public choice, review).
    Moves(TrackedRequest, newest=("updated_at",), counted=True),
    Moves(ResponseDocument, newest=("updated_at",), counted=True),
    Moves(PublicChange),  # campaigns and stories: every public change adds a row
)

_HISTORY_UPDATE = "written by the history update (history/services.py), with the checkpoint"
_EARLIER_LOAD = "written by load_earlier (earlier/loader.py), with a new load row"
_DETENTION_LOAD = "written by load_detention (records/loader.py), with a new load row"
_REFERENCE_LOAD = "written by load_places (places/reference.py), with every town's county links"
WRITTEN_WITH: tuple[WrittenWith, ...] = (
    WrittenWith(SheetRow, Publication, "stored with their publication, never changed after"),
    WrittenWith(Agency, Checkpoint, _HISTORY_UPDATE),
    WrittenWith(Agreement, Checkpoint, _HISTORY_UPDATE),
    WrittenWith(Listing, Checkpoint, _HISTORY_UPDATE),
    WrittenWith(AgencyPlace.counties.through, AgencyPlace, "written with their agency's place"),
    WrittenWith(State, TOWN_COUNTIES, _REFERENCE_LOAD),
    WrittenWith(County, TOWN_COUNTIES, _REFERENCE_LOAD),
    WrittenWith(Municipality, TOWN_COUNTIES, _REFERENCE_LOAD),
    WrittenWith(RosterAgency, TOWN_COUNTIES, _REFERENCE_LOAD),
    WrittenWith(RosterAgency.counties.through, TOWN_COUNTIES, _REFERENCE_LOAD),
    WrittenWith(EarlierAgreement, EarlierLoad, _EARLIER_LOAD),
    WrittenWith(EarlierCounty, EarlierLoad, _EARLIER_LOAD),
    WrittenWith(Hotline, _history(Hotline), "each save also writes a history row"),
    WrittenWith(RightsSection, _history(RightsSection), "each save also writes a history row"),
    WrittenWith(CountyResource, _history(CountyResource), "each save also writes a history row"),
    WrittenWith(CommunityLink, _history(CommunityLink), "each save also writes a history row"),
    WrittenWith(MeasureText, _history(MeasureText), "each save also writes a history row"),
    WrittenWith(NoteCheck, _history(NoteCheck), "each save also writes a history row"),
    WrittenWith(Bill, _history(Bill), "each save also writes a history row"),
    WrittenWith(Office, _history(Office), "each save also writes a history row"),
    WrittenWith(Person, _history(Person), "each save also writes a history row"),
    WrittenWith(Term, _history(Term), "each save also writes a history row"),
    WrittenWith(Contact, _history(Contact), "each save also writes a history row"),
    WrittenWith(Meeting, _history(Meeting), "each save also writes a history row"),
    # Pages never show corrections; applying one writes the offices' history.
    WrittenWith(Correction, _history(Office), "applied through the offices' history"),
    WrittenWith(
        DocumentTemplate, _history(DocumentTemplate), "each save also writes a history row"
    ),
    WrittenWith(Adoption, _history(Adoption), "each save also writes a history row"),
    WrittenWith(ActivityReport, _history(ActivityReport), "each save also writes a history row"),
    WrittenWith(Facility, DetentionLoad, _DETENTION_LOAD),
    WrittenWith(FacilityReport, DetentionLoad, _DETENTION_LOAD),
    WrittenWith(RateObservation, DetentionLoad, _DETENTION_LOAD),
    WrittenWith(LiabilityEntry, _history(LiabilityEntry), "each save also writes a history row"),
    WrittenWith(Campaign, PublicChange, "every save, approval or change of targets adds a row"),
    WrittenWith(Campaign.targets.through, PublicChange, "changing targets adds a row"),
    WrittenWith(Story, PublicChange, "every save, review or withdrawal adds a row"),
)


def covered_tables() -> set[str]:
    """Every table whose changes move the data version."""
    return {entry.model._meta.db_table for entry in (*VERSIONED, *WRITTEN_WITH)}


@functools.cache
def _version_sql() -> str:
    return "SELECT " + ", ".join(part for entry in VERSIONED for part in entry.sql())


def data_version() -> str:
    """Changes whenever anything a public page shows does: a digest of the values `VERSIONED`
    reads (short, and safe in any cache key)."""
    with connection.cursor() as cursor:
        cursor.execute(_version_sql())
        row = cursor.fetchone()
    values = "|".join("" if value is None else str(value) for value in row)
    return hashlib.sha256(values.encode()).hexdigest()[:20]
