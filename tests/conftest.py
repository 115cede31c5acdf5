"""Shared test fixtures: where the real data lives, and the databases built once per session.

Three databases serve the suite (tests/databases.py), each built once per test process:
- pytest-django's test database, empty but for what migrations seed: the default;
- `places`: a copy with the reference data loaded (states, counties, NC towns, the roster) and
  the earlier agreements (before 2021);
- `archive`: a copy of that with every real ICE file ingested as the site ingests them (the
  history updated, every agency placed, the downloads rebuilt). It is built the way the live
  fetch grows it: all but the newest twelve workbooks in one run, then those twelve one at a
  time, so the archive tests also check that an incremental history equals a replay.
A module asks for one with the module fixture of that name; its tests then run in transactions
that are rolled back, so every test reads the same data. Nothing a test may flush (`transaction=
True`, pytest-django's `live_server`) runs on the shared copies.
"""

from __future__ import annotations

import csv
import importlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from _pytest.nodeid import coerce_node_id
from django.db.models.signals import post_migrate

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SNAPSHOTS = SHARED / "data" / "ice" / "snapshots"
WAYBACK = SHARED / "data" / "ice" / "wayback_converted"
MANIFEST = SHARED / "data" / "ice" / "MANIFEST.csv"
COUNTS = SHARED / "data" / "ice" / "snapshot_counts.csv"
# The newest workbooks, ingested one at a time into the archive database after all the others.
ONE_AT_A_TIME = 12


def require_shared() -> None:
    if not SNAPSHOTS.is_dir():
        pytest.fail(f"the real ICE workbooks are missing: expected them in {SNAPSHOTS}")


def seed_community() -> None:
    """Put back the hotlines and Know Your Rights texts that a migration seeds: a transactional
    test's flush empties every table, migration data included, and the live site always has them."""
    from django.apps import apps

    seeding = importlib.import_module(
        "deputized.community.migrations.0002_seed_hotlines_and_rights"
    )
    seeding.seed(apps, None)
    # ... as the later migration left them (the seeded "not re-confirmed" note cleared).
    later = importlib.import_module(
        "deputized.community.migrations.0003_hotline_operators_and_county_resources"
    )
    later.clear_seeded_notes(apps, None)
    links = importlib.import_module("deputized.community.migrations.0005_seed_community_links")
    links.seed(apps, None)


def seed_bills() -> None:
    """Put back the bill table a migration seeds (the status of the bills the guidance cites)."""
    from django.apps import apps

    importlib.import_module("deputized.oversight.migrations.0003_seed_bills").seed(apps, None)


def _reseed_after_flush(sender: object, **kwargs: object) -> None:
    """The flush that ends a transactional test sends post_migrate: the tests after it find the
    migration-seeded content as on a freshly migrated database."""
    name = getattr(sender, "name", "")
    if name == "deputized.community":
        seed_community()
    elif name == "deputized.oversight":
        seed_bills()


post_migrate.connect(_reseed_after_flush, dispatch_uid="tests-reseed-community")


@pytest.fixture(scope="session")
def snapshots_dir() -> Path:
    require_shared()
    return SNAPSHOTS


@pytest.fixture(scope="session")
def manifest() -> dict[str, dict[str, str]]:
    """MANIFEST.csv rows by sha256: the answer key, never an input of the code under test."""
    require_shared()
    with MANIFEST.open(newline="") as handle:
        return {row["sha256"]: row for row in csv.DictReader(handle) if row["sha256"]}


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    """Tests reuse primary keys (rolled-back transactions, wiped tables), and switch databases,
    which the live site never does: start every test with empty caches, so no page from another
    test is served and no rate limit another test counted applies."""
    from django.core.cache import caches

    from deputized.places.status import forget_standings

    for cache in caches.all():
        cache.clear()
    forget_standings()


# --- the databases built once per session ---

SHARED_DATABASES: set[str] = set()  # their names, once built


@pytest.fixture(autouse=True)
def _shared_databases_are_never_flushed(request: pytest.FixtureRequest) -> None:
    """A transactional test empties every table when it ends: on a shared database, the tests
    after it would read nothing. Such a test must run on the test database."""
    marker = request.node.get_closest_marker("django_db")
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if transactional and SHARED_DATABASES:
        from tests.databases import current_name

        if current_name() in SHARED_DATABASES:
            pytest.fail(f"a transactional test would empty the shared database {current_name()}")


@dataclass
class ArchiveBuild:
    """The whole-archive database, and what building it did, for the tests of the ingest."""

    name: str
    downloads: Path  # the downloads, rebuilt by the last ingest
    manifest_before: dict  # the downloads' manifest built before any publication
    runs: list = field(default_factory=list)  # IngestResult of each run, in order
    one_at_a_time_seconds: list[float] = field(default_factory=list)


