"""The calculator against hand-computed cases (the rules quoted in deputized/records/costs.py),
and its page: a GET form that works without JavaScript and shows every figure's inputs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from deputized.history.models import Agency
from deputized.records import costs


def test_the_rules_by_hand() -> None:
    # Salary $50,000, benefits 30% → $65,000; overtime $15,000 is over 25% of salary
    # ($12,500), so $12,500 is paid back; per officer $77,500; 4 officers → $310,000.
    e = costs.estimate(
        officers=4,
        salary=Decimal("50000"),
        benefits_rate=Decimal("0.30"),
        overtime=Decimal("15000"),
        tier="80",
        budget=Decimal("10000000"),
    )
    assert e.overtime_reimbursed == Decimal("12500.00")
    assert e.per_officer == Decimal("77500.00")
    assert e.per_year == Decimal("310000.00")
    # 80–89%: $750 per officer per quarter → 750 × 4 × 4 = $12,000 a year; range 0 to $16,000.
    assert e.awards == Decimal("12000.00")
    assert (e.awards_low, e.awards_high) == (Decimal("0.00"), Decimal("16000.00"))
    assert e.equipment == Decimal("30000.00")  # 4 × $7,500 (relayed by the FOP)
    assert e.from_ice == Decimal("322000.00")
    assert e.share == Decimal("3.22")  # 322,000 / 10,000,000


def test_overtime_under_the_cap_is_paid_in_full_and_no_budget_no_share() -> None:
    # $42,000, no benefits entered, overtime $3,000 (< $10,500): 45,000 per officer; 1 officer.
    e = costs.estimate(
        officers=1,
        salary=Decimal("42000"),
        benefits_rate=Decimal("0"),
        overtime=Decimal("3000"),
        tier="none",
    )
    assert (e.per_officer, e.per_year, e.awards, e.share) == (
        Decimal("45000.00"),
        Decimal("45000.00"),
        Decimal("0.00"),
        None,
    )
    assert costs.awards_per_year(officers=3, tier="90") == Decimal("12000.00")
    assert costs.awards_per_year(officers=3, tier="70") == Decimal("6000.00")


@pytest.fixture
def agency(db) -> Agency:
    return Agency.objects.create(
        id="nc-test-county-sheriffs-office",
        state="NC",
        name="Test County Sheriff's Office",
        first_seen_on=dt.date(2025, 1, 1),
    )


@pytest.mark.parametrize(("language", "word"), [("en", "Calculate"), ("es", "Calcular")])
def test_the_page_shows_the_rules_then_the_figures_with_their_inputs(
    client: Client, agency: Agency, language: str, word: str
) -> None:
    url = f"/{language}/agencies/{agency.id}/cost/"
    blank = client.get(url)
    assert blank.status_code == 200
    html = blank.content.decode()
    assert word in html and 'method="get"' in html
    assert "up to 25% of the officer’s annual salary" in html
    assert "fop.net" in html and "einpresswire.com" in html
    query = "officers=4&salary=50000&benefits_percent=30&overtime=15000&tier=80&budget=10000000"
    filled = client.get(f"{url}?{query}")
    assert "no-store" in filled["Cache-Control"]
    html = filled.content.decode()
    for figure in ("12,500", "77,500", "310,000", "12,000", "16,000", "30,000", "3.22%"):
        if language == "es":
            figure = figure.replace(",", "\xa0").replace(".", ",")
        assert figure in html, figure
    bad = client.get(f"{url}?officers=-1&salary=x&tier=80").content.decode()
    assert 'role="alert"' in bad


def test_an_unknown_agency_is_404(client: Client, db) -> None:
    assert client.get("/en/agencies/nc-nowhere/cost/").status_code == 404
