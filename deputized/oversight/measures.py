"""What a public body in North Carolina can do about 287(g), given where its agreements stand.

`measures_for(jurisdiction)` picks, from the entries of `data.py`, the measures of the matching
rows of the measures matrix (nc-policy.md §3), the limits that explain what the body cannot do,
and the state duties that apply whatever it decides. Pure Python: the database-aware wrapper that
finds a place's jurisdiction and curators' rewordings is `selectors.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TypeVar

from django.utils.text import format_lazy

from deputized.oversight import data
from deputized.oversight.jurisdiction import (
    ADDRESSEE_NAMES,
    MODEL_NAMES,
    MODELS,
    Addressee,
    BillStatus,
    Body,
    Citation,
    Jurisdiction,
    Row,
    Status,
    Text,
)

__all__ = [
    "ADDRESSEE_NAMES",
    "MODELS",
    "MODEL_NAMES",
    "Addressee",
    "BillStatus",
    "Body",
    "Citation",
    "Guidance",
    "Jurisdiction",
    "Limit",
    "Measure",
    "Override",
    "StateDuty",
    "Status",
    "all_keys",
    "measures_for",
    "resolve",
]


@dataclass(frozen=True, slots=True)
class Item:
    """What every piece of guidance shows: a title, plain words, and where it comes from, as
    legal notes of three kinds: the law (`basis`, `statutes`, `bills`), the ACLU of North
    Carolina's recommendation (`recommendation`) and an open question (`question`, `ask`)."""

    key: str  # a stable slug: letters and curators' rewordings refer to it
    title: Text
    text: Text
    basis: Text  # legal basis or source, in words
    aclu: bool = False  # recommended in the ACLU of North Carolina's June 2026 briefing
    question: Text = ""  # an open legal question; empty: none
    ask: Text = ""  # who can answer the question for the reader's place
    citations: tuple[Citation, ...] = ()
    bills: tuple[BillStatus, ...] = ()  # the status of each bill cited, where known
    checked_on: dt.date | None = None  # when a curator checked it against the official text

    @property
    def statutes(self) -> tuple[Citation, ...]:
        """The statutes (and the constitution) behind what the law says: citations that are not
        bills, less those only the open question is about."""
        asked = self.question_statutes
        return tuple(c for c in self.citations if not c.bill and c not in asked)

    @property
    def question_statutes(self) -> tuple[Citation, ...]:
        """The statutes the open question names and the basis does not: linked with the question,
        so the law note never carries the doubt about it."""
        basis, question = str(self.basis), str(self.question)
        return tuple(
            c
            for c in self.citations
            if not c.bill and str(c.label) in question and str(c.label) not in basis
        )

    @property
    def recommendation(self) -> Citation | None:
        return data.ACLU_BRIEFING if self.aclu else None


@dataclass(frozen=True, slots=True)
class Measure(Item):
    """A reporting, process or transparency step the body (or a resident) can take."""

    addressed_to: tuple[Addressee, ...] = ()

    @property
    def is_request(self) -> bool:
        """The sheriff is independently elected: anything addressed to the sheriff is a request."""
        return Addressee.SHERIFF in self.addressed_to


@dataclass(frozen=True, slots=True)
class Limit(Item):
    """Something the body cannot do, and why."""


@dataclass(frozen=True, slots=True)
class StateDuty(Item):
    """A duty that applies whatever the local choice on 287(g) (state law, or a federal program)."""


ItemT = TypeVar("ItemT", bound=Item)


@dataclass(frozen=True, slots=True)
class Override:
    """A curator's rewording of one entry in one language; an empty field keeps the default."""

    title: str = ""
    text: str = ""
    basis: str = ""
    question: str = ""


@dataclass(frozen=True, slots=True)
class Guidance:
    """Everything a page, letter or records request needs to tell a body what it can do."""

    jurisdiction: Jurisdiction
    who: Text  # which body acts
    measures: list[Measure]
    limits: list[Limit]
    state_duties: list[StateDuty]
    urgency: Text | None = None  # set when an agreement is pending: act before it is signed
    disclaimer: Text = field(default=data.DISCLAIMER)


