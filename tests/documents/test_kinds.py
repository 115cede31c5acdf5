"""Which documents each place type × status × model is offered: drawn from the oversight
guidance's measures (its one rule), never from a table of our own."""

from __future__ import annotations

import itertools

import pytest

from deputized.documents.forbidden import scan
from deputized.documents.kinds import KINDS, offered
from deputized.documents.texts import DEFAULTS, NOTHING_CHANGES, SECTIONS
from deputized.oversight.measures import Body, Jurisdiction, Status, measures_for

COUNTY_BASE = {"reporting-resolution", "attorney-assessment", "advisory-committee"}
EXPECTED = {
    (Body.COUNTY, Status.NONE): COUNTY_BASE | {"sheriff-presentation"},
    (Body.COUNTY, Status.PENDING): COUNTY_BASE | {"sheriff-presentation"},
    (Body.COUNTY, Status.ACTIVE): COUNTY_BASE,
    (Body.MUNICIPALITY_POLICE, Status.NONE): {"pre-approval-ordinance", "attorney-assessment"},
    (Body.MUNICIPALITY_POLICE, Status.PENDING): {"pre-approval-ordinance", "attorney-assessment"},
    (Body.MUNICIPALITY_POLICE, Status.ACTIVE): {"reporting-ordinance", "attorney-assessment"},
    (Body.MUNICIPALITY_NO_POLICE, Status.NONE): {"resolution-to-county"},
    (Body.MUNICIPALITY_NO_POLICE, Status.PENDING): {"resolution-to-county"},
    (Body.MUNICIPALITY_NO_POLICE, Status.ACTIVE): {"resolution-to-county"},
    (Body.STATE, Status.NONE): set(),
    (Body.STATE, Status.PENDING): set(),
    (Body.STATE, Status.ACTIVE): set(),
}
MODEL_SETS = [
    frozenset(c) for n in range(4) for c in itertools.combinations(["JEM", "WSO", "TFM"], n)
]


def jurisdictions():
    for body, status in EXPECTED:
        models = MODEL_SETS if status is Status.ACTIVE else [frozenset()]
        for active in models:
            yield Jurisdiction(body, status, active)
        if status is Status.ACTIVE:  # an active one with a new agreement pending
            yield Jurisdiction(body, status, frozenset({"WSO"}), frozenset({"TFM"}))


def _id(j: Jurisdiction) -> str:
    pending = "+".join(sorted(j.pending_models))
    return f"{j.body}-{j.status}-{'+'.join(sorted(j.models)) or 'none'}" + (
        f"-pending-{pending}" if pending else ""
    )


@pytest.mark.parametrize("jurisdiction", list(jurisdictions()), ids=_id)
def test_every_type_status_and_model_gets_its_documents(jurisdiction):
    keys = {m.key for m in measures_for(jurisdiction).measures}
    slugs = {kind.slug for kind in offered(jurisdiction.body, keys)}
    expected = set(EXPECTED[(jurisdiction.body, jurisdiction.status)])
    if jurisdiction.expanding and jurisdiction.body is Body.COUNTY:
        expected.add("sheriff-presentation")  # the delay request applies to a renewal
    if jurisdiction.expanding and jurisdiction.body is Body.MUNICIPALITY_POLICE:
        expected.add("pre-approval-ordinance")  # a rule before the new agreement is signed
    assert slugs == expected
    if jurisdiction.body is Body.COUNTY:
        assert "pre-approval-ordinance" not in slugs


def test_every_kind_is_reachable_and_every_anchor_is_an_oversight_measure():
    from deputized.oversight import data

    known = {entry.key for entry in data.MEASURES}
    for kind in KINDS:
        assert set(kind.anchors) <= known, kind.key
        assert set(DEFAULTS[kind.key]) == {"en", "es"}


@pytest.mark.parametrize("key", sorted(DEFAULTS))
def test_default_wording_proposes_nothing_nc_law_forbids(key):
    for language, template in DEFAULTS[key].items():
        for section in SECTIONS:
            assert scan(getattr(template, section)) == [], (key, language, section)
    assert scan(NOTHING_CHANGES["en"]) == scan(NOTHING_CHANGES["es"]) == []


@pytest.mark.parametrize(
    "text",
    [
        "No department may enter into a 287(g) agreement.",  # East Chicago §39.055(C)
        "The Sheriff shall not honor ICE detainers.",  # Denver §28-253
        "Officers shall decline to notify ICE of a person's release date.",
        "Employees shall not ask about a person's immigration status.",  # Durham 2003
        "The Council directs the Chief to terminate the 287(g) agreement.",
        "The town shall limit its cooperation with ICE.",
        "El departamento no podrá firmar un acuerdo 287(g).",
        "La cárcel rechazará las órdenes de detención de ICE.",
    ],
)
def test_the_scan_catches_the_measures_nc_policy_lists_as_forbidden(text):
    assert scan(text), text


def test_the_forbidden_list_still_matches_nc_policy(tmp_path):
    """The patterns encode nc-policy.md §4's list; if that list changes, this fails."""
    from django.conf import settings

    policy = (settings.REFERENCE_DATA_DIR.parent / "docs" / "nc-policy.md").read_text()
    section = policy.split("cannot adopt", 1)[1].split("---", 1)[0]
    for item in ("bans on entering", "refusals to honor detainers", "bans on asking status"):
        assert item in section
