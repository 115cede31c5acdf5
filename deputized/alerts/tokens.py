"""Signed links (django.core.signing): no account, no password.

- A sign-up's confirmation link carries the whole request (address, place, preferences), so an
  address is stored only once its owner confirms it; it expires after a week.
- A subscriber's manage and unsubscribe links carry the subscriber's id and a digest of its
  secret: rotating the secret revokes every link sent before.
"""

from __future__ import annotations

import hashlib

from django.core import signing

from deputized.alerts.models import Subscriber

CONFIRM_SALT = "deputized.alerts.confirm"
MANAGE_SALT = "deputized.alerts.manage"
UNSUBSCRIBE_SALT = "deputized.alerts.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def confirm_token(request: dict) -> str:
    return signing.dumps(request, salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token: str) -> dict | None:
    try:
        return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None


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
