"""The API's rate limit: requests per client address in a fixed window (`API_RATE_LIMIT`).

A ninja throttle, applied by `http.api_view` before a response is served from the cache (ninja's
own hook runs inside the operation, which a cached response never reaches). One cache increment a
request: ninja's `AnonRateThrottle` keeps every request's timestamp in the window, which at a
generous limit means rewriting a list of thousands of entries on every request.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from deputized.clients import client_address

PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "1200/min" -> (1200, 60)."""
    count, _, period = rate.partition("/")
    return int(count), PERIODS[period.strip().lower()]


class AddressRateThrottle(BaseThrottle):
    def __init__(self, rate: str | None = None) -> None:
        self.rate = rate
        self._wait: float | None = None

    def allow_request(self, request: HttpRequest) -> bool:
        rate = self.rate if self.rate is not None else settings.API_RATE_LIMIT
        if not rate:
            return True
        limit, seconds = parse_rate(rate)
        now = time.time()
        window = int(now // seconds)
        key = f"api-throttle:{self.get_ident(request)}:{seconds}:{window}"
        if cache.add(key, 1, seconds + 1):
            hits = 1
        else:
            try:
                hits = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, seconds + 1)
                hits = 1
        if hits > limit:
            self._wait = (window + 1) * seconds - now
            return False
        return True

    def get_ident(self, request: HttpRequest) -> str:
        return client_address(request)

    def wait(self) -> float | None:
        return self._wait
