"""What an ICE file name says: which list it claims to be, the date digits, slot and re-issue mark.

ICE's names look like `participatingAgencies05122025amB.xlsx`, `pendingAgencies07112025am_b.xlsx`,
`287gParticipatingAgencies091526pm.xlsx` or `pendingAgencies11122025.xlsx`; the converted pre-2025
rosters are named after their web-archive capture, `ParticipatingEntities-20210113002027.xlsx`.
The digits are often wrong (a 2025 that should be 2026, a stray digit); this module only reads them.
Deciding the real date needs evidence from the file's content: `deputized.archive.dating` does it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

# A local archive may prefix ICE's name with its own label (`2025-09-02pm_…`); that label is the
# archive's opinion, not ICE's, so it is set aside and never read as a date.
_ARCHIVE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}[a-z]*_(?=.)", re.IGNORECASE)
_WAYBACK = re.compile(r"entities-(?P<ts>\d{14})", re.IGNORECASE)
_ICE_NAME = re.compile(
    r"(?P<word>particip\w*?|pending\w*?)[-_ ]?(?P<digits>\d{6,9})"
    r"(?P<slot>am|mid|pm)?(?P<reissue>_?b|\d)?(?:\s*\(\d+\))?\.xlsx$",
    re.IGNORECASE,
)


# Characters no file name may hold on some system (Windows), or that would end the quoted name
# of a Content-Disposition header; ICE's names never use them.
_NOT_IN_FILE_NAMES = str.maketrans({ch: "_" for ch in '<>:"|?*'})
MAX_FILE_NAME_CHARS = 200  # Publication.file_name holds 255; ICE's longest is under 60


def clean_file_name(name: str) -> str:
    """A file name from outside (a server's header, a URL, a folder) made safe to store and to
    serve back: the last path part, no control or invisible format characters (a CR or LF would
    break the header that serves the file; a right-to-left override would disguise its name), no
    character Windows refuses, whitespace collapsed, at most 200 characters with its extension
    kept. "" when nothing usable is left. ICE's own names come out unchanged."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    kept = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in name)
    cleaned = " ".join(kept.translate(_NOT_IN_FILE_NAMES).split()).lstrip(". ")
    if len(cleaned) > MAX_FILE_NAME_CHARS:
        _, dot, suffix = cleaned.rpartition(".")
        suffix = dot + suffix if dot and len(suffix) <= 10 else ""
        cleaned = cleaned[: MAX_FILE_NAME_CHARS - len(suffix)].rstrip() + suffix
    return cleaned


@dataclass(frozen=True, slots=True)
class IceFileName:
    name: str  # ICE's file name, any local archive prefix removed
    claimed_kind: str | None  # "participating" / "pending": what the name says, often wrong
    digits: str  # the date digits as printed ("" when none)
    slot: str  # "am", "mid", "pm" or ""
    reissue: str  # "B", "_b", "2" … or ""
    capture: dt.datetime | None = None  # for converted web-archive captures

    @property
    def name_date(self) -> dt.date | None:
        """The date the digits spell, if they spell one (MMDDYYYY or MMDDYY)."""
        return date_from_digits(self.digits)


def date_from_digits(digits: str) -> dt.date | None:
    if len(digits) == 8:
        month, day, year = int(digits[:2]), int(digits[2:4]), int(digits[4:])
    elif len(digits) == 6:
        month, day, year = int(digits[:2]), int(digits[2:4]), 2000 + int(digits[4:])
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def strip_archive_prefix(name: str) -> str:
    return _ARCHIVE_PREFIX.sub("", name)


def parse_file_name(name: str) -> IceFileName:
    base = strip_archive_prefix(name.rsplit("/", 1)[-1])
    wayback = _WAYBACK.search(base)
    if wayback:
        capture = dt.datetime.strptime(wayback.group("ts"), "%Y%m%d%H%M%S")
        return IceFileName(base, "participating", "", "", "", capture=capture)
    match = _ICE_NAME.search(base)
    if not match:
        return IceFileName(base, None, "", "", "")
    word = match.group("word").lower()
    return IceFileName(
        name=base,
        claimed_kind="participating" if word.startswith("particip") else "pending",
        digits=match.group("digits"),
        slot=(match.group("slot") or "").lower(),
        reissue=match.group("reissue") or "",
    )
