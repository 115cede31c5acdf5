"""Fixed-window rate limits for the public forms (alerts sign-up, officials corrections).

Counted in the shared cache, so every server process counts together and a restarted one forgets
nothing. Keys hold a digest, never the address or client itself.
"""

from __future__ import annotations

import hashlib

from django.core.cache import caches


def hit(key: str, limit: int, *, window: int = 3600) -> bool:
    """Count one attempt in the current window; True while within the limit."""
    cache = caches["shared"]
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count <= limit


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]
