"""The test suite's settings: the project's own, with every file the tests write sent elsewhere.

The project keeps its database, downloads, static files and development key under `VAR_DIR`
(`var/` by default). A test run must never touch the developer's copy (running the suite after
`make run` used to replace the site's downloads with test data), so each test process gets a
temporary `VAR_DIR`, set here before the project's settings read the environment, and removed
when the process ends. SQLite's test database is a file there too (not Django's in-memory
default): the suite switches between it and the whole-archive database (tests/databases.py),
and threads and worker processes open their own connections to it.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

TEST_VAR_DIR = Path(tempfile.mkdtemp(prefix="deputized-tests-"))
os.environ["VAR_DIR"] = str(TEST_VAR_DIR)
# DEBUG is off unless set (deputized/env.py): the tests run as development does, with the console
# mail and SMS backends and a generated key, unless the environment says otherwise.
os.environ.setdefault("DEBUG", "true")
atexit.register(shutil.rmtree, TEST_VAR_DIR, ignore_errors=True)

from deputized.settings import *  # noqa: E402, F403

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(TEST_VAR_DIR / "test.sqlite3")}  # noqa: F405

# Hashing test users' passwords at full strength costs a quarter of a second each, for nothing.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
