"""Many rows of one model written in one `executemany`, for the ingest's hot paths.

`QuerySet.bulk_create` builds a model instance per row and prepares every value through its field,
which costs more than the write itself for a 1,770-row publication. Here each row is a plain
tuple in the order of `fields`; only JSON values need the backend's own adaptation. The SQL is
`INSERT … ON CONFLICT (…) DO UPDATE SET col = excluded.col`, which SQLite (3.24+) and PostgreSQL
both accept, so nothing here depends on the backend.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

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
    adapters = [
        (i, adapter) for i, name in enumerate(fields) if (adapter := _adapter(by_attname[name]))
    ]
    if adapters:
        rows = (_adapted(row, adapters) for row in rows)
    with connection.cursor() as cursor:
        cursor.executemany(sql, list(rows))


def _adapter(field: models.Field) -> Callable[[object], object] | None:
    """What the backend needs done to a value of this field; None when the value goes as is."""
    if isinstance(field, models.JSONField):
        return lambda value: field.get_db_prep_save(value, connection)
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datefield_value
    return None


def _adapted(
    row: Sequence[object], adapters: list[tuple[int, Callable[[object], object]]]
) -> list[object]:
    values = list(row)
    for i, adapt in adapters:
        values[i] = adapt(values[i])
    return values
