"""Writes of the history: a full replay from the archive, and an incremental update."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import connection, transaction

from deputized.archive.models import Publication, SheetRow
from deputized.bulk import bulk_write, collector_paused
from deputized.history import checkpoint as saved_state
from deputized.history import engine, reviewed
from deputized.history.models import Agency, Agreement, ChangeEvent, Checkpoint, Listing
from deputized.history.selectors import publications_in_history_order
from deputized.history.signals import history_settled, history_updated

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class HistoryResult:
    mode: str  # "replay", "incremental" or "current"
    publications: int
    events: int
    seconds: float
    # The agencies an incremental update added or changed (None after a replay: any may have),
    # so that what follows the history (places) can redo only those.
    agencies: frozenset[str] | None = None


def _guard() -> engine.GuardSettings:
    return engine.GuardSettings(**settings.HISTORY_GUARD)


def _settings_key(decided: engine.Reviewed) -> str:
    """What a checkpoint was built with: a change to any of these forces a replay."""
    inputs = json.dumps(asdict(_guard()), sort_keys=True) + reviewed.digest(decided)
    return hashlib.sha256((inputs + saved_state.engine_version()).encode()).hexdigest()


_ROW_FIELDS = (
    "publication_id",
    "row",
    "state",
    "agency",
    "county",
    "model",
    "signed",
    "moa_url",
    "addendum_url",
    "agency_type",
)


def _rows(publication_ids: list[int]) -> dict[int, list[engine.RowIn]]:
    """The rows of these publications as the engine reads them.

    The ORM's SQL, run on a plain cursor: the ORM's per-value converters cost as much as the
    read itself over 233,738 rows, and both backends' drivers already return the signing date
    as a date (Django registers SQLite's converter for `date` columns).
    """
    rows: dict[int, list[engine.RowIn]] = {pid: [] for pid in publication_ids}
    query = (
        SheetRow.objects.filter(publication_id__in=publication_ids)
        .order_by("publication_id", "row")
        .values_list(*_ROW_FIELDS)
    )
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(5000):
            for pid, *values in batch:
                rows[pid].append(engine.RowIn(*values))
    return rows


# What the engine reads of a publication (`_publication_in`).
_PUBLICATION_FIELDS = ("list_kind", "published_on", "slot", "file_name")


def _publication_in(publication: Publication, rows: list[engine.RowIn]) -> engine.PublicationIn:
    return engine.PublicationIn(
        id=publication.id,
        kind=publication.list_kind,
        date=publication.published_on,
        slot=publication.slot,
        file_name=publication.file_name,
        rows=tuple(rows),
    )


def _save_checkpoint(state: engine.HistoryState) -> None:
    Checkpoint.objects.all().delete()
    Checkpoint.objects.create(
        publication_id=state.last_publication_id,
        processed=state.processed,
        state=saved_state.dump(state),
        settings_key=_settings_key(state.reviewed),
    )


def _replay(
    publications: list[Publication], say: Progress
) -> tuple[engine.HistoryState, list[tuple[int, int, str]]]:
    """The engine run over every publication: its state, and every (publication, row,
    agreement) listing."""
    state = engine.HistoryState(settings=_guard(), reviewed=reviewed.load())
    listings: list[tuple[int, int, str]] = []
    batch = 40  # publications whose rows are loaded at once: bounded memory, few queries
    for start in range(0, len(publications), batch):
        chunk = publications[start : start + batch]
        rows = _rows([p.id for p in chunk])
        for publication in chunk:
            engine.step(state, _publication_in(publication, rows[publication.id]))
            listings.extend(
                (publication.id, row, agreement) for row, agreement in state.row_agreements
            )
        say(f"history: {min(start + batch, len(publications))}/{len(publications)} publications")
    return state, listings


@transaction.atomic
def history_replay(*, progress: Progress | None = None) -> HistoryResult:
    """Rebuild every agency, agreement, event and listing from the archive, deterministically."""
    started = time.perf_counter()
    publications = publications_in_history_order(*_PUBLICATION_FIELDS)
    with collector_paused():
        state, listings = _replay(publications, progress or (lambda _m: None))
        for model in (Listing, ChangeEvent, Agreement, Agency, Checkpoint):
            model.objects.all().delete()
        _write(Agency, engine.Agency, state.agencies.values())
        _write(Agreement, engine.Agreement, state.agreements.values())
        _write(ChangeEvent, engine.Event, state.events)
        bulk_write(Listing, _LISTING_FIELDS, listings)
        if publications:
            _save_checkpoint(state)
    result = HistoryResult(
        "replay", len(publications), len(state.events), time.perf_counter() - started
    )
    transaction.on_commit(lambda: _announce(result))
    return result


_LISTING_FIELDS = ("publication_id", "row", "agreement_id")


def _announce(result: HistoryResult) -> None:
    """Tell the layers that follow the history, the quick ones first (`history.signals`)."""
    history_updated.send(sender=HistoryResult, result=result)
    history_settled.send(sender=HistoryResult, result=result)


def _write(
    model: type[Agency | Agreement | ChangeEvent],
    item_type: type,
    items: Iterable[object],
    *,
    unique: str = "",
) -> None:
    """Write the engine's objects into their table in one statement. The engine's dataclasses
    carry exactly the model's fields, under their attribute names. With `unique`, rows already
    there are updated (the incremental update), in the fields the engine may have changed
    only: rewriting the others (an agreement's agency, an event's publication) would rewrite
    their indexes' entries for nothing. Without, the table is known to be empty."""
    names = [f.name for f in dataclasses.fields(item_type)]
    bulk_write(
        model,
        names,
        ([getattr(item, name) for name in names] for item in items),
        conflict=[unique] if unique else [],
        update=item_type.MUTABLE,
    )


def _apply(state: engine.HistoryState, new: list[Publication]) -> dict[str, set]:
    """Step the engine through the new publications and write what they added or changed;
    returns the ids of what they touched, by kind."""
    touched: dict[str, set] = {
        "agencies": set(),
        "agreements": set(),
        "events": set(),
        "moved": set(),
    }
    listings: list[tuple[int, int, str]] = []
    rows = _rows([p.id for p in new])
    for publication in new:
        engine.step(state, _publication_in(publication, rows[publication.id]))
        touched["agencies"] |= state.dirty_agencies
        touched["agreements"] |= state.dirty_agreements
        touched["events"] |= state.dirty_events
        touched["moved"] |= state.moved_agreements
        listings.extend((publication.id, row, agreement) for row, agreement in state.row_agreements)
    _upsert(state, touched)
    # After the agreements they point to (see `Listing.agreement`).
    bulk_write(Listing, _LISTING_FIELDS, listings)
    return touched


def _upsert(state: engine.HistoryState, touched: dict[str, set]) -> None:
    """Insert what is new and update what changed, one statement per table."""
    _write(
        Agency, engine.Agency, [state.agencies[i] for i in sorted(touched["agencies"])], unique="id"
    )
    _write(
        Agreement,
        engine.Agreement,
        [state.agreements[i] for i in sorted(touched["agreements"])],
        unique="id",
    )
    for agreement_id in sorted(touched["moved"]):  # rare: an agreement ICE moved to another agency
        Agreement.objects.filter(id=agreement_id).update(
            agency_id=state.agreements[agreement_id].agency_id
        )
    _write(
        ChangeEvent,
        engine.Event,
        [state.event(seq) for seq in sorted(touched["events"])],
        unique="seq",
    )


@transaction.atomic
def history_update(*, progress: Progress | None = None) -> HistoryResult:
    """Bring the history up to date with the archive.

    New publications that come after the last one processed are applied to the saved engine state,
    which gives exactly what a replay would (the same engine, the same order). Anything else (no
    saved state, one that cannot be read, other guard settings, reviewed CSVs or engine code, a
    publication older than the last one processed) falls back to a full replay.
    """
    started = time.perf_counter()
    checkpoint = Checkpoint.objects.first()
    decided = reviewed.load()
    publications = publications_in_history_order(*_PUBLICATION_FIELDS)
    ids = [p.id for p in publications]
    if (
        checkpoint is None
        or checkpoint.settings_key != _settings_key(decided)
        or checkpoint.publication_id not in ids
        or ids.index(checkpoint.publication_id) + 1 != checkpoint.processed
    ):
        return history_replay(progress=progress)
    new = publications[checkpoint.processed :]
    if not new:
        return HistoryResult(
            "current", 0, ChangeEvent.objects.count(), time.perf_counter() - started, frozenset()
        )
    # The collector paused: the loaded state is some 20,000 objects, which made one of its
    # full passes, at a random point of the update, a third of the update's time.
    with collector_paused():
        try:
            state = saved_state.load(bytes(checkpoint.state), settings=_guard(), reviewed=decided)
        except saved_state.CheckpointError:
            return history_replay(progress=progress)
        touched = _apply(state, new)
        _save_checkpoint(state)
    result = HistoryResult(
        "incremental",
        len(new),
        len(state.events),
        time.perf_counter() - started,
        frozenset(touched["agencies"]),
    )
    transaction.on_commit(lambda: _announce(result))
    return result


def today() -> dt.date:
    return dt.date.today()


def update_after_ingest(*, progress: Progress | None = None, **_: object) -> HistoryResult | None:
    """Receiver of `archive.signals.publications_stored`."""
    if not settings.HISTORY_AUTO_UPDATE:
        return None
    result = history_update(progress=progress)
    if progress:
        progress(
            f"history: {result.mode}, {result.publications} publications, "
            f"{result.events} events ({result.seconds:.2f} s)"
        )
    return result
