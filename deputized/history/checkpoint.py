"""The history engine's state saved between updates, as JSON.

JSON, not pickle: loading a checkpoint cannot run code, whatever the database holds. Each object
is a list of its fields in the dataclass's order and dates are ISO strings. Only what a later
step reads or changes is kept: the reviewed decisions and the guard settings come from their
sources (`history.services` keys the checkpoint by them and by `engine_version`), and of the
events only the suspected ones, which a later publication may still confirm or retract, are
kept; every other event is settled and already in the database, so the checkpoint keeps only
how many there were (the numbering goes on from there).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import operator
from collections.abc import Callable
from pathlib import Path

from deputized.history import engine, names

FORMAT = 1

_ENGINE_SOURCES = (Path(engine.__file__), Path(names.__file__))


class CheckpointError(ValueError):
    """A checkpoint this code cannot continue from (another format, damaged)."""


def engine_version() -> str:
    """Changes whenever the engine's code does, so that a changed rule forces a replay rather
    than continuing from a state the old rules built."""
    sha = hashlib.sha256(str(FORMAT).encode())
    for path in _ENGINE_SOURCES:
        sha.update(path.read_bytes())
    return sha.hexdigest()[:16]


# The date fields of each saved class: everything else is a JSON value as it is.
_DATES: dict[type, tuple[str, ...]] = {
    engine.Agency: ("first_seen_on",),
    engine.Agreement: ("signed", "first_listed_on", "last_listed_on"),
    engine.Event: ("observed_on", "confirmed_on", "signed"),
    engine.Absence: ("first_absent_on",),
}


def _fields(cls: type) -> Callable[[object], tuple]:
    return operator.attrgetter(*(f.name for f in dataclasses.fields(cls)))


def _decoder(cls: type) -> Callable[[list], object]:
    fields = [f.name for f in dataclasses.fields(cls)]
    dates = [i for i, name in enumerate(fields) if name in _DATES[cls]]

    def decode(values: list) -> object:
        if len(values) != len(fields):
            raise CheckpointError(f"a {cls.__name__} of {len(values)} fields, not {len(fields)}")
        for i in dates:
            if values[i] is not None:
                values[i] = dt.date.fromisoformat(values[i])
        return cls(*values)

    return decode


def _iso(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not kept in a checkpoint")


def dump(state: engine.HistoryState) -> bytes:
    agency, agreement, event, absence = (_fields(c) for c in _DATES)
    waiting = {a.event_seq for by_key in state.absent.values() for a in by_key.values()}
    document = {
        "format": FORMAT,
        "processed": state.processed,
        "last_publication_id": state.last_publication_id,
        "events": len(state.events),
        "open_events": [event(state.event(seq)) for seq in sorted(waiting)],
        "agencies": [agency(a) for a in state.agencies.values()],
        "names": [[*key, agency_id] for key, agency_id in state.names.items()],
        "agreements": [agreement(a) for a in state.agreements.values()],
        "listed": {
            kind: [[*key, agreement_id] for key, agreement_id in by_key.items()]
            for kind, by_key in state.listed.items()
        },
        "absent": {
            kind: [[*key, *absence(a)] for key, a in by_key.items()]
            for kind, by_key in state.absent.items()
        },
        "removed": [[*key, agreement_id] for key, agreement_id in state.removed.items()],
        "deferred": {kind: sorted(map(list, keys)) for kind, keys in state.deferred.items()},
        "baselines": state.baselines,
    }
    return json.dumps(document, separators=(",", ":"), default=_iso).encode()


# What a loaded state holds in the place of a settled event (see the module docstring).
_SETTLED = engine.Event(0, "settled", "settled", dt.date.min, None, 0, None, "", "", "", None)


def load(
    data: bytes, *, settings: engine.GuardSettings, reviewed: engine.Reviewed
) -> engine.HistoryState:
    """The state `dump` saved; CheckpointError when it cannot be continued from."""
    try:
        document = json.loads(data)
        if document.get("format") != FORMAT:
            raise CheckpointError(f"checkpoint format {document.get('format')!r}, not {FORMAT}")
        return _state(document, settings, reviewed)
    except CheckpointError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as error:
        raise CheckpointError(f"the checkpoint cannot be read: {error}") from error


def _state(
    document: dict, settings: engine.GuardSettings, reviewed: engine.Reviewed
) -> engine.HistoryState:
    agency, agreement, event, absence = (_decoder(c) for c in _DATES)
    events = [_SETTLED] * document["events"]
    for values in document["open_events"]:
        open_event = event(values)
        events[open_event.seq - 1] = open_event
    agencies = (agency(values) for values in document["agencies"])
    agreements = (agreement(values) for values in document["agreements"])
    return engine.HistoryState(
        settings=settings,
        reviewed=reviewed,
        agencies={a.id: a for a in agencies},
        names={(state, key): agency_id for state, key, agency_id in document["names"]},
        agreements={a.id: a for a in agreements},
        events=events,
        listed={
            kind: {(a, model): agreement_id for a, model, agreement_id in rows}
            for kind, rows in document["listed"].items()
        },
        absent={
            kind: {(a, model): absence(values) for a, model, *values in rows}
            for kind, rows in document["absent"].items()
        },
        removed={(a, model): agreement_id for a, model, agreement_id in document["removed"]},
        deferred={
            kind: {(a, model) for a, model in keys} for kind, keys in document["deferred"].items()
        },
        baselines=dict(document["baselines"]),
        last_publication_id=document["last_publication_id"],
        processed=document["processed"],
    )
