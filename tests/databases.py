"""Databases the tests build once per session and switch between.

Most tests start from pytest-django's empty test database. Many need the places loaded, and a
few dozen need the whole real archive with its history; ingesting it for each module cost most of
the suite's time. So each test process builds, once, a copy of the test database with the places
(`reference`) and a copy of that with the whole archive (`archive`), then points Django's
connection at whichever a module asks for. Tests still run in a transaction that is rolled back
(`db`), so none changes what the next one reads.

A copy is made the way each database makes them cheaply: SQLite's online backup of the file,
PostgreSQL's `CREATE DATABASE … TEMPLATE`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from django.db import connection


def current_name() -> str:
    return str(connection.settings_dict["NAME"])


def _use(name: str) -> None:
    connection.close()
    connection.settings_dict["NAME"] = name


@contextlib.contextmanager
def use_database(name: str) -> Iterator[None]:
    """Point the default connection (of every thread that opens one from now) at `name`."""
    before = current_name()
    _use(name)
    try:
        yield
    finally:
        _use(before)


def _postgres_admin() -> object:
    import psycopg

    settings = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        autocommit=True,
    )


def copy_database(source: str, target: str) -> None:
    """`target` becomes a copy of `source` (replacing any database of that name)."""
    connection.close()
    if connection.vendor == "sqlite":
        with (
            contextlib.closing(sqlite3.connect(source)) as src,
            contextlib.closing(sqlite3.connect(target)) as dst,
        ):
            src.backup(dst)
        return
    with _postgres_admin() as admin:
        # A template must have no other session: an idle connection left by an earlier module's
        # server thread would make the copy fail ("being accessed by other users").
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [source],
        )
        admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
        admin.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')


def drop_database(name: str) -> None:
    connection.close()
    if connection.vendor == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(name + suffix)
        return
    with _postgres_admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def database_copy(source: str, label: str) -> Iterator[str]:
    """A copy of `source` of a module's own, in use until the block ends, then dropped: for a
    module fixture that must commit (an ingest the module's tests all read)."""
    if connection.vendor == "sqlite":
        name = str(Path(source).with_suffix(f".{label}.sqlite3"))
    else:
        name = f"{source}_{label}"
    copy_database(source, name)
    try:
        with use_database(name):
            yield name
    finally:
        drop_database(name)
