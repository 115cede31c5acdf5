"""The links in messages: no account, no password, and never an address.

- A sign-up's confirmation link carries a random token, nothing else: the request waits on the
  server (`PendingSignup`, which keeps only the token's digest), so the address never reaches
  access logs or browser history. It works once, for `ALERTS["CONFIRM_HOURS"]`.
- A subscriber's manage and unsubscribe links are signed (django.core.signing) and carry the
  subscriber's id and a digest of its secret: rotating the secret revokes every link sent before.
"""

from __future__ import annotations

import hashlib
import secrets

from django.core import signing

from deputized.alerts.models import Subscriber

MANAGE_SALT = "deputized.alerts.manage"
UNSUBSCRIBE_SALT = "deputized.alerts.unsubscribe"


def new_confirm_token() -> tuple[str, str]:
    """A confirmation link's token and the digest stored in its place."""
    token = secrets.token_urlsafe(32)
    return token, confirm_token_hash(token)


def confirm_token_hash(token: str) -> str:
    # 256 random bits need no salt or slow hash: the digest only keeps the table from being
    # read back into working links.
    return hashlib.sha256(token.encode()).hexdigest()


def _stamp(subscriber: Subscriber) -> str:
    return hashlib.sha256(subscriber.secret.encode()).hexdigest()[:12]


def subscriber_token(subscriber: Subscriber, *, salt: str = MANAGE_SALT) -> str:
    return signing.dumps({"s": subscriber.pk, "v": _stamp(subscriber)}, salt=salt)


def read_subscriber_token(token: str, *, salt: str = MANAGE_SALT) -> Subscriber | None:
    try:
        data = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    subscriber = Subscriber.objects.filter(pk=data.get("s")).first()
    if subscriber is None or data.get("v") != _stamp(subscriber):
        return None
    return subscriber
