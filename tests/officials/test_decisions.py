"""The decisions take their holders from the oversight rules: every rule names an entry of
deputized/oversight/data.py that covers its kind of place, and a decision no local body holds
points at a limit."""

from __future__ import annotations

import pytest

from deputized.officials.decisions import DECISIONS, ENTRIES
from deputized.officials.selectors import ADDRESSEE_ROLES
from deputized.oversight import data
from deputized.oversight.jurisdiction import Addressee, Body

LOCAL = (Body.COUNTY, Body.MUNICIPALITY_POLICE, Body.MUNICIPALITY_NO_POLICE)
LIMIT_KEYS = {entry.key for entry in data.LIMITS}


@pytest.mark.parametrize("decision", DECISIONS, ids=lambda d: d.key)
def test_every_rule_is_backed_by_an_oversight_entry_for_its_place(decision) -> None:
    assert set(decision.rules) == set(LOCAL)
    for body, rule in decision.rules.items():
        entry = ENTRIES[rule.entry]
        bodies = {row.body for row in entry.rows}
        if rule.entry == "state-legislators":
            assert rule.addressees() == (Addressee.LEGISLATORS,)
            continue
        assert body in bodies, (decision.key, body, rule.entry)
        if not rule.held:
            assert rule.entry in LIMIT_KEYS and rule.addressees() == ()
        else:
            assert rule.addressees()
            assert all(a in ADDRESSEE_ROLES for a in rule.addressees())


def test_the_briefings_division_of_powers() -> None:
    by_key = {d.key: d for d in DECISIONS}
    assert by_key["sign-or-end"].rules[Body.COUNTY].addressees() == (Addressee.SHERIFF,)
    assert by_key["pre-approve"].rules[Body.COUNTY].held is False
    assert by_key["pre-approve"].rules[Body.MUNICIPALITY_POLICE].addressees() == (
        Addressee.COUNCIL,
    )
    assert by_key["require-reporting"].rules[Body.COUNTY].addressees() == (Addressee.COMMISSIONERS,)
    assert by_key["attorney-assessment"].rules[Body.COUNTY].addressees() == (
        Addressee.COMMISSIONERS,
        Addressee.COUNTY_ATTORNEY,
    )
