"""Model documents for real places: the reference data, then ICE's participating list of 30 April
2026 (row 935: the Alamance County sheriff, WSO, signed 21 May 2020; row 938: Beulaville's police,
Task Force Model, signed 17 October 2025). Carrboro has its own police and no agreement; Teachey
has no police (the Duplin sheriff polices it)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from django.test import Client
from docx import Document as Docx
from pypdf import PdfReader

from deputized.archive.ingest.run import run
from deputized.documents.forbidden import scan
from deputized.documents.models import DocumentTemplate
from deputized.oversight.models import Adoption
from deputized.places.models import County, Municipality
from tests.conftest import SNAPSHOTS
from tests.databases import database_copy

FILE = "2026-04-30am_participatingAgencies04302026am.xlsx"
ALAMANCE = "/{lang}/states/nc/counties/alamance/documents/reporting-resolution"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ingested")]


@pytest.fixture(scope="module")
def ingested(places, django_db_blocker) -> Iterator[None]:
    with django_db_blocker.unblock(), database_copy(places, "documents"):
        run(paths=[SNAPSHOTS / FILE])
        yield


@pytest.fixture
def client() -> Client:
    return Client(HTTP_HOST="127.0.0.1")


def offered(client: Client, path: str) -> set[str]:
    """The document slugs a place page links to."""
    html = client.get(path).content.decode()
    return set(re.findall(r'/documents/([a-z-]+)/"', html))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_alamance_reporting_resolution_page(client, lang):
    response = client.get(ALAMANCE.format(lang=lang) + "/")
    assert response.status_code == 200
    text = response.content.decode()
    body = (
        "Alamance County Board of Commissioners"
        if lang == "en"
        else ("Junta de Comisionados del Condado de Alamance")
    )
    assert body in text
    assert "Alamance County Sheriff" in text
    assert "2020" in text and "935" in text  # signing year, ICE list row
    assert "participatingAgencies04302026am.xlsx" in text
    model = "Warrant Service Officer" if lang == "en" else "Agente de Entrega de Órdenes"
    assert model in text
    assert "G.S. 153A-145.5" in text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_alamance_pdf_is_a_real_pdf_with_the_facts(client, lang):
    response = client.get(ALAMANCE.format(lang=lang) + ".pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert len(reader.pages) >= 2
    assert (
        "Alamance County Board of Commissioners" if lang == "en" else "Condado de Alamance"
    ) in text
    assert "935" in text and "participatingAgencies04302026am.xlsx" in text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_alamance_docx_is_editable_and_complete(client, lang):
    response = client.get(ALAMANCE.format(lang=lang) + ".docx")
    assert "attachment" in response["Content-Disposition"]
    docx = Docx(io.BytesIO(response.content))
    text = "\n".join(p.text for p in docx.paragraphs)
    cells = "\n".join(c.text for t in docx.tables for r in t.rows for c in r.cells)
    assert "Alamance County Sheriff" in text + cells
    assert "935" in cells and "WSO" not in docx.core_properties.title
    assert ("Board of Commissioners" if lang == "en" else "Junta de Comisionados") in text
    assert docx.core_properties.language == lang


def test_counties_get_no_pre_approval_and_towns_get_theirs(client):
    assert offered(client, "/en/states/nc/counties/alamance/") == {
        "reporting-resolution",
        "attorney-assessment",
        "advisory-committee",
    }
    assert (
        client.get("/en/states/nc/counties/alamance/documents/pre-approval-ordinance/").status_code
        == 404
    )
    carrboro = offered(client, "/en/states/nc/places/carrboro/")
    assert "pre-approval-ordinance" in carrboro and "reporting-ordinance" not in carrboro
    assert offered(client, "/en/states/nc/places/beulaville/") == {
        "reporting-ordinance",
        "attorney-assessment",
    }
    assert offered(client, "/en/states/nc/places/teachey/") == {"resolution-to-county"}


def test_carrboro_pre_approval_names_the_town_council_and_police(client):
    text = client.get(
        "/en/states/nc/places/carrboro/documents/pre-approval-ordinance/"
    ).content.decode()
    assert "Carrboro Town Council" in text and "Carrboro Police" in text
    assert "30 days" in text and "public hearing" in text
    assert "no 287(g) agreement" in text  # the facts: ICE lists none
    assert "G.S. 160A-205.2" in text  # the open question flagged for the attorney


def test_teachey_resolution_is_addressed_to_the_duplin_commissioners(client):
    text = client.get(
        "/es/states/nc/places/teachey/documents/resolution-to-county/"
    ).content.decode()
    assert "Junta de Comisionados del Condado de Duplin" in text
    assert "Concejo Municipal de Teachey" in text


def test_no_document_for_any_sampled_place_proposes_a_forbidden_measure():
    """Every kind, in both languages, for places of each type and status. Composing all 654
    places takes over a minute on the project's VM, so the rest is covered twice elsewhere:
    `compose` itself refuses to return a document the scan flags, and the bench composes every
    document of every place (bench/documents.py)."""
    from deputized.documents.compose import compose
    from deputized.documents.facts import county_facts, town_facts
    from deputized.documents.selectors import kinds_for

    counties = ("alamance", "orange", "duplin", "wake")
    sample = [county_facts(County.objects.get(state="NC", slug=s)) for s in counties]
    sample += [
        town_facts(Municipality.objects.get(state="NC", slug=s))
        for s in ("carrboro", "beulaville", "teachey", "raleigh", "spencer-mountain")
    ]
    seen = set()
    for facts in sample:
        for kind in kinds_for(facts):
            for lang in ("en", "es"):
                document = compose(kind, facts, lang)
                assert scan(document.text()) == [], (kind.key, lang)
                seen.add(kind.key)
    assert len(seen) == 8  # every kind was drawn


def test_compose_refuses_a_document_that_proposes_a_forbidden_measure():
    """A curated text saved around the admin's check (a data migration, a shell) still never
    reaches a reader."""
    from deputized.documents.compose import ForbiddenMeasureError, compose
    from deputized.documents.facts import county_facts
    from deputized.documents.kinds import BY_KEY

    DocumentTemplate.objects.create(
        key="county-reporting-resolution",
        language="en",
        operative="BE IT RESOLVED that the Sheriff shall not honor ICE detainers.",
    )
    facts = county_facts(County.objects.get(state="NC", slug="alamance"))
    with pytest.raises(ForbiddenMeasureError, match="detainers"):
        compose(BY_KEY["county-reporting-resolution"], facts, "en")


def test_a_curated_edit_shows_with_its_version_and_counsel_date(client):
    row = DocumentTemplate(
        key="county-reporting-resolution",
        language="en",
        title="Resolution on 287(g) reporting for {place}",
        counsel_reviewed_on="2026-11-02",
        counsel_reviewed_by="County attorney of a neighbouring county",
    )
    row.full_clean()
    row.save()
    text = client.get(ALAMANCE.format(lang="en") + "/").content.decode()
    assert "Resolution on 287(g) reporting for Alamance County" in text
    assert "county-reporting-resolution/en v1" in text
    assert "Nov. 2, 2026" in text


def test_a_curated_edit_that_proposes_a_forbidden_measure_is_refused():
    row = DocumentTemplate(
        key="town-reporting-ordinance",
        language="en",
        operative="Section 1. The police department shall not honor ICE detainers.",
    )
    with pytest.raises(Exception) as error:
        row.full_clean()
    assert "detainers" in str(error.value)
    bad = DocumentTemplate(key="town-reporting-ordinance", language="en", title="{mayor}")
    with pytest.raises(Exception, match="Unknown placeholder"):
        bad.full_clean()


def test_an_adoption_shows_on_the_place_page(client):
    Adoption.objects.create(
        county=County.objects.get(state="NC", slug="alamance"),
        measure="county-activity-cost-reports",
        outcome=Adoption.Outcome.TABLED,
        decided_on="2026-11-16",
        vote="3-2",
        minutes_url="https://example.org/minutes",
    )
    text = client.get("/en/states/nc/counties/alamance/").content.decode()
    assert "tabled" in text and "3-2" in text
    assert "Ask for regular activity and cost reports" in text
    document = client.get(ALAMANCE.format(lang="es") + "/").content.decode()
    assert "aplazado" in document and "3-2" in document  # on the document it concerns, too


# --- uploaded copies of adopted texts: checked before anything is stored ---


def _admin_client() -> Client:
    from django.contrib.auth.models import User

    user = User.objects.create_superuser("curator", "curator@example.org", "x-long-password-1")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def _add(client: Client, upload) -> object:
    county = County.objects.get(state="NC", slug="alamance")
    return client.post(
        "/admin/oversight/adoption/add/",
        {
            "county": county.fips,
            "measure": "county-activity-cost-reports",
            "outcome": "adopted",
            "decided_on": "2026-11-16",
            "vote": "5-0",
            "copy": upload,
        },
    )


def test_a_real_pdf_copy_is_kept_under_a_name_of_our_own(client, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.ADOPTION_COPIES_DIR = tmp_path
    pdf = client.get(ALAMANCE.format(lang="en") + ".pdf").content
    response = _add(_admin_client(), SimpleUploadedFile("Jane Doe signed.pdf", pdf))
    assert response.status_code == 302, response.content.decode()[:2000]
    adoption = Adoption.objects.get()
    assert adoption.copy.name.endswith(".pdf") and "Jane" not in adoption.copy.name
    assert (tmp_path / adoption.copy.name).read_bytes() == pdf
    served = client.get(f"/adoptions/{adoption.pk}/copy")
    assert served["Content-Type"] == "application/pdf"
    assert b"".join(served.streaming_content) == pdf
    page = client.get("/en/states/nc/counties/alamance/").content.decode()
    assert f"/adoptions/{adoption.pk}/copy" in page
    api = client.get("/api/v1/adoptions?state=NC").json()
    assert api["items"][0]["copy_path"] == f"/adoptions/{adoption.pk}/copy"
    assert api["items"][0]["vote"] == "5-0"
    adoption.delete()  # withdrawn: the copy goes with it
    assert list((tmp_path / "copies").iterdir()) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("minutes.pdf", b"<html><script>alert(1)</script></html>", "not a PDF"),
        ("minutes.exe", b"MZ\x90\x00", "PDF or a Word"),
        ("minutes.docx", b"%PDF-1.7 not a zip", "not a Word"),
        ("minutes.pdf", b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024), "larger than 10 MB"),
    ],
)
def test_a_bad_upload_is_refused_and_nothing_is_stored(settings, tmp_path, name, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.ADOPTION_COPIES_DIR = tmp_path
    response = _add(_admin_client(), SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Adoption.objects.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_docx_with_macros_is_refused(settings, tmp_path):
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.ADOPTION_COPIES_DIR = tmp_path
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\x00" * 16)
    response = _add(_admin_client(), SimpleUploadedFile("minutes.docx", buffer.getvalue()))
    assert "macros" in response.content.decode()
    assert not Adoption.objects.exists()


def test_an_adoption_shows_on_the_nc_map_layer_and_in_the_geojson(client):
    from deputized.opendata.geo import counties_geojson

    Adoption.objects.create(
        municipality=Municipality.objects.get(state="NC", slug="carrboro"),
        measure="council-pre-approval",
        outcome=Adoption.Outcome.ADOPTED,
        decided_on="2026-11-18",
    )
    html = client.get("/en/states/nc/").content.decode()
    orange = html.split("Orange County: ", 1)[1].split("</a>", 1)[0]
    assert "oversight measure adopted" in orange and "oversight-adopted" in orange
    assert "Dashed outline" in html
    features = {f["id"]: f["properties"] for f in counties_geojson()["features"]}
    assert features["37135"]["oversight_adopted"] is True  # Orange, Carrboro's county
    assert features["37001"]["oversight_adopted"] is False
