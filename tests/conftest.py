"""Shared test fixtures: where the real data lives, and a loopback-only network."""

from __future__ import annotations

import csv
import importlib
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SNAPSHOTS = SHARED / "data" / "ice" / "snapshots"
MANIFEST = SHARED / "data" / "ice" / "MANIFEST.csv"
COUNTS = SHARED / "data" / "ice" / "snapshot_counts.csv"


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
def _quiet_var_dir(tmp_path_factory: pytest.TempPathFactory, settings) -> None:
    """Nothing a test does lands in the developer's var/ folder."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"


@pytest.fixture(autouse=True)
def _fresh_page_cache() -> None:
    """Tests reuse primary keys (rolled-back transactions, wiped tables), which the live site
    never does: start every test with an empty cache so no page from another test is served."""
    from django.core.cache import cache

    cache.clear()
