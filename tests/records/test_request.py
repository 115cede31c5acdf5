"""The records request: tailored by model and jail, addressed from the officials directory,
citing G.S. 132-1 and 132-6, in English on both language pages; PDF and DOCX that open."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from docx import Document
from pypdf import PdfReader

from deputized.officials.models import Office, Role
from deputized.records import letters
from tests.records.helpers import make_agency

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("places")]

ALAMANCE_SO = "nc-alamance-county-sheriffs-office"


@pytest.fixture
def alamance():
    return make_agency(
        ALAMANCE_SO,
        "Alamance County Sheriff's Office",
        ori="NC0010000",
        county="37001",
        models=("WSO",),
    )


@pytest.fixture
def police():
    """A town police department with a chief in the officials directory, on the Task Force Model."""
    office = (
        Office.objects.filter(role=Role.POLICE_CHIEF, municipality__isnull=False)
        .exclude(agency_ori="")
        .order_by("key")
        .first()
    )
    assert office is not None
    town = office.municipality
    agency = make_agency(
        f"nc-{town.slug}-police-department",
        f"{town.name} Police Department",
        ori=office.agency_ori,
        county=town.primary_county_id,
        municipality=town.geoid,
        models=("TFM",),
    )
    return agency, office


def item_keys(html: str) -> list[str]:
    return re.findall(r'<li id="item-([a-z_]+)">', html)


def words(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'")


@pytest.mark.parametrize(
    ("language", "explained"),
    [
        ("en", "North Carolina's Public Records Act"),
        ("es", "Ley de Documentos Públicos de Carolina del Norte"),
    ],
)
def test_alamance_sheriff_gets_wso_and_igsa_items_addressed_to_the_sheriff(
    client: Client, alamance, language: str, explained: str
) -> None:
    response = client.get(f"/{language}/agencies/{ALAMANCE_SO}/records-request/")
    assert response.status_code == 200
    html = response.content.decode()
    assert explained in html
    keys = item_keys(html)
    assert "jail_stats" in keys and "igsa" in keys
    assert "task_force" not in keys
    letter = words(html.split('<div class="letter" lang="en">')[1])
    assert "Terry S. Johnson" in letter  # the sheriff, from the officials directory
    assert "To: Sheriff" in letter
    assert "§ 132-1" in letter and "132-6" in letter
    assert "electronic copies" in letter and "fee estimate" in letter
    assert "Copy (money records" in letter and "Manager" in letter
    # In English on the Spanish page too.
    assert "Pursuant to the North Carolina Public Records Act" in letter
    page = client.get(f"/{language}/agencies/{ALAMANCE_SO}/").content.decode()
    assert f"/{language}/agencies/{ALAMANCE_SO}/records-request/" in page
    # The IGSA request one click away from the county's jail section.
    county = client.get(f"/{language}/states/nc/counties/alamance/").content.decode()
    assert f"/{language}/agencies/{ALAMANCE_SO}/records-request/#item-igsa" in county


def test_a_task_force_police_department_gets_the_task_force_items(client: Client, police) -> None:
    agency, _office = police
    html = client.get(f"/en/agencies/{agency.id}/records-request/").content.decode()
    keys = item_keys(html)
    assert "task_force" in keys and "force_stops" in keys
    assert "jail_stats" not in keys and "igsa" not in keys
    letter = words(html.split('<div class="letter" lang="en">')[1])
    assert "To: Police chief" in letter
    assert "Copy (money records" in letter and "clerk" in letter.lower()


def test_the_pdf_and_docx_open_and_hold_the_request(client: Client, alamance) -> None:
    pdf = client.get(f"/en/agencies/{ALAMANCE_SO}/records-request.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    text = re.sub(r"\s+", " ", text)
    assert "132-1" in text and "Terry S. Johnson" in text and "intergovernmental" in text
    docx = client.get(f"/en/agencies/{ALAMANCE_SO}/records-request.docx")
    document = Document(io.BytesIO(docx.content))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "§ 132-1" in body and "Terry S. Johnson" in body
    assert "intergovernmental service agreement" in body


def test_items_for_each_model() -> None:
    def keys(**kw: object) -> list[str]:
        return [i.key for i in letters.items_for(**kw)]

    assert "jail_stats" in keys(models={"JEM"}, jail=False, sheriff=True)
    assert "igsa" not in keys(models={"JEM"}, jail=False, sheriff=True)
    both = keys(models={"WSO", "TFM"}, jail=True, sheriff=True)
    assert {"jail_stats", "task_force", "igsa"} <= set(both)
    assert "jail_stats" not in keys(models={"TFM"}, jail=False, sheriff=False)
