"""The caches hold bounded memory, and what must hold across server processes (rate limits,
when a data version was first seen) is in the shared cache, which a restarted worker still reads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.cache.backends.base import InvalidCacheBackendError

from deputized.caches import BoundedLocMemCache, SharedFileCache

ROOT = Path(__file__).resolve().parents[1]


def bounded(**options: int) -> BoundedLocMemCache:
    made = BoundedLocMemCache(f"test-{id(options)}", {"OPTIONS": options})
    made.clear()
    return made


def test_the_memory_cache_never_holds_more_than_its_bytes():
    cache = bounded(MAX_BYTES=100_000, MAX_ENTRY_BYTES=30_000, MAX_ENTRIES=10_000)
    for index in range(200):
        cache.set(f"page-{index}", b"x" * 9_000)
        assert cache.total_bytes <= 100_000
    kept = [index for index in range(200) if cache.get(f"page-{index}") is not None]
    # The newest ones, as many as fit (about 9 KB each in 100 KB).
    assert kept == list(range(200 - len(kept), 200)) and 9 <= len(kept) <= 11
    assert cache.total_bytes == sum(cache._sizes.values())


def test_the_memory_cache_drops_the_least_recently_read_first():
    cache = bounded(MAX_BYTES=50_000, MAX_ENTRY_BYTES=30_000)
    for name in ("a", "b", "c", "d"):
        cache.set(name, b"x" * 10_000)
    cache.get("a")  # read: now the most recent
    cache.set("e", b"x" * 10_000)
    cache.set("f", b"x" * 10_000)
    assert cache.get("a") is not None
    assert cache.get("b") is None and cache.get("c") is None


def test_an_entry_too_large_is_not_kept_and_replaces_nothing_else():
    cache = bounded(MAX_BYTES=1_000_000, MAX_ENTRY_BYTES=30_000)
    cache.set("small", b"x" * 100)
    cache.set("large", b"x" * 50_000)
    assert cache.get("large") is None and cache.get("small") == b"x" * 100
    cache.set("small", b"x" * 50_000)  # a value grown too large is dropped, never left stale
    assert cache.get("small") is None and cache.total_bytes == 0


def test_the_default_cache_is_bounded_in_bytes_and_the_shared_one_is_on_disk(settings):
    assert isinstance(caches["default"], BoundedLocMemCache)
    assert caches["default"].max_bytes == 256 * 1024 * 1024
    assert isinstance(caches["shared"], SharedFileCache)
    assert Path(settings.CACHES["shared"]["LOCATION"]).is_relative_to(settings.ENV.var_dir)
    with pytest.raises(InvalidCacheBackendError):
        caches["nothing"]


def test_a_shared_counter_keeps_its_expiry_and_counts_across_processes(tmp_path):
    """Four processes count 50 each into one counter at once: 200, and the hour it was given
    stays an hour (Django's file cache would lose counts and give it the default timeout)."""
    import time

    cache = SharedFileCache(str(tmp_path), {"TIMEOUT": 24 * 3600})
    cache.add("hits", 0, 3600)
    script = (
        "import sys; from django.conf import settings; settings.configure()\n"
        "from deputized.caches import SharedFileCache\n"
        "cache = SharedFileCache(sys.argv[1], {'TIMEOUT': 86400})\n"
        "for _ in range(50): cache.incr('hits')\n"
    )
    workers = [
        subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], cwd=ROOT) for _ in range(4)
    ]
    assert [worker.wait(timeout=60) for worker in workers] == [0, 0, 0, 0]
    assert cache.get("hits") == 200
    with open(cache._key_to_file("hits"), "rb") as handle:
        import pickle

        expiry = pickle.load(handle)
    assert 3500 < expiry - time.time() <= 3600
    with pytest.raises(ValueError):
        cache.incr("never-set")


SIGNUP = {
    "topic": "county:37183",
    "channel": "email",
    "kinds": ["activated", "new_active"],
    "language": "en",
    "mode": "immediate",
    "website": "",
}


@pytest.mark.django_db
def test_the_sign_up_limit_outlives_a_restarted_worker(places, settings):
    """The limit per client is counted in the shared cache: a worker killed and started again
    (its memory empty) still refuses the client that used its sign-ups."""
    from django.test import Client

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    browser = Client(REMOTE_ADDR="203.0.113.7")
    limit = settings.ALERTS["SIGNUP_LIMIT_PER_CLIENT"]
    for index in range(limit):
        answer = browser.post("/en/alerts/", {**SIGNUP, "email": f"n{index}@example.org"})
        assert answer.status_code == 200
    caches["default"].clear()  # what a new worker has in memory: nothing
    again = browser.post("/en/alerts/", {**SIGNUP, "email": "late@example.org"})
    assert again.status_code == 429


@pytest.mark.django_db
def test_every_worker_gives_the_api_the_same_last_modified(client, settings):
    """When the data version was first seen is shared: another (or a restarted) process must
    not give the same answer a later Last-Modified."""
    import time

    settings.API_RATE_LIMIT = None
    first = client.get("/api/v1/agencies")
    caches["default"].clear()  # another worker: nothing in its memory
    time.sleep(1.1)
    again = client.get("/api/v1/agencies")
    assert again.status_code == 200 and again["Last-Modified"] == first["Last-Modified"]


def test_a_full_shared_cache_drops_expired_entries_before_live_ones(tmp_path):
    import time

    cache = SharedFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10}})
    for index in range(9):
        cache.set(f"old-{index}", 1, 1)
    cache.set("live", 7, 3600)
    time.sleep(1.1)
    for index in range(5):  # the folder is full: each set culls first
        cache.set(f"new-{index}", 1, 3600)
    # Only the live counter and the new entries are left: every expired one went first.
    assert len(list(tmp_path.glob("*.djcache"))) == 6
    assert cache.get("live") == 7
    assert all(cache.get(f"new-{index}") == 1 for index in range(5))
