"""Agency names: the key that makes two spellings the same name, ids, and similarity for renames."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from urllib.parse import unquote, urlsplit

from django.utils.text import slugify

# Abbreviations ICE expands or contracts between files ("PD" -> "Police Department").
_EXPANSIONS = {
    "pd": "police department",
    "so": "sheriffs office",
    "dept": "department",
    "co": "county",
    "bocc": "board of county commissioners",
    "doc": "department of corrections",
    "st": "saint",
    "twp": "township",
    "ofc": "office",
}
# Words every agency name has; what is left after removing them tells agencies apart.
GENERIC_WORDS = frozenset(
    (
        "the",
        "of",
        "and",
        "county",
        "counties",
        "city",
        "town",
        "township",
        "village",
        "parish",
        "borough",
        "sheriffs",
        "sheriff",
        "office",
        "police",
        "department",
        "dept",
        "public",
        "safety",
        "corrections",
        "correctional",
        "jail",
        "detention",
        "center",
        "services",
        "law",
        "enforcement",
        "district",
        "regional",
        "state",
        "marshals",
        "marshal",
        "constable",
        "constables",
    )
)


# Pure, and asked of the same few thousand spellings for every row of every list (history replay,
# places matching): each distinct spelling is worked out once per process.
@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Two spellings with the same key are the same name.

    Case, accents, punctuation, spacing and ICE's usual abbreviations do not count:
    "Miami Dade" = "Miami-Dade", "PD" = "Police Department".
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ").replace("'s ", "s ").replace("'", "")
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join(_EXPANSIONS.get(word, word) for word in words)


@functools.lru_cache(maxsize=8192)  # pure, and asked of the same few hundred words again and again
def _generic(word: str) -> bool:
    """A generic word, or a typo of one (ICE has printed "Couny")."""
    if word in GENERIC_WORDS:
        return True
    return len(word) >= 5 and any(ratio_at_least(word, g, 0.85) for g in _LONG_GENERIC_WORDS)


_LONG_GENERIC_WORDS = tuple(sorted(g for g in GENERIC_WORDS if len(g) >= 5))


def ratio_at_least(a: str, b: str, threshold: float) -> bool:
    """`SequenceMatcher(None, a, b).ratio() >= threshold`, trying difflib's cheap upper bounds
    first (`real_quick_ratio`, `quick_ratio`): the answer is the same, most pairs stop early."""
    matcher = difflib.SequenceMatcher(None, a, b)
    return (
        matcher.real_quick_ratio() >= threshold
        and matcher.quick_ratio() >= threshold
        and matcher.ratio() >= threshold
    )


@functools.lru_cache(maxsize=65536)  # pure; the respelling rules ask it of the same keys often
def distinctive(key: str) -> str:
    return " ".join(word for word in key.split() if not _generic(word))


def similar_names(a: str, b: str, threshold: float = 0.8, core_threshold: float = 0.7) -> bool:
    """Whether two names (already keyed) are plausibly one agency respelled.

    Both the whole names and their distinctive words (what is left after "County Sheriff's Office")
    must be close, so "Oldham County Sheriff's Office" never matches "Boone County Sheriff's
    Office" however alike the rest is. A name that only adds words to the other (`Department of
    Corrections` -> `Virginia Department of Corrections`) matches too.
    """
    if a == b:
        return True
    wa, wb = set(a.split()), set(b.split())
    if wa and wb and (wa < wb or wb < wa) and len(wa ^ wb) <= 2:
        return True
    if not ratio_at_least(a, b, threshold):
        return False
    da, db = distinctive(a), distinctive(b)
    if not (da and db):
        return da == db
    return ratio_at_least(da, db, core_threshold) and _no_word_replaced(da, db)


def _no_word_replaced(a: str, b: str) -> bool:
    """Whether every distinctive word one name has and the other lacks is a typo of one the
    other has: "University of North Florida" and "University of West Florida" are alike letter
    for letter, but "north" for "west" is another university ("Brookfield" / "Brookford" is a
    typo: 0.74 of difflib's ratio)."""
    only_a, only_b = set(a.split()) - set(b.split()), set(b.split()) - set(a.split())
    if not (only_a and only_b):
        return True
    return all(any(_same_word(x, y) for y in only_b) for x in only_a) and all(
        any(_same_word(y, x) for x in only_a) for y in only_b
    )


def _same_word(x: str, y: str) -> bool:
    """A typo of the other word, or an abbreviation of it ("mt" for "montana")."""
    short, long = sorted((x, y), key=len)
    if len(short) <= 3 and short[0] == long[0]:
        rest = iter(long)
        if all(letter in rest for letter in short):  # its letters, in order
            return True
    return ratio_at_least(x, y, 0.7)


# Abbreviations that only the holder comparison expands (`same_holder`): expanding them in
# `name_key` would change the ids of agencies first listed under them.
_HOLDER_EXPANSIONS = {"dps": "department of public safety"}


def _holder_words(key: str) -> tuple[str, ...]:
    words = " ".join(_HOLDER_EXPANSIONS.get(w, w) for w in key.split())
    return tuple(sorted(distinctive(words).split()))


def same_holder(a: str, b: str) -> bool:
    """Whether two names (already keyed) name one holder, for a row that takes the place of a row
    of the same state, model and signing date that left the list at that very publication.

    What tells holders apart is what is left after the generic words ("County Sheriff's Office",
    "Department"): it must be the same words in any order ("Wyoming Highway State Patrol" /
    "Wyoming State Highway Patrol"; "Flathead County Sheriff's Department" / "... Office";
    "Indian River Shores DPS" / "... Department of Public Safety"), or a typo of them (0.85 of
    difflib's ratio), and a sheriff is never a police department. Looser than `similar_names`,
    which must also hold for an agency that left any time before: here the signing date and
    the moment already tie the two rows together.
    """
    wa, wb = _holder_words(a), _holder_words(b)
    if not (wa and wb) or _kind(a) != _kind(b):
        return False
    return wa == wb or ratio_at_least(" ".join(wa), " ".join(wb), 0.85)


def _kind(key: str) -> str:
    """A sheriff and a town's police are two holders even in one place ("Haskell Police
    Department" / "Haskell County Sheriff's Office"); other names say nothing of it here."""
    words = set(key.split())
    if words & {"sheriff", "sheriffs"}:
        return "sheriff"
    return "police" if "police" in words else ""


def moa_file(url: str) -> str:
    """The file an MOA or addendum link names, which stays when ICE moves or re-hosts it."""
    return unquote(urlsplit(url).path.rsplit("/", 1)[-1]).lower() if url else ""


def agency_slug(state: str, name: str) -> str:
    return f"{state.lower()}-{slugify(name_key(name))}"[:120]


_COUNTY_WORDS = ("county", "parish", "borough")


def county_key(name: str) -> str:
    """The county a name or a COUNTY cell names, as a key ("Pasco County Sheriff's Office" and
    "Pasco County" -> "pasco"), or "" when it names none ("Lake Placid Police Department")."""
    words = name_key(name).split()
    for index, word in enumerate(words):
        if word in _COUNTY_WORDS and index:
            return " ".join(words[:index])
    return ""
