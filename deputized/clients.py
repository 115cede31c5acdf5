"""Who is asking: the client's address, for the rate limits of the API and the sign-up form."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR; behind `NUM_PROXIES` proxies, the address the outermost of them saw (the
    entry that many places from the right of X-Forwarded-For). A client can write anything at
    the left of that header, so nothing else in it is trusted."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not proxies or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-min(proxies, len(hops))] if hops else remote
