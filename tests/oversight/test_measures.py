"""The oversight rules: for every body and status, what a resident or official would check.

Pure tests (no database): the rows follow the measures matrix of nc-policy.md §3 and the engine
rules of §8 (reporting, process and transparency only; the sheriff is asked, never directed).
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from deputized.oversight import data
from deputized.oversight.measures import (
    Addressee,
    Body,
    Guidance,
    Jurisdiction,
    Override,
    Status,
    all_keys,
    measures_for,
    resolve,
)

COUNTY, TOWN, SHERIFF_TOWN, STATE = (
    Body.COUNTY,
    Body.MUNICIPALITY_POLICE,
    Body.MUNICIPALITY_NO_POLICE,
    Body.STATE,
)
NONE, PENDING, ACTIVE = Status.NONE, Status.PENDING, Status.ACTIVE

# Every body × status, with the active models that change the answer (jail models vs Task Force).
CASES = [
    (body, status, models)
    for body in Body
    for status in Status
    for models in (
        [
            (),
        ]
        if status is not ACTIVE
        else [("JEM",), ("WSO",), ("TFM",), ("WSO", "TFM")]
    )
]

PROHIBITIVE = re.compile(
    r"prohibit|\bbans?\b|forbid|refuse to (cooperate|honor)|stop cooperat|end cooperation|"
    r"decline (to honor|detainers)|not cooperate|sanctuary|bar the sheriff|may not sign",
    re.IGNORECASE,
)


def guide(body: Body, status: Status, models=(), pending=()) -> Guidance:
    with translation.override("en"):
        return resolve(
            measures_for(Jurisdiction(body, status, frozenset(models), frozenset(pending)))
        )


def keys(items) -> list[str]:
    return [item.key for item in items]


def find(items, key: str):
    return next(item for item in items if item.key == key)


@pytest.mark.parametrize(("body", "status", "models"), CASES)
def test_every_jurisdiction_gets_measures_limits_and_the_state_duties_apart(body, status, models):
    g = guide(body, status, models)
    assert g.measures and g.limits and g.who
    duties = keys(g.state_duties)
    assert {"hb10-2024", "hb318-2025", "sb153-2025"} <= set(duties)
    assert not set(duties) & set(keys(g.measures))  # state duties never pose as local measures
    for duty in g.state_duties[:2]:
        assert "whether or not" in duty.text  # they apply whatever the local choice
    assert "not legal advice" in g.disclaimer
    assert (g.urgency is not None) == (status is PENDING)


@pytest.mark.parametrize(("body", "status", "models"), CASES)
def test_no_measure_prohibits_or_restricts_cooperation(body, status, models):
    for measure in guide(body, status, models).measures:
        words = f"{measure.title} {measure.text} {measure.question}"
        assert not PROHIBITIVE.search(words), measure.key


@pytest.mark.parametrize(("body", "status", "models"), CASES)
def test_open_questions_name_who_to_ask_and_every_source_is_official(body, status, models):
    g = guide(body, status, models)
    for item in (*g.measures, *g.limits, *g.state_duties):
        assert bool(item.question) == bool(item.ask), item.key  # a question says who answers it
        assert item.checked_on is None  # no curator has checked anything in a pure guide
        assert item.title and item.text and item.basis
        for citation in item.citations:
            assert citation.url.startswith("https://www.ncleg.gov/"), citation


@pytest.mark.parametrize(("status", "models"), [(s, m) for b, s, m in CASES if b is COUNTY])
def test_county_measures_go_to_the_board_and_only_ask_the_sheriff(status, models):
    g = guide(COUNTY, status, models)
    assert g.who == "Board of County Commissioners and the County Attorney"
    for measure in g.measures:
        board = {Addressee.COMMISSIONERS, Addressee.COUNTY_ATTORNEY} & set(measure.addressed_to)
        assert board or measure.is_request, measure.key
        assert not {Addressee.COUNCIL, Addressee.POLICE} & set(measure.addressed_to)
        if measure.is_request:
            assert re.search(r"\b(ask|invite|request)", measure.text, re.I), measure.key


def test_county_without_an_agreement():
    g = guide(COUNTY, NONE)
    measures = keys(g.measures)
    assert {
        "county-values-resolution",
        "county-sheriff-presentation",
        "county-attorney-assessment",
        "county-public-hearing",
        "county-advisory-committee",
        "county-reporting-commitment",
        "county-rights-outreach",
    } <= set(measures)
    resolution = find(g.measures, "county-values-resolution")
    assert "asks the sheriff" in resolution.text and "request" in resolution.text
    assert "County Attorney" in find(g.measures, "county-attorney-assessment").text
    limit = find(g.limits, "county-no-pre-approval")
    assert "cannot require" in limit.text and "elected" in limit.text
    assert "153A-103" in limit.basis and "Article VII" in limit.basis
    assert "153A-145.5" in find(g.limits, "county-no-limiting-policy").basis
    # Nothing that belongs to a signed agreement or to a town council.
    assert "county-activity-cost-reports" not in measures
    assert not [k for k in measures if k.startswith("council-")]


def test_county_with_a_pending_agreement_acts_urgently():
    none, pending = guide(COUNTY, NONE), guide(COUNTY, PENDING)
    measures = keys(pending.measures)
    assert {"county-special-meeting", "county-delay-resolution", "sheriff-records-request"} <= (
        set(measures)
    )
    # "Same as above": the no-agreement measures stay (the hearing becomes a special meeting).
    assert set(keys(none.measures)) - {"county-public-hearing"} <= set(measures)
    assert "weeks" in pending.urgency
    records = find(pending.measures, "sheriff-records-request")
    assert "draft or signed agreement" in records.text and "132-6" in str(records.citations)
    assert "request" in find(pending.measures, "county-delay-resolution").text


@pytest.mark.parametrize("model", ["JEM", "WSO"])
def test_county_with_an_active_jail_model(model):
    g = guide(COUNTY, ACTIVE, [model])
    measures = keys(g.measures)
    assert {
        "county-activity-cost-reports",
        "county-attorney-assessment",
        "county-cost-center",
        "county-advisory-committee",
        "county-annual-forum",
        "county-detention-contract-review",
        "detainer-figures-request",
    } <= set(measures)
    reports = find(g.measures, "county-activity-cost-reports")
    assert "HB 10" in reports.text and "apart" in reports.text  # state holds counted separately
    cost_center = find(g.measures, "county-cost-center")  # line-item authority: open
    assert "line items" in cost_center.question and cost_center.ask == "County Attorney"
    assert "county-traffic-stop-review" not in measures
    assert "county-values-resolution" not in measures  # notice before signing no longer applies
    assert g.urgency is None


def test_task_force_model_adds_to_the_active_county_measures():
    wso = keys(guide(COUNTY, ACTIVE, ["WSO"]).measures)
    tfm = keys(guide(COUNTY, ACTIVE, ["TFM"]).measures)
    extra = {
        "county-traffic-stop-review",
        "county-reimbursement-disclosure",
        "county-task-force-operations",
        "county-complaint-figures",
    }
    assert set(wso) < set(tfm) and set(tfm) - set(wso) == extra
    assert keys(guide(COUNTY, ACTIVE, ["WSO", "TFM"]).measures) == tfm
    stops = find(guide(COUNTY, ACTIVE, ["TFM"]).measures, "county-traffic-stop-review")
    assert "Hispanic drivers" in stops.text and "143B-903" in str(stops.citations)


def test_town_with_police_and_no_agreement_can_require_council_approval_with_a_caveat():
    g = guide(TOWN, NONE)
    assert g.who == "Town or city council and the town or city attorney"
    measures = keys(g.measures)
    assert {
        "council-pre-approval",
        "council-public-comment",
        "council-attorney-assessment",
        "council-reporting-requirement",
        "council-values-resolution",
        "council-trust-programs",
    } <= set(measures)
    approval = find(g.measures, "council-pre-approval")
    # The ACLU-NC's advice, the statutes and the open question are three separate notes.
    assert approval.recommendation is not None and "9 June 2026" in approval.recommendation.label
    assert "160A-205.2" in approval.question and approval.ask == "Town or city attorney"
    assert "ACLU" not in approval.basis
    assert {"G.S. 160A-281", "G.S. 160A-174"} <= {c.label for c in approval.statutes}
    assert Addressee.COUNCIL in approval.addressed_to
    assert "160A-205.2" in find(g.limits, "town-no-limiting-policy").basis
    assert "town-community-ids" in keys(g.limits)  # community IDs stay non-governmental
    assert not [k for k in measures if k.startswith("county-")]


def test_town_with_police_and_a_pending_agreement():
    g = guide(TOWN, PENDING)
    assert {"council-pre-approval", "council-special-meeting", "police-records-request"} <= set(
        keys(g.measures)
    )
    assert "before signing" in g.urgency


@pytest.mark.parametrize("models", [("TFM",), ("WSO",)])
def test_town_with_police_and_an_active_agreement(models):
    g = guide(TOWN, ACTIVE, models)
    measures = keys(g.measures)
    assert {
        "council-activity-cost-reports",
        "council-attorney-assessment",
        "council-annual-forum",
        "council-budget-transparency",
        "council-traffic-stop-review",
    } <= set(measures)
    assert "council-pre-approval" not in measures
    ending = find(g.limits, "town-ending-agreement")
    assert "160A-205.2" in ending.question and ending.ask == "Town or city attorney"


@pytest.mark.parametrize("status", list(Status))
def test_town_without_police_gets_only_county_directed_measures(status):
    g = guide(SHERIFF_TOWN, status, ["WSO"] if status is ACTIVE else [])
    county_side = {Addressee.COMMISSIONERS, Addressee.COUNTY_ATTORNEY, Addressee.SHERIFF}
    for measure in g.measures:
        assert set(measure.addressed_to) <= county_side, measure.key
    assert set(keys(g.measures)) == {
        "town-resolution-to-county",
        "town-speak-at-commissioners",
        "town-sheriff-presentation",
        "sheriff-records-request",
        "detainer-figures-request",
    }
    assert "town-no-authority-over-sheriff" in keys(g.limits)
    assert "Commissioners" in g.who and "sheriff" in g.who


def test_state_agencies_are_a_matter_for_legislators_and_records_requests():
    g = guide(STATE, NONE)
    for measure in g.measures:
        assert set(measure.addressed_to) <= {Addressee.LEGISLATORS, Addressee.STATE_AGENCIES}
    # SB 153 is a bill: each entry on it speaks of it conditionally and cites it for its status.
    for item in (
        find(g.measures, "state-oversight-reports"),
        find(g.limits, "state-no-local-say"),
        find(g.state_duties, "sb153-2025"),
    ):
        assert "becomes law" in item.text, item.key
        assert "sb153-2025" in {c.bill for c in item.citations}, item.key


def test_a_pending_expansion_of_an_active_agreement_is_urgent_too():
    county = guide(COUNTY, ACTIVE, ["WSO"], pending=["TFM"])
    assert "Task Force Model" in county.urgency
    assert {"county-special-meeting", "sheriff-records-request"} <= set(keys(county.measures))
    assert "county-activity-cost-reports" in keys(county.measures)
    town = guide(TOWN, ACTIVE, ["TFM"], pending=["TFM"])  # a renewal already active: no alarm
    assert town.urgency is None and "council-pre-approval" not in keys(town.measures)


def test_curators_overrides_replace_only_the_fields_they_fill():
    jurisdiction = Jurisdiction(COUNTY, NONE)
    override = {"county-values-resolution": Override(title="Ask the sheriff to tell us first")}
    g = measures_for(jurisdiction, override)
    measure = find(g.measures, "county-values-resolution")
    assert measure.title == "Ask the sheriff to tell us first"
    assert measure.text == find(measures_for(jurisdiction).measures, measure.key).text


def test_texts_stay_lazy_until_resolved_in_a_language():
    g = measures_for(Jurisdiction(COUNTY, PENDING))
    assert not isinstance(g.who, str)  # rendered in the reader's language at display time
    with translation.override("es"):
        resolved = resolve(g)
    assert isinstance(resolved.who, str) and isinstance(resolved.measures[0].text, str)


def test_jurisdictions_refuse_impossible_states():
    with pytest.raises(ValueError):
        Jurisdiction(COUNTY, ACTIVE, frozenset({"XYZ"}))
    with pytest.raises(ValueError):
        Jurisdiction(COUNTY, NONE, frozenset({"WSO"}))


def test_entry_keys_are_unique_slugs():
    assert len(all_keys()) == len(set(all_keys()))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key) for key in all_keys())
    for entry in data.MEASURES:
        assert entry.rows and entry.addressed_to, entry.key


BILL_MENTION = re.compile(r"\b(HB|SB) ?(\d+)(?: \((\d{4})\))?")


@pytest.mark.parametrize(("body", "status", "models"), CASES)
def test_every_bill_mentioned_is_cited_so_its_status_shows_beside_it(body, status, models):
    g = guide(body, status, models)
    for item in (*g.measures, *g.limits, *g.state_duties):
        cited = {c.bill for c in item.citations if c.bill}
        words = f"{item.title} {item.text} {item.basis} {item.question}"
        for kind, number, year in BILL_MENTION.findall(words):
            prefix = f"{kind.lower()}{number}-"
            wanted = {prefix + year} if year else {k for k in cited if k.startswith(prefix)}
            assert wanted and wanted <= cited, (item.key, kind, number, year)


def test_the_aclu_recommendations_are_the_briefings_model_policies():
    town = guide(TOWN, NONE)
    recommended = {m.key for m in town.measures if m.recommendation}
    assert recommended == {
        "council-pre-approval",
        "council-public-comment",
        "council-attorney-assessment",
        "council-reporting-requirement",
    }
    county = guide(COUNTY, ACTIVE, ["WSO"])
    assert {"county-attorney-assessment", "county-activity-cost-reports"} <= {
        m.key for m in county.measures if m.recommendation
    }
    assert find(county.limits, "county-no-pre-approval").recommendation is not None


@pytest.mark.parametrize("models", [("JEM",), ("WSO",), ("TFM",), ("WSO", "TFM")])
def test_a_county_whose_sheriff_has_an_active_agreement_can_request_his_records(models):
    """Issue 13: the records request (statistics, payroll, overtime exist once an agreement is
    signed) was offered only while an agreement was pending."""
    g = guide(COUNTY, ACTIVE, models)
    records = find(g.measures, "sheriff-records-request")
    assert "public records on 287(g)" in records.text and records.is_request
    assert "G.S. 132-1" in [c.label for c in records.citations]
    assert "police-records-request" in keys(guide(TOWN, ACTIVE, models).measures)
    assert "sheriff-records-request" not in keys(guide(COUNTY, NONE).measures)
