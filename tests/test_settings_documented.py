"""Every environment variable the code reads is documented in `.env.example`, and nothing else
reads the environment (conventions: one place reads it, and a setting without docs fails)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def read_names() -> set[str]:
    source = (ROOT / "deputized" / "env.py").read_text(encoding="utf-8")
    plain = re.findall(r'os\.environ\.get\(\s*"([A-Z0-9_]+)"', source)
    typed = re.findall(r'_(?:int|bool|float)\(\s*"([A-Z0-9_]+)"', source)
    return set(plain) | set(typed)


def test_every_variable_env_py_reads_is_in_env_example():
    names = read_names()
    assert {"DATABASE_URL", "SITE_URL", "TASKS_BACKEND", "GUARD_QUARANTINE_SHARE"} <= names
    documented = set(re.findall(r"^([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert sorted(names - documented) == []


def test_only_env_py_and_the_cli_read_the_environment():
    readers = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "deputized").rglob("*.py")
        if re.search(r"os\.environ(?!\.setdefault\(\"DJANGO_SETTINGS_MODULE)", path.read_text())
    }
    assert readers <= {"deputized/env.py", "deputized/cli.py"}
