"""The admin's sign-in, with failed attempts limited per client address and per username.

Counted in the shared cache (settings.CACHES["shared"]), so every server process sees the same
counts and a restarted one forgets nothing. Once a client or a username has failed `PER_CLIENT`
or `PER_USERNAME` times in the current window, every attempt is refused until the window ends,
the right password included: a guesser learns nothing from trying on. Cache keys hold digests,
never the address or the name.
"""

from __future__ import annotations

import hashlib
import math
import time
from typing import Any

from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from deputized.clients import client_address

PER_CLIENT = 10  # failed sign-ins per client address and window
PER_USERNAME = 5  # failed sign-ins per username and window, from any address
WINDOW_SECONDS = 15 * 60


def _keys(*, client: str, username: str) -> dict[str, int]:
    """The counters of the current window, with their limits."""
    window = int(time.time() // WINDOW_SECONDS)

    def digest(value: str) -> str:
        return hashlib.sha256(value.encode()).hexdigest()[:32]

    return {
        f"admin-login:client:{digest(client)}:{window}": PER_CLIENT,
        f"admin-login:username:{digest(username.strip().casefold())}:{window}": PER_USERNAME,
    }


def login_blocked_seconds(*, client: str, username: str) -> float:
    """How long sign-ins stay refused for this client or username (0: not refused)."""
    shared = caches["shared"]
    counters = _keys(client=client, username=username).items()
    if any((shared.get(key) or 0) >= limit for key, limit in counters):
        return WINDOW_SECONDS - time.time() % WINDOW_SECONDS
    return 0.0


def login_failure_record(*, client: str, username: str) -> None:
    shared = caches["shared"]
    for key in _keys(client=client, username=username):
        if not shared.add(key, 1, WINDOW_SECONDS + 60):
            try:
                shared.incr(key)
            except ValueError:  # expired in between
                shared.set(key, 1, WINDOW_SECONDS + 60)


class ThrottledAdminLoginForm(AdminAuthenticationForm):
    """The admin's sign-in form (set as `admin.site.login_form` in deputized/urls.py)."""

    def clean(self) -> dict[str, Any]:
        client = client_address(self.request) if self.request else ""
        username = self.cleaned_data.get("username") or ""
        blocked = login_blocked_seconds(client=client, username=username)
        if blocked:
            minutes = math.ceil(blocked / 60)
            raise ValidationError(
                ngettext(
                    "Too many failed sign-ins. Try again in %(minutes)d minute.",
                    "Too many failed sign-ins. Try again in %(minutes)d minutes.",
                    minutes,
                )
                % {"minutes": minutes},
                code="throttled",
            )
        try:
            return super().clean()
        except ValidationError:
            login_failure_record(client=client, username=username)
            raise
