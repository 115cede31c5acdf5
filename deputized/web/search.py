"""Search for a county, a town or an agency by name: forgiving of accents, case, "Co." and typos.

The index is small (100 NC counties, 554 towns, every state and about 1,600 agencies with all their
spellings), so it is built in memory once per data version and scored in Python.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from django.core.cache import cache
from django.urls import reverse

from deputized.history.models import Agency
from deputized.places.display import local_county_label, local_state_name, municipality_kind
from deputized.places.models import County, Municipality, State

# Abbreviations people type, and words that say nothing about which place is meant.
ABBREVIATIONS = {
    "co": "county",
    "cnty": "county",
    "cty": "county",
    "dept": "department",
    "pd": "police department",
    "so": "sheriffs office",
    "sheriff": "sheriffs",
    "st": "saint",
    "mt": "mount",
    "ft": "fort",
}
# Spanish words for the words of names ("alguacil duplin", "carolina del norte", "policía de
# Siler City"): a query in Spanish finds the names as ICE and the Census print them.
SPANISH = {
    "alguacil": "sheriffs",
    "alguaciles": "sheriffs",
    "policia": "police",
    "departamento": "department",
    "oficina": "office",
    "norte": "north",
    "sur": "south",
    "nueva": "new",
    "nuevo": "new",
    "occidental": "west",
}
ABBREVIATIONS |= SPANISH
# Words a query may carry that a name need not contain ("Condado de Duplin, NC").
FILLER = {
    *("of", "the", "de", "del", "la", "el", "los", "las", "nc"),
    *("condado", "ciudad", "pueblo", "villa", "town", "city", "village", "estado"),
}


def normalize(text: str) -> str:
    """Lowercase, without accents or punctuation, with abbreviations spelled out."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = text.replace("'", "").replace("’", "")
    words = re.findall(r"[a-z0-9]+", text)
    expanded = " ".join(ABBREVIATIONS.get(w, w) for w in words)
    return expanded


def _key_words(text: str) -> list[str]:
    return normalize(text).split()


@dataclass(frozen=True, slots=True)
class Entry:
    """One name in the index. The index is shared by both languages: what a reader sees
    (`label`, `where`, `kind_word`) is said in the reader's language when shown."""

    kind: str  # county, town, state, agency
    name: str
    detail: str
    url_name: str
    url_kwargs: tuple[tuple[str, str], ...]
    words: tuple[str, ...]
    # A county's (name, full name): the county itself, or a town's primary county.
    county: tuple[str, str] = ("", "")
    code: str = ""  # a state's USPS code
    town_kind: str = ""  # city, town, village

    def url(self) -> str:
        return reverse(self.url_name, kwargs=dict(self.url_kwargs))

    @property
    def label(self) -> str:
        """The name in the reader's language: `Condado de Duplin`, `Carolina del Norte`;
        agencies and towns keep their proper names."""
        if self.kind == "county":
            return local_county_label(*self.county)
        if self.kind == "state":
            return local_state_name(self.code, self.name)
        return self.name

    @property
    def where(self) -> str:
        """A town's county, a county's state, an agency's state code."""
        if self.kind == "town":
            return local_county_label(*self.county)
        if self.kind == "county":
            return local_state_name("NC", "North Carolina")
        return self.detail

    @property
    def kind_word(self) -> str:
        """`ciudad` for Charlotte, `pueblo` for Teachey (the Census's kind of each town)."""
        return municipality_kind(self.town_kind) if self.town_kind else ""


@dataclass(frozen=True, slots=True)
class Hit:
    entry: Entry
    score: float


def _index() -> list[Entry]:
    entries: list[Entry] = []
    for county in County.objects.filter(state_id="NC"):
        entries.append(
            Entry(
                "county",
                county.full_name,
                "NC",
                "web:county",
                (("state", "nc"), ("slug", county.slug)),
                tuple(_key_words(county.full_name)),
                county=(county.name, county.full_name),
            )
        )
    for town in Municipality.objects.filter(state_id="NC").select_related("primary_county"):
        entries.append(
            Entry(
                "town",
                town.name,
                town.primary_county.full_name,
                "web:town",
                (("state", "nc"), ("slug", town.slug)),
                tuple(_key_words(town.name)),
                county=(town.primary_county.name, town.primary_county.full_name),
                town_kind=town.kind,
            )
        )
    for state in State.objects.exclude(code=""):
        entries.append(
            Entry(
                "state",
                state.name,
                state.code,
                "web:state",
                (("state", state.slug),),
                tuple(_key_words(state.name)),
                code=state.code,
            )
        )
    for agency in Agency.objects.all():
        for spelling in dict.fromkeys([agency.name, *agency.spellings]):
            entries.append(
                Entry(
                    "agency",
                    agency.name,
                    agency.state,
                    "web:agency",
                    (("agency_id", agency.id),),
                    tuple(_key_words(spelling)),
                )
            )
    return entries


def _word_score(query_word: str, words: tuple[str, ...]) -> float:
    """How well one typed word matches a name: exact 1, a prefix 0.9, a near spelling ≤ 0.85."""
    best = 0.0
    for word in words:
        if word == query_word:
            return 1.0
        if len(query_word) >= 3 and word.startswith(query_word):
            best = max(best, 0.9)
        elif len(query_word) >= 4:
            ratio = difflib.SequenceMatcher(None, query_word, word).ratio()
            if ratio >= 0.75:
                best = max(best, ratio * 0.85)
    return best


def _score(query: list[str], entry: Entry) -> float:
    if not query or not entry.words:
        return 0.0
    scores = []
    for word in query:
        score = _word_score(word, entry.words)
        if score == 0.0 and word not in FILLER:
            return 0.0  # every meaningful typed word must match
        if score:
            scores.append(score)
    if not scores:
        return 0.0
    # Names with fewer words left unmatched rank first.
    coverage = len(scores) / max(len(entry.words), len(scores))
    kind_bonus = {"county": 0.03, "town": 0.02, "state": 0.01}.get(entry.kind, 0.0)
    return sum(scores) / len(scores) * 0.8 + coverage * 0.2 + kind_bonus


def search(query: str, *, version: object, limit: int = 30) -> list[Hit]:
    """The places and agencies whose names match `query`, best first, one hit per page."""
    words = _key_words(query)[:8]
    if not words:
        return []
    key = f"search-index:2:{version}"  # 2: entries carry their names for both languages
    index = cache.get(key)
    if index is None:
        index = _index()
        cache.set(key, index, 3600)
    best: dict[tuple, Hit] = {}
    for entry in index:
        score = _score(words, entry)
        if score <= 0:
            continue
        target = (entry.url_name, entry.url_kwargs)
        if target not in best or best[target].score < score:
            best[target] = Hit(entry, score)
    return sorted(best.values(), key=lambda h: (-h.score, h.entry.name))[:limit]