def _copy_name(test_name: str, label: str) -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        return str(Path(test_name).with_suffix(f".{label}.sqlite3"))
    return f"{test_name}_{label}"


@pytest.fixture(scope="session")
def test_database(django_db_setup) -> str:
    """The name of pytest-django's test database (before any module switches away from it)."""
    from tests.databases import current_name

    return current_name()


@pytest.fixture(scope="session")
def places_database(test_database: str, django_db_blocker) -> Iterator[str]:
    """A copy of the test database with the reference data and the earlier agreements loaded
    and the officials directory (about 5 s), as `make run` loads them before any ICE file."""
    from deputized.earlier.loader import earlier_agreements_load
    from deputized.officials.loader import load_officials
    from deputized.places.reference import load_reference
    from deputized.records.loader import load_detention
    from tests.databases import copy_database, drop_database, use_database

    with django_db_blocker.unblock():
        name = _copy_name(test_database, "places")
        SHARED_DATABASES.add(name)
        copy_database(test_database, name)
        with use_database(name):
            load_reference()
            load_officials()
            earlier_agreements_load()
            load_detention()
        yield name
        drop_database(name)


@pytest.fixture(scope="session")
def archive_database(
    test_database: str,
    places_database: str,
    django_db_blocker,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[ArchiveBuild]:
    """A copy of the places database with every real ICE file ingested (tests/conftest.py)."""
    from django.test import override_settings

    from deputized.archive.ingest.run import run
    from deputized.opendata.build import downloads_build, manifest_read
    from tests.databases import copy_database, drop_database, use_database

    require_shared()
    build = ArchiveBuild(
        name=_copy_name(test_database, "archive"),
        downloads=tmp_path_factory.mktemp("archive-downloads"),
        manifest_before={},
    )
    files = sorted(SNAPSHOTS.glob("*.xlsx"))
    history, newest = files[:-ONE_AT_A_TIME], files[-ONE_AT_A_TIME:]
    SHARED_DATABASES.add(build.name)
    with django_db_blocker.unblock():
        copy_database(places_database, build.name)
        with (
            use_database(build.name),
            override_settings(OPENDATA_DIR=build.downloads, OPENDATA_AUTO_BUILD=False),
        ):
            downloads_build()  # as `make run` does once: later ingests rebuild them
            build.manifest_before = manifest_read(build.downloads)
            build.runs.append(run(paths=[*history, WAYBACK]))
            for index, path in enumerate(newest, start=1):
                # Only the last ingest rebuilds the downloads (5 s each), as after any ingest.
                with override_settings(OPENDATA_AUTO_BUILD=index == len(newest)):
                    started = time.perf_counter()
                    build.runs.append(run(paths=[path]))
                    build.one_at_a_time_seconds.append(time.perf_counter() - started)
        yield build
        drop_database(build.name)


@pytest.fixture(scope="module")
def places(places_database: str) -> Iterator[str]:
    """The module's tests read (and roll back their writes to) the places database."""
    from tests.databases import use_database

    with use_database(places_database):
        yield places_database


@pytest.fixture(scope="module")
def archive(archive_database: ArchiveBuild) -> Iterator[ArchiveBuild]:
    """The module's tests read (and roll back their writes to) the whole-archive database."""
    from django.test import override_settings

    from tests.databases import use_database

    with (
        use_database(archive_database.name),
        override_settings(OPENDATA_DIR=archive_database.downloads),
    ):
        yield archive_database


@pytest.fixture(scope="module")
def placed(archive: ArchiveBuild) -> ArchiveBuild:
    """The archive database has the places loaded and every agency placed."""
    return archive


# --- how the suite is split ---

ARCHIVE_FIXTURES = {"archive_database", "archive", "placed"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test on the archive database is slow (it needs the whole archive built). Under xdist
    (`--dist loadgroup`), all such tests go to one worker, so that only one process builds it,
    and every other module goes whole to one worker, so that its module fixtures are set up
    once. The archive's group, the longest, is handed out first.

    The group is written into the test's id (`…@group`), which is what xdist's scheduler reads:
    xdist 3.8 does that for its `xdist_group` mark by setting `item._nodeid`, which pytest 9.2
    no longer reads (the id is `item._id`), so the mark alone groups nothing."""
    grouped = getattr(config.option, "loadgroup", False)  # set in xdist's workers only
    shared, others = [], []
    for item in items:
        if ARCHIVE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
            group = "archive"
            shared.append(item)
        else:
            group = item.nodeid.split("::")[0]
            others.append(item)
        if grouped:
            item._id = coerce_node_id(f"{item.nodeid}@{group}")
    items[:] = shared + others
