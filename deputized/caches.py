"""The two cache backends Django lacks (settings.CACHES).

A local-memory cache with a bound in bytes, not only in entries.

Django's LocMemCache bounds the number of entries, not their size: a few thousand large API pages
are gigabytes. This one also refuses any value larger than `MAX_ENTRY_BYTES` and, past
`MAX_BYTES` in all, drops the least recently used entries first. Sizes are those of the pickled
values it keeps (what the memory holds, give or take the keys), so the bound is measured, not
guessed.
"""

from __future__ import annotations

import contextlib
import pickle
import time
import zlib
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.files import locks

# Per cache name, like LocMemCache's own stores: the size of every entry, and their total.
_sizes: dict[str, dict[str, int]] = {}
_totals: dict[str, list[int]] = {}


class BoundedLocMemCache(LocMemCache):
    def __init__(self, name: str, params: dict[str, Any]) -> None:
        super().__init__(name, params)
        options = params.get("OPTIONS", {})
        self.max_bytes = int(options.get("MAX_BYTES", 256 * 1024 * 1024))
        self.max_entry_bytes = int(options.get("MAX_ENTRY_BYTES", 2 * 1024 * 1024))
        self._sizes = _sizes.setdefault(name, {})
        self._total = _totals.setdefault(name, [0])

    @property
    def total_bytes(self) -> int:
        return self._total[0]

    def _set(self, key: str, value: bytes, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        size = len(key) + len(value)
        self._delete(key)
        if size > self.max_entry_bytes:
            return  # too large to keep: the caller computes it again next time
        # The least recently used entries are at the end (LocMemCache moves a read to the front).
        while self._cache and self._total[0] + size > self.max_bytes:
            self._delete(next(reversed(self._cache)))
        super()._set(key, value, timeout)
        self._sizes[key] = size
        self._total[0] += size

    def _cull(self) -> None:
        # As LocMemCache's, but through _delete, so the sizes follow.
        count = len(self._cache) // (self._cull_frequency or 1)
        for key in list(reversed(self._cache))[:count]:
            self._delete(key)

    def _delete(self, key: str) -> bool:
        self._total[0] -= self._sizes.pop(key, 0)
        return super()._delete(key)

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._sizes.clear()
            self._total[0] = 0


class SharedFileCache(FileBasedCache):
    """Django's file cache, whose `incr` keeps the entry's expiry and counts under a file lock.

    The shared cache without Redis (settings.CACHES["shared"]): every process of the machine reads
    the same files, so a rate-limit counter survives a killed worker. Django's own `incr` is a
    read then a `set`: two processes counting at once lose a count, and the `set` gives the
    counter the cache's default timeout, so an hourly limit would last a day after the last try.
    """

    def _cull(self) -> None:
        """At `MAX_ENTRIES`, first remove the entries that have expired (reading one removes it
        when it has), and only then, if still full, a random third, as Django does: a live
        counter is never dropped while dead ones fill the folder."""
        files = self._list_cache_files()
        if len(files) < self._max_entries:
            return
        for name in files:
            with contextlib.suppress(FileNotFoundError), open(name, "rb") as handle:
                self._is_expired(handle)
        super()._cull()

    def incr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        try:
            with open(self._key_to_file(key, version), "r+b") as handle:
                locks.lock(handle, locks.LOCK_EX)
                try:
                    expiry = pickle.load(handle)
                    if expiry is not None and expiry < time.time():
                        raise ValueError(f"Key '{key}' not found")
                    value = pickle.loads(zlib.decompress(handle.read())) + delta
                    handle.seek(0)
                    handle.truncate()
                    handle.write(pickle.dumps(expiry, self.pickle_protocol))
                    handle.write(zlib.compress(pickle.dumps(value, self.pickle_protocol)))
                    handle.flush()  # written before the lock is released, not at close
                    return value
                finally:
                    locks.unlock(handle)
        except FileNotFoundError:
            raise ValueError(f"Key '{key}' not found") from None
