"""The decisions about 287(g) that the briefing names, and which body holds each one here.

Who may do what is the oversight rules' (deputized/oversight/data.py): each decision names the
oversight entry that says it for each kind of place, and takes its holders from that entry's
`addressed_to`. A decision no local body holds points at the oversight limit that says why.
Only signing and ending an agreement is not a measure there: the sheriff (or, for a town with
its own police, its department) is the party to the agreement (nc-policy.md §3: the LEA signs
and may terminate), which the limits `county-no-pre-approval` and
`town-no-authority-over-sheriff` state.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from deputized.oversight import data
from deputized.oversight.jurisdiction import Addressee, Body, Text

ENTRIES: dict[str, data.Entry] = {
    entry.key: entry for entry in (*data.MEASURES, *data.LIMITS, *data.STATE_DUTIES)
}


@dataclass(frozen=True, slots=True)
class Rule:
    """Who holds a decision for one kind of place: the holders and the entry that says so."""

    entry: str  # the oversight entry's key
    holders: tuple[Addressee, ...] | None = None  # None: the entry's `addressed_to`
    held: bool = True  # False: no local body holds it here; the entry (a limit) says why

    def addressees(self) -> tuple[Addressee, ...]:
        if not self.held:
            return ()
        return self.holders if self.holders is not None else ENTRIES[self.entry].addressed_to


@dataclass(frozen=True, slots=True)
class Decision:
    key: str
    title: Text
    rules: dict[Body, Rule]


SHERIFF_TOWN = Body.MUNICIPALITY_NO_POLICE
TOWN = Body.MUNICIPALITY_POLICE

DECISIONS: tuple[Decision, ...] = (
    Decision(
        "sign-or-end",
        _("Sign or end the 287(g) agreement"),
        {
            Body.COUNTY: Rule("county-no-pre-approval", holders=(Addressee.SHERIFF,)),
            TOWN: Rule("police-records-request", holders=(Addressee.POLICE,)),
            SHERIFF_TOWN: Rule("town-no-authority-over-sheriff", holders=(Addressee.SHERIFF,)),
        },
    ),
    Decision(
        "require-reporting",
        _("Require reporting on activity and cost"),
        {
            Body.COUNTY: Rule("county-reporting-commitment"),
            TOWN: Rule("council-reporting-requirement"),
            SHERIFF_TOWN: Rule("town-resolution-to-county"),
        },
    ),
    Decision(
        "attorney-assessment",
        _("Direct an attorney's assessment of liability and cost"),
        {
            Body.COUNTY: Rule("county-attorney-assessment"),
            TOWN: Rule("council-attorney-assessment"),
            SHERIFF_TOWN: Rule("town-resolution-to-county"),
        },
    ),
    Decision(
        "pre-approve",
        _("Require approval before an agreement is signed"),
        {
            Body.COUNTY: Rule("county-no-pre-approval", held=False),
            TOWN: Rule("council-pre-approval"),
            SHERIFF_TOWN: Rule("town-no-authority-over-sheriff", held=False),
        },
    ),
    Decision(
        "state-law",
        _("Pass state law on 287(g)"),
        {
            Body.COUNTY: Rule("state-legislators"),
            TOWN: Rule("state-legislators"),
            SHERIFF_TOWN: Rule("state-legislators"),
        },
    ),
)
