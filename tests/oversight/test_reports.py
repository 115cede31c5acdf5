"""Activity and cost reports (nc-policy.md §5): a curator enters a quarter's figures in the admin
with the report they come from, and the agency page charts them in both languages, with every
figure's source. On the places database with ICE's list of 2026-04-30 (Alamance County's sheriff,
WSO)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from deputized.archive.ingest.run import run
from deputized.oversight.models import ActivityReport
from deputized.places.models import County
from tests.conftest import SNAPSHOTS
from tests.databases import database_copy

FILE = "2026-04-30am_participatingAgencies04302026am.xlsx"
SHERIFF = "nc-alamance-county-sheriffs-office"
PAGE = "/{lang}/agencies/" + SHERIFF + "/"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ingested")]


@pytest.fixture(scope="module")
def ingested(places, django_db_blocker) -> Iterator[None]:
    with django_db_blocker.unblock(), database_copy(places, "reports"):
        run(paths=[SNAPSHOTS / FILE])
        yield


@pytest.fixture
def curator() -> Client:
    user = User.objects.create_superuser("curator", "curator@example.org", "x-long-password-1")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def enter(curator: Client, quarter: int, **figures: object) -> object:
    county = County.objects.get(state="NC", slug="alamance")
    form = {
        "agency_id": SHERIFF,
        "year": 2026,
        "quarter": quarter,
        "received_by_county": county.fips,
        "received_on": f"2026-{quarter * 3:02d}-28",
        "source_url": f"https://www.alamance-nc.com/reports/2026-q{quarter}.pdf",
        "note": "",
        **figures,
    }
    return curator.post("/admin/oversight/activityreport/add/", form)


def test_a_quarter_entered_in_the_admin_is_charted_on_the_agency_page(curator):
    client = Client(HTTP_HOST="127.0.0.1")
    before = client.get(PAGE.format(lang="en")).content.decode()
    assert "Activity and cost reports" not in before  # nothing claimed before a report exists
    for quarter, detainers, transfers in ((1, 41, 17), (2, 58, 23)):
        answer = enter(
            curator,
            quarter,
            detainers_issued=detainers,
            transfers_to_ice=transfers,
            reimbursement_received=quarter * 12500,
        )
        assert answer.status_code == 302, answer.content.decode()[:3000]
    assert ActivityReport.objects.count() == 2
    assert ActivityReport.history.count() == 2  # every entry kept with its history
    # The page cache moved with the data: the reports show at once.
    english = client.get(PAGE.format(lang="en")).content.decode()
    assert "Activity and cost reports" in english
    assert 'id="report-detainers-issued"' in english and 'id="report-transfers-to-ice"' in english
    assert 'id="report-people-screened"' not in english  # not reported: no chart, no zero
    assert "2026 Q2" in english and ">58<" in english and ">23<" in english
    assert "https://www.alamance-nc.com/reports/2026-q2.pdf" in english
    assert "has not checked them" in english
    api = client.get(f"/api/v1/activity-reports?agency={SHERIFF}").json()
    assert api["count"] == 2
    second = api["items"][1]
    assert (second["year"], second["quarter"]) == (2026, 2)
    assert second["detainers_issued"] == 58 and second["transfers_to_ice"] == 23
    assert second["reimbursement_received"] == 25000
    assert second["people_screened"] is None  # not reported, never 0
    assert second["received_by_name"] == "Alamance County"
    assert second["source_url"] == "https://www.alamance-nc.com/reports/2026-q2.pdf"
    other = client.get("/api/v1/activity-reports?agency=nc-wake-county-sheriffs-office").json()
    assert other["count"] == 0
    spanish = client.get(PAGE.format(lang="es")).content.decode()
    assert "Informes de actividad y costos" in spanish
    assert "Detenciones (detainers) emitidas por agentes 287(g)" in spanish
    assert "Condado de Alamance" in spanish


def test_a_report_without_a_source_or_figures_is_refused(curator):
    county = County.objects.get(state="NC", slug="alamance")
    no_source = enter(curator, 3, source_url="", detainers_issued=5)
    assert no_source.status_code == 200
    assert "Give the report&#x27;s source" in no_source.content.decode()
    no_figures = enter(curator, 3)
    assert "Enter at least one figure" in no_figures.content.decode()
    unknown = enter(curator, 3, agency_id="nc-atlantis-police", detainers_issued=5)
    assert "No agency" in unknown.content.decode()
    assert not ActivityReport.objects.filter(received_by_county=county).exists()


def test_an_uploaded_copy_is_checked_kept_and_served(curator, settings, tmp_path):
    settings.ADOPTION_COPIES_DIR = tmp_path
    client = Client(HTTP_HOST="127.0.0.1")
    pdf = client.get("/en/states/nc/counties/alamance/documents/reporting-resolution.pdf").content
    fake = enter(
        curator,
        4,
        source_url="",
        detainers_issued=3,
        copy=SimpleUploadedFile("report.pdf", b"MZ not a pdf"),
    )
    assert fake.status_code == 200 and not ActivityReport.objects.exists()
    kept = enter(
        curator, 4, source_url="", detainers_issued=3, copy=SimpleUploadedFile("q4.pdf", pdf)
    )
    assert kept.status_code == 302
    report = ActivityReport.objects.get()
    page = client.get(PAGE.format(lang="en")).content.decode()
    [path] = re.findall(r'href="(/reports/\d+/copy)"', page)
    served = client.get(path)
    assert served["Content-Type"] == "application/pdf"
    assert b"".join(served.streaming_content) == pdf
    report.delete()
    assert not list(tmp_path.rglob("*.pdf"))  # withdrawn: the copy goes with it
