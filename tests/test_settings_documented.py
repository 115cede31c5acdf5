"""Every environment variable the code reads is documented in `.env.example`, and nothing else
reads the environment (conventions: one place reads it, and a setting without docs fails)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def read_names() -> set[str]:
    source = (ROOT / "deputized" / "env.py").read_text(encoding="utf-8")
    plain = re.findall(r'os\.environ\.get\(\s*"([A-Z0-9_]+)"', source)
    typed = re.findall(r'_(?:int|bool|float|list|hour)\(\s*"([A-Z0-9_]+)"', source)
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


def test_cache_url_shares_the_cache_through_redis(tmp_path):
    """With CACHE_URL, the pages, API answers and rate-limit counters live in Redis, shared by
    every server process (the machine's Redis, database 14)."""
    import subprocess
    import sys

    script = (
        "import django; django.setup()\n"
        "from django.core.cache import cache, caches\n"
        "cache.set('deputized-test', 41); cache.incr('deputized-test')\n"
        "print(type(caches['default']).__name__, cache.get('deputized-test'))\n"
        "cache.delete('deputized-test')\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "deputized.settings",
        "VAR_DIR": str(tmp_path),
        "DEBUG": "true",
        "CACHE_URL": "redis://127.0.0.1:6379/14",
    }
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["RedisCache", "42"]


def test_a_setting_out_of_range_stops_the_start_with_its_name(tmp_path):
    import subprocess
    import sys

    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "deputized.settings",
        "VAR_DIR": str(tmp_path),
        "DEBUG": "true",
        "ALERTS_DIGEST_HOUR": "24",
    }
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "ALERTS_DIGEST_HOUR must be an hour from 0 to 23, not 24" in done.stderr