def measures_for(
    jurisdiction: Jurisdiction,
    overrides: Mapping[str, Override] | None = None,
    *,
    checks: Mapping[str, dt.date] | None = None,
    bills: Mapping[str, BillStatus] | None = None,
) -> Guidance:
    """The guidance for a body and status, with curators' rewordings (by key) applied, the day a
    curator checked each entry (`checks`, by key) and the status of the bills cited (`bills`,
    by bill key)."""
    overrides = overrides or {}
    curated = _Curated(overrides, checks or {}, bills or {})
    matrix_rows = _rows(jurisdiction)
    expansion_rows = {Row(jurisdiction.body, Status.PENDING)} if jurisdiction.expanding else set()
    measures = [
        _build(Measure, entry, curated, addressed_to=entry.addressed_to)
        for entry in data.MEASURES
        if entry.rows & matrix_rows or (entry.on_expansion and entry.rows & expansion_rows)
    ]
    limits = [_build(Limit, entry, curated) for entry in data.LIMITS if entry.rows & matrix_rows]
    duties = [_build(StateDuty, entry, curated) for entry in data.STATE_DUTIES]
    return Guidance(
        jurisdiction=jurisdiction,
        who=data.WHO[jurisdiction.body],
        measures=measures,
        limits=limits,
        state_duties=duties,
        urgency=_urgency(jurisdiction),
    )


def all_keys() -> list[str]:
    """Every entry's key, in display order: the keys curators can reword."""
    return [entry.key for entry in (*data.MEASURES, *data.LIMITS, *data.STATE_DUTIES)]


def _rows(jurisdiction: Jurisdiction) -> set[Row]:
    """The matrix rows a jurisdiction falls in: its status, and that status for each model."""
    body, status = jurisdiction.body, jurisdiction.status
    return {Row(body, status), *(Row(body, status, model) for model in jurisdiction.models)}


def _urgency(jurisdiction: Jurisdiction) -> Text | None:
    if jurisdiction.status is Status.PENDING:
        note = data.PENDING_URGENCY[jurisdiction.body]
    elif jurisdiction.expanding:
        note = data.EXPANSION_URGENCY
    else:
        return None
    if "TFM" in jurisdiction.pending_models - jurisdiction.models:
        return format_lazy("{} {}", note, data.TASK_FORCE_PENDING)
    return note


@dataclass(frozen=True, slots=True)
class _Curated:
    """What curators keep in the database, passed in so this module stays pure."""

    overrides: Mapping[str, Override]
    checks: Mapping[str, dt.date]
    bills: Mapping[str, BillStatus]


def _build(kind: type[ItemT], entry: data.Entry, curated: _Curated, **extra: object) -> ItemT:
    override = curated.overrides.get(entry.key, Override())
    question = override.question or entry.question
    return kind(
        key=entry.key,
        title=override.title or entry.title,
        text=override.text or entry.text,
        basis=override.basis or entry.basis,
        aclu=entry.aclu,
        question=question,
        ask=ADDRESSEE_NAMES[entry.ask] if question and entry.ask else "",
        citations=entry.citations,
        bills=tuple(curated.bills[c.bill] for c in entry.citations if c.bill in curated.bills),
        checked_on=curated.checks.get(entry.key),
        **extra,
    )


def resolve(guidance: Guidance) -> Guidance:
    """The same guidance with every lazy text turned into a string in the active language.

    A letter or a cached page must not change language later, when it is rendered elsewhere.
    """
    return replace(
        guidance,
        who=str(guidance.who),
        measures=[_resolve_item(m) for m in guidance.measures],
        limits=[_resolve_item(limit) for limit in guidance.limits],
        state_duties=[_resolve_item(d) for d in guidance.state_duties],
        urgency=None if guidance.urgency is None else str(guidance.urgency),
        disclaimer=str(guidance.disclaimer),
    )


def _resolve_item(item: ItemT) -> ItemT:
    return replace(
        item,
        title=str(item.title),
        text=str(item.text),
        basis=str(item.basis),
        question=str(item.question),
        ask=str(item.ask),
        citations=tuple(replace(c, label=str(c.label)) for c in item.citations),
    )
