"""Running the tests never touches the developer's var/ (their site's database, downloads, key).

The test settings (tests/settings.py) give each test process a temporary VAR_DIR. The proof runs
tests that write where the site writes (the downloads rebuilt into the default folder, a page
served, the database used) in a separate pytest process, and compares var/ before and after.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from deputized.opendata.build import manifest_read
from tests.settings import TEST_VAR_DIR

PROJECT_ROOT = Path(__file__).resolve().parents[1]
VAR = PROJECT_ROOT / "var"


def listing(folder: Path) -> dict[str, tuple[int, int]] | None:
    """Every file under the folder with its size and modification time (None: no folder)."""
    if not folder.exists():
        return None
    return {
        str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.django_db
def test_the_downloads_are_rebuilt_in_the_tests_own_folder(client):
    assert Path(settings.OPENDATA_DIR).is_relative_to(TEST_VAR_DIR)
    call_command("build_downloads", verbosity=0)  # into the default folder, as `make run` does
    assert manifest_read(Path(settings.OPENDATA_DIR))["as_of"] is None
    assert client.get("/downloads/agreements.csv").status_code == 200
    if connection.vendor == "sqlite":
        assert Path(connection.settings_dict["NAME"]).is_relative_to(TEST_VAR_DIR)


@pytest.mark.slow  # a second pytest process
def test_a_test_run_leaves_the_developers_var_folder_as_it_was():
    before = listing(VAR)
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "VAR_DIR"}}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-n",
            "0",
            "-p",
            "no:cacheprovider",
            "-q",
            f"{Path(__file__).relative_to(PROJECT_ROOT)}::"
            "test_the_downloads_are_rebuilt_in_the_tests_own_folder",
            "tests/web/test_home.py",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert listing(VAR) == before
