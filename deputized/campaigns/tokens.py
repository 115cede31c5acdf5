"""The links participants receive: signed (django.core.signing), carrying a row's id and a digest
of a random value kept with it, never an address or a name.

- A letter's confirmation link works for `CONFIRM_DAYS` days; confirming twice sends nothing
  twice (services.letter_confirm).
- A story's private link lets its teller edit or withdraw it at any time.
"""

from __future__ import annotations

import hashlib
import secrets

from django.core import signing

from deputized.campaigns.models import Letter, Story

LETTER_SALT = "deputized.campaigns.letter"
STORY_SALT = "deputized.campaigns.story"
CONFIRM_DAYS = 7


def new_secret() -> str:
    return secrets.token_urlsafe(24)


def _stamp(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()[:16]


def letter_token(letter: Letter) -> str:
    return signing.dumps({"l": letter.pk, "v": _stamp(letter.nonce)}, salt=LETTER_SALT)


def read_letter_token(token: str) -> Letter | None:
    try:
        data = signing.loads(token, salt=LETTER_SALT, max_age=CONFIRM_DAYS * 86400)
    except signing.BadSignature:
        return None
    letter = Letter.objects.select_related("campaign").filter(pk=data.get("l")).first()
    if letter is None or letter.erased_at or data.get("v") != _stamp(letter.nonce):
        return None
    return letter


def story_token(story: Story) -> str:
    return signing.dumps({"s": story.pk, "v": _stamp(story.secret)}, salt=STORY_SALT)


def read_story_token(token: str) -> Story | None:
    try:
        data = signing.loads(token, salt=STORY_SALT)
    except signing.BadSignature:
        return None
    story = Story.objects.filter(pk=data.get("s")).first()
    if story is None or data.get("v") != _stamp(story.secret):
        return None
    return story
