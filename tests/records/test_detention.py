"""Jail contracts from the real shared detention data (places DB, loaded as `make run` loads it):
the loader's verdicts, and Alamance County's page section (flagged rows left out)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from deputized.records.loader import load_detention
from deputized.records.models import DetentionLoad, Facility, FacilityReport

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("places")]

ALAMANCE = "ice-fac-nc-alamance-county-detention-facility"


def section(html: str) -> str:
    found = re.search(r'<section id="jail-contracts".*?</section>', html, re.S)
    assert found, "no jail contracts section"
    return found.group(0)


def test_the_load_is_complete_and_a_second_run_changes_nothing() -> None:
    assert Facility.objects.count() == 19
    assert FacilityReport.objects.count() == 266
    assert FacilityReport.objects.exclude(data_quality_flag="").count() == 3
    loads = DetentionLoad.objects.count()
    again = load_detention()
    assert not again.changed
    assert again.counts["facilities noop"] == 19
    assert DetentionLoad.objects.count() == loads
    alamance = Facility.objects.get(pk=ALAMANCE)
    assert (alamance.type_detailed, alamance.county_id) == ("IGSA", "37001")
    assert alamance.latest_guaranteed_minimum == 40.0


def test_one_changed_cell_is_one_update() -> None:
    FacilityReport.objects.filter(facility_id=ALAMANCE).update(alos_days=999)
    result = load_detention()
    assert result.counts["reports update"] == 141
    assert result.counts["facilities noop"] == 19


@pytest.mark.parametrize(
    ("language", "heading", "per_year"),
    [
        ("en", "Jail contracts (ICE detention)", "= $1,133,325"),
        ("es", "Contratos de cárcel (detención de ICE)", "= $1\xa0133\xa0325"),
    ],
)
def test_alamance_shows_its_jail_history_without_the_flagged_row(
    client: Client, language: str, heading: str, per_year: str
) -> None:
    response = client.get(f"/{language}/states/nc/counties/alamance/")
    assert response.status_code == 200
    html = section(response.content.decode())
    assert heading in html
    assert "<svg" in html and "polyline" in html
    rows = re.findall(r"<tr><td>\d{4}-\d\d-\d\d</td>", html)
    assert len(rows) == 140  # 141 reports, one flagged as misaligned
    assert "FY25_detentionStats07072025.xlsx" not in html
    assert "20.91" not in html  # the flagged row's ADP
    # Type, guaranteed minimum, the rates with their quotes, and ADP × rate × 365.
    assert "IGSA" in html and ">40<" in html
    assert "$135 per inmate per day" in html.replace("&#x27;", "'")
    assert "thetimesnews.com" in html
    assert "23 " in html and per_year in html  # 23.0 × $135 × 365 = $1,133,325


def test_a_county_without_a_listed_jail_has_no_section(client: Client) -> None:
    html = client.get("/en/states/nc/counties/duplin/").content.decode()
    assert 'id="jail-contracts"' not in html
