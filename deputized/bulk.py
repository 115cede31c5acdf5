"""Many rows of one model written in one `executemany`, for the ingest's hot paths.

`QuerySet.bulk_create` builds a model instance per row and prepares every value through its field,
which costs more than the write itself for a 1,770-row publication. Here each row is a plain
tuple in the order of `fields`; only JSON, date and time values need the backend's adaptation,
with the backend's operations looked up once, not through the `connection` proxy per value.
The SQL is `INSERT … ON CONFLICT (…) DO UPDATE SET col = excluded.col`, which SQLite (3.24+) and
PostgreSQL both accept, so nothing here depends on the backend.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence

from django.db import connection, models


def bulk_write(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    conflict: Sequence[str] = (),
    update: Sequence[str] = (),
) -> None:
    """Insert `rows` (tuples of values for `fields`, by attribute name: `agency_id`, not
    `agency`). With `conflict`, a row whose unique `conflict` columns exist updates `update`."""
    meta = model._meta
    by_attname = {f.attname: f for f in meta.concrete_fields}
    columns = [by_attname[name].column for name in fields]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    if conflict:
        targets = ", ".join(quote(by_attname[name].column) for name in conflict)
        changes = ", ".join(
            f"{quote(by_attname[name].column)} = excluded.{quote(by_attname[name].column)}"
            for name in update
        )
        sql += f" ON CONFLICT ({targets}) DO " + (f"UPDATE SET {changes}" if changes else "NOTHING")
    ops = connection.ops
    adapters = [
        (i, adapter)
        for i, name in enumerate(fields)
        if (adapter := _adapter(by_attname[name], ops))
    ]
    if adapters:
        rows = (_adapted(row, adapters) for row in rows)
    with connection.cursor() as cursor:
        cursor.executemany(sql, list(rows))


def _adapter(field: models.Field, ops: object) -> Callable[[object], object] | None:
    """What the backend needs done to a value of this field; None when the value goes as is."""
    if isinstance(field, models.JSONField):
        return _json_adapter(functools.partial(ops.adapt_json_value, encoder=field.encoder))
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    return None


def _json_adapter(adapt: Callable[[object], object]) -> Callable[[object], object]:
    """`JSONField.get_db_prep_save` for plain values: None stays SQL NULL, the rest is encoded.
    Most rows' JSON is an empty object (no column beyond ICE's usual ones): encoded once."""
    empty = adapt({})

    def adapted(value: object) -> object:
        if value is None:
            return None
        if value == {}:
            return empty
        return adapt(value)

    return adapted


def _adapted(
    row: Sequence[object], adapters: list[tuple[int, Callable[[object], object]]]
) -> list[object]:
    values = list(row)
    for i, adapt in adapters:
        values[i] = adapt(values[i])
    return values


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off for the length of a bulk job. A replay keeps hundreds of
    thousands of objects alive until it writes them (rows read, listings, the engine's state);
    the collector walked them all again and again, a third of the replay's time, to find no
    cycles worth collecting. It runs again when the job ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
