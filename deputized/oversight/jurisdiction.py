"""The vocabulary of the oversight rules: which public body acts, and where its 287(g) stands.

Kept apart from the rules (`measures.py`) and their wording (`data.py`) so both can use it without
importing each other. Pure Python: no database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple, TypeAlias

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Texts are lazy translations until a page renders them in the reader's language; curators'
# overrides (already in one language) are plain strings.
Text: TypeAlias = "str | Promise"

# ICE's three 287(g) models: Jail Enforcement, Warrant Service Officer, Task Force.
MODELS = frozenset({"JEM", "WSO", "TFM"})

MODEL_NAMES: dict[str, Text] = {
    "JEM": _("Jail Enforcement Model"),
    "WSO": _("Warrant Service Officer model"),
    "TFM": _("Task Force Model"),
}


class Body(StrEnum):
    """The public body whose options we describe: who can act differs by body under N.C. law."""

    COUNTY = "county"  # board of county commissioners (the sheriff is separately elected)
    MUNICIPALITY_POLICE = "municipality_police"  # council of a town with its own police
    MUNICIPALITY_NO_POLICE = "municipality_no_police"  # council of a town the sheriff polices
    STATE = "state"  # state agencies (Highway Patrol, SBI, Public Safety, Adult Correction)


class Status(StrEnum):
    """Where the relevant agency's 287(g) stands in ICE's lists."""

    NONE = "none"
    PENDING = "pending"
    ACTIVE = "active"


class Addressee(StrEnum):
    """Who is asked to act on a measure: it tells a letter whom to write to."""

    COMMISSIONERS = "commissioners"
    COUNTY_ATTORNEY = "county_attorney"
    SHERIFF = "sheriff"
    COUNCIL = "council"
    TOWN_ATTORNEY = "town_attorney"
    POLICE = "police"
    LEGISLATORS = "legislators"
    STATE_AGENCIES = "state_agencies"


ADDRESSEE_NAMES: dict[Addressee, Text] = {
    Addressee.COMMISSIONERS: _("Board of County Commissioners"),
    Addressee.COUNTY_ATTORNEY: _("County Attorney"),
    Addressee.SHERIFF: _("Sheriff"),
    Addressee.COUNCIL: _("Town or city council"),
    Addressee.TOWN_ATTORNEY: _("Town or city attorney"),
    Addressee.POLICE: _("Police department"),
    Addressee.LEGISLATORS: _("State legislators"),
    Addressee.STATE_AGENCIES: _("State agency leaders"),
}


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    """A body, the status of the agreements it has a say over, and their models.

    `models` are the models of the active agreements; `pending_models` those ICE lists as pending
    (for an active jurisdiction, a pending listing means a new or wider agreement is coming).
    """

    body: Body
    status: Status
    models: frozenset[str] = field(default_factory=frozenset)
    pending_models: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        unknown = (self.models | self.pending_models) - MODELS
        if unknown:
            raise ValueError(f"unknown 287(g) models: {sorted(unknown)}")
        if self.models and self.status is not Status.ACTIVE:
            raise ValueError("only an active jurisdiction has models of active agreements")

    @property
    def expanding(self) -> bool:
        """An active agreement plus a pending listing for a model not yet active."""
        return self.status is Status.ACTIVE and bool(self.pending_models - self.models)


class Row(NamedTuple):
    """One row of the measures matrix (nc-policy.md §3); `model` narrows it to one 287(g) model."""

    body: Body
    status: Status
    model: str | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """A source a reader can open: statutes link to the official text at ncleg.gov."""

    label: Text
    url: str
    bill: str = ""  # a bill's key in the curated bill table: its status is shown beside it


@dataclass(frozen=True, slots=True)
class BillStatus:
    """Where a bill stands, from the curated bill table, in one language: shown wherever the bill
    is cited, with the day a curator last checked it, so a bill never reads as law by omission."""

    key: str
    label: str  # HB 10 (2024)
    name: str  # its short title
    status: str
    source: str  # where the status comes from, in words
    url: str  # the bill's page at ncleg.gov
    checked_on: dt.date
