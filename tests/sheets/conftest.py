"""The sheet reader is pure Python: these tests need neither Django nor a database.

tests/conftest.py has an autouse fixture, `_quiet_var_dir`, that asks for pytest-django's
`settings`; it is replaced here by a no-op so that `pytest tests/sheets -p no:django` runs.
Nothing in tests/sheets writes to MEDIA_ROOT.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _quiet_var_dir() -> None:
    """No Django settings to redirect: the reader writes no files."""
