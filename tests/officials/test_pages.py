"""The "Who decides" section on real county, town and agency pages (places DB with the officials
directory loaded, as `make run` loads it)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from deputized.officials.models import Office

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("places")]


def section(html: str) -> str:
    found = re.search(r'<section id="who-decides".*?</section>', html, re.S)
    assert found, "no Who decides section"
    return found.group(0)


def text(html: str) -> str:
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'")
    return re.sub(r" ([:.,)])", r"\1", words)  # as read: "Sheriff: …", not "Sheriff : …"


def page(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "sheriff", "unknown", "commissioners", "tell_us"),
    [
        ("en", "Sheriff", "not yet known", "Board of County Commissioners", "Do you know? Tell us"),
        (
            "es",
            "Alguacil",
            "aún no se sabe",
            "Junta de Comisionados del Condado",
            "¿Lo sabe? Díganos",
        ),
    ],
)
def test_alamance_names_its_sheriff_phone_and_legislators(
    client: Client, language: str, sheriff: str, unknown: str, commissioners: str, tell_us: str
) -> None:
    html = section(page(client, f"/{language}/states/nc/counties/alamance/"))
    words = text(html)
    assert f"{sheriff}: Terry S. Johnson" in words
    assert 'href="tel:+13365706311"' in html
    for legislator in ("Amy Galey", "Stephen Ross", "Dennis Riddell"):
        assert legislator in words
    commissioners_block = re.search(
        r'<div class="official" id="office-nc-county-37001-commissioners">.*?</div>', html, re.S
    ).group(0)
    assert commissioners in text(commissioners_block)
    assert tell_us in text(commissioners_block)
    assert f"/{language}/officials/nc-county-37001-commissioners/correct/" in commissioners_block
    attorney = re.search(
        r'<div class="official" id="office-nc-county-37001-attorney">.*?</div>', html, re.S
    ).group(0)
    assert unknown in text(attorney)
    assert "2026" in words  # as of / verified on dates are shown


@pytest.mark.parametrize(
    ("language", "pre_approval", "police", "unknown"),
    [
        ("en", "Require approval before an agreement is signed", "Police chief", "not yet known"),
        (
            "es",
            "Exigir aprobación antes de que se firme un acuerdo",
            "Jefe de policía",
            "aún no se sabe",
        ),
    ],
)
def test_carrboro_says_what_its_council_can_do_and_its_police_head_is_unknown(
    client: Client, language: str, pre_approval: str, police: str, unknown: str
) -> None:
    html = section(page(client, f"/{language}/states/nc/places/carrboro/"))
    words = text(html)
    decision = words.split(pre_approval, 1)[1]
    assert decision.lstrip().startswith(("Town or city council", "Concejo municipal"))
    chief = re.search(
        r'<div class="official" id="office-nc-place-3710620-police-chief">.*?</div>', html, re.S
    ).group(0)
    assert f"{police}: {unknown}" in text(chief)
    assert f"/{language}/officials/nc-place-3710620-police-chief/correct/" in chief


def test_a_county_page_says_no_local_body_can_require_pre_approval(client: Client) -> None:
    words = text(section(page(client, "/en/states/nc/counties/alamance/")))
    assert "No local office here can: The board cannot require approval" in words


def test_every_county_page_section_reads_officials_in_few_queries(
    client: Client, django_assert_max_num_queries
) -> None:
    from deputized.officials.selectors import who_decides
    from deputized.places.models import County

    county = County.objects.get(fips="37119")  # Mecklenburg: many legislators
    with django_assert_max_num_queries(6):
        who = who_decides(county=county)
    assert who.decisions[0].holders[0].office.role == "sheriff"
    assert Office.objects.filter(role="sheriff").count() == 100


def test_an_agency_page_names_its_head(client: Client) -> None:
    from deputized.officials.selectors import head_of_agency, records_custodian
    from deputized.places.models import County

    sheriff = head_of_agency(County.objects.get(fips="37001").sheriff_ori)
    assert sheriff.person.name == "Terry S. Johnson"
    assert records_custodian("NC0680300").office.key == "nc-place-3710620-police-chief"
    assert records_custodian("NC0680300").person is None
    assert head_of_agency("") is None


def test_an_office_holding_several_decisions_is_shown_in_full_once(client: Client) -> None:
    html = section(page(client, "/en/states/nc/places/carrboro/"))
    assert html.count('id="office-nc-place-3710620-council"') == 1
    assert html.count('href="#office-nc-place-3710620-council"') == 2  # reporting: full; then 2
    assert len(re.findall(r'\bid="([^"]+)"', html)) == len(set(re.findall(r'\bid="([^"]+)"', html)))
