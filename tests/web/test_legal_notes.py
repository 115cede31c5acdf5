"""Legal notes a council member can read without mistaking the site's caution for the law, and
hotlines that reassure rather than alarm: on the real places of North Carolina.

Carrboro (Orange County) has its own police department and no 287(g) agreement: its council is
where the ACLU of North Carolina's central advice (council pre-approval) applies.
"""

from __future__ import annotations

import datetime as dt
import re

import lxml.html
import pytest

from deputized.community.models import CountyResource, Hotline
from deputized.oversight.bills import bills_mentioned
from deputized.oversight.models import Bill, NoteCheck
from deputized.oversight.selectors import bill_statuses
from tests.oversight.test_measures import PROHIBITIVE

pytestmark = pytest.mark.django_db

CARRBORO = "/{language}/states/nc/places/carrboro/"
ORANGE = "/{language}/states/nc/counties/orange/"

WORDS = {
    "en": {
        "aclu": "ACLU of NC recommends",
        "briefing": "9 June 2026",
        "law": "What the law says",
        "question": "Open legal question",
        "ask": "Who to ask: Town or city attorney.",
        "unchecked": "Not yet checked against the official text by the site's curators.",
        "checked": "Checked against the official text by the site's curators on Dec. 1, 2026.",
        "bill": "Bill status: SB 153 (2025)",
        "sb153": "Not law: awaiting a veto-override vote in the House as of June 2026.",
        "sb153_checked": "Status last checked on June 15, 2026.",
        "calm": "Check the number before an emergency.",
        "confirmed": "Number confirmed by the site on Nov. 30, 2026.",
        "run_by": "Run by Test Defense Network.",
    },
    "es": {
        "aclu": "La ACLU de Carolina del Norte recomienda",
        "briefing": "9 de junio de 2026",
        "law": "Lo que dice la ley",
        "question": "Pregunta legal abierta",
        "ask": "A quién preguntar: Abogado municipal.",
        "unchecked": "Los editores del sitio aún no lo han revisado con el texto oficial.",
        "checked": "Revisado con el texto oficial por los editores del sitio el 1 de diciembre "
        "de 2026.",
        "bill": "Estado del proyecto de ley: SB 153 (2025)",
        "sb153": "No es ley: a junio de 2026 esperaba la votación de la Cámara de "
        "Representantes para anular el veto.",
        "sb153_checked": "Estado revisado por última vez el 15 de junio de 2026.",
        "calm": "Verifique el número antes de una emergencia.",
        "confirmed": "Número confirmado por el sitio el 30 de noviembre de 2026.",
        "run_by": "La atiende Test Defense Network.",
    },
}


def page(client, path: str) -> lxml.html.HtmlElement:
    response = client.get(path)
    assert response.status_code == 200, path
    assert len(response.content) < 200_000, path  # the notes keep a page light on a phone
    return lxml.html.fromstring(response.content.decode())


def words(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def note(document, key: str):
    """The legal note of one entry (a measure, limit or duty), by its key."""
    (article,) = document.xpath(f"//article[@aria-labelledby='note-{key}']")
    return article


def kinds(article) -> dict[str, list[str]]:
    """The article's notes by kind (the class after `note-`), as a reader reads them."""
    found: dict[str, list[str]] = {}
    for element in article.xpath(".//*[contains(concat(' ', @class, ' '), ' note ')]"):
        kind = next(c for c in element.get("class").split() if c.startswith("note-"))
        found.setdefault(kind, []).append(words(element))
    return found


@pytest.mark.parametrize("language", ["en", "es"])
def test_carrboro_tells_the_aclu_advice_from_the_statute_and_from_the_open_question(
    places, client, language
):
    said = WORDS[language]
    document = page(client, CARRBORO.format(language=language))
    approval = note(document, "council-pre-approval")
    notes = kinds(approval)
    # The ACLU-NC's advice, cited to its briefing with the date and a link to it.
    (aclu,) = notes["note-aclu"]
    assert said["aclu"] in aclu and said["briefing"] in aclu
    assert approval.xpath(".//p[contains(@class,'note-aclu')]//a/@href") == [
        "https://engageddefendersfordemocracy.substack.com/p/we-all-need-to-know-about-287g-and"
    ]
    # The statutes, each linked to its official text, and nothing of the ACLU or of doubt in it.
    (law,) = notes["note-law"]
    assert said["law"] in law and "G.S. 160A-281" in law and "G.S. 160A-174" in law
    assert "ACLU" not in law and "160A-205.2" not in law
    links = approval.xpath(".//p[contains(@class,'note-law')]//a/@href")
    assert links and all(link.startswith("https://www.ncleg.gov/") for link in links)
    # The open question, apart, naming who to ask.
    (question,) = notes["note-question"]
    assert said["question"] in question and "160A-205.2" in question and said["ask"] in question
    assert approval.xpath(".//p[contains(@class,'note-question')]//a/@href") == [
        "https://www.ncleg.gov/EnactedLegislation/Statutes/HTML/BySection/Chapter_160A/"
        "GS_160A-205.2.html"
    ]
    # No red alarm: an unchecked note says so calmly, once, under the note.
    assert said["unchecked"] in words(approval)
    assert not document.xpath("//*[contains(concat(' ', @class, ' '), ' verify ')]")
    assert "Not yet verified" not in words(document)
    if language == "en":  # no step shown proposes what NC law forbids (nc-policy.md §8)
        steps = document.xpath("//article[contains(@class,'measure')][h3]")
        assert len(steps) >= 6
        for step in steps:
            assert not PROHIBITIVE.search(words(step)), words(step)[:80]


@pytest.mark.parametrize("language", ["en", "es"])
def test_sb153_shows_its_status_and_checked_date_wherever_it_is_mentioned(places, client, language):
    said = WORDS[language]
    # In Carrboro, the council's open question and the state duty; in Orange County, the duty.
    for path, least in ((CARRBORO, 2), (ORANGE, 1)):
        document = page(client, path.format(language=language))
        mentions = [
            article
            for article in document.xpath("//article[contains(@class,'measure')]")
            if "SB 153" in words(article)
        ]
        assert len(mentions) >= least, path
        for article in mentions:
            (bill,) = [text for text in kinds(article).get("note-bill", []) if said["bill"] in text]
            assert said["sb153"] in bill and said["sb153_checked"] in bill, article.get("id")
    # The state duty no longer reads as law.
    duty = words(note(document, "sb153-2025"))
    assert ("if it becomes law" in duty) if language == "en" else ("si se convierte en ley" in duty)


def test_a_bill_status_updated_by_a_curator_shows_with_its_new_date(places, client):
    bill = Bill.objects.get(key="sb153-2025")
    bill.status_en = "Law: the House overrode the veto."
    bill.checked_on = dt.date(2026, 12, 2)
    bill.save()
    said = words(note(page(client, CARRBORO.format(language="en")), "sb153-2025"))
    assert "Law: the House overrode the veto." in said
    assert "Status last checked on Dec. 2, 2026." in said


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_note_a_curator_checked_says_when(places, client, language):
    NoteCheck.objects.create(
        key="council-pre-approval",
        checked_on=dt.date(2026, 12, 1),
        checked_by="Curator",
        checked_against="G.S. 160A-281 and 160A-174 at ncleg.gov",
    )
    document = page(client, CARRBORO.format(language=language))
    assert WORDS[language]["checked"] in words(note(document, "council-pre-approval"))
    assert WORDS[language]["unchecked"] in words(note(document, "council-public-comment"))


def test_curators_mark_a_note_checked_in_the_admin(places, admin_client, admin_user):
    form = {
        "key": "town-no-limiting-policy",
        "checked_on": "2026-12-01",
        "checked_by": "Curator",
        "checked_against": "G.S. 160A-205.2, official text at ncleg.gov",
    }
    response = admin_client.post("/admin/oversight/notecheck/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    check = NoteCheck.objects.get(key="town-no-limiting-policy")
    assert check.history.latest().history_user == admin_user
    refused = admin_client.post("/admin/oversight/notecheck/add/", form | {"key": "no-such"})
    assert refused.status_code == 200 and NoteCheck.objects.count() == 1


@pytest.mark.parametrize("language", ["en", "es"])
def test_hotlines_say_who_runs_them_and_a_calm_note_until_confirmed(places, client, language):
    said = WORDS[language]
    statewide = Hotline.objects.get(phone="336-543-0353")
    statewide.operator_en = statewide.operator_es = "Test Defense Network"
    statewide.verified_on = dt.date(2026, 11, 30)
    statewide.save()
    document = page(client, CARRBORO.format(language=language))
    lines = [words(li) for li in document.xpath("//ul[@class='hotlines']/li")]
    assert len(lines) == Hotline.objects.filter(active=True).count()
    confirmed = next(line for line in lines if "336-543-0353" in line)
    assert said["run_by"] in confirmed and said["confirmed"] in confirmed
    for line in lines:
        if "336-543-0353" not in line:
            assert said["calm"] in line  # not yet confirmed: calm, not an alarm
    assert "re-confirmed" not in words(document) and "vuelto a confirmar" not in words(document)


def test_the_countys_own_resources_come_first_on_its_county_and_town_pages(places, client):
    CountyResource.objects.create(
        county_id="37135",
        name_en="Orange County rapid response",
        name_es="Respuesta rápida del condado de Orange",
        operator_en="A local rapid-response network",
        phone="919-555-0142",
        source="Entered in a test",
    )
    for path in (CARRBORO, ORANGE):
        for language in ("en", "es"):
            lines = page(client, path.format(language=language)).xpath("//ul[@class='hotlines']/li")
            first = words(lines[0])
            assert "919-555-0142" in first, (path, language)
            assert (
                "Orange County rapid response" if language == "en" else "condado de Orange"
            ) in first
            assert len(lines) == 1 + Hotline.objects.filter(active=True).count()
    # Another county's page does not show it.
    duplin = page(client, "/en/states/nc/counties/duplin/")
    assert "919-555-0142" not in words(duplin)


def test_a_text_names_bills_by_number_and_year(places):
    statuses = bill_statuses(language="en")
    labels = [b.label for b in bills_mentioned("HB 10 and HB 318, not SB 99", statuses)]
    assert labels == ["HB 10 (2024)", "HB 318 (2025)"]  # no year: today's bill of that number
    assert [b.label for b in bills_mentioned("HB 318 (2015) and HB 318", statuses)] == [
        "HB 318 (2015)",
        "HB 318 (2025)",
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_rights_page_shows_the_status_of_the_bills_it_names(places, client, language):
    document = page(client, f"/{language}/rights/")
    (section,) = document.xpath("//section[@aria-labelledby='kyr-three-different-things']")
    bills = [words(p) for p in section.xpath(".//p[contains(@class,'note-bill')]")]
    assert len(bills) == 2
    assert "HB 10 (2024)" in bills[0] and "HB 318 (2025)" in bills[1]
    checked = WORDS[language]["sb153_checked"]  # every seeded status: checked on 15 June 2026
    assert all(checked in bill for bill in bills)


def test_the_api_gives_the_same_three_kinds_and_the_bills_status(places, client):
    town = client.get("/api/v1/places/towns/3710620").json()
    measures = {m["key"]: m for m in town["guidance"]["measures"]}
    approval = measures["council-pre-approval"]
    assert "9 June 2026" in approval["recommendation"]["label"]
    assert "160A-205.2" in approval["question"] and approval["ask"] == "Town or city attorney"
    assert approval["checked_on"] is None
    (sb153,) = approval["bills"]
    assert sb153["label"] == "SB 153 (2025)" and sb153["checked_on"] == "2026-06-15"
    assert sb153["status"].startswith("Not law")


def test_curators_find_the_bills_county_resources_and_checks_in_the_admin(places, admin_client):
    for model in ("oversight/bill", "oversight/notecheck", "community/countyresource"):
        assert admin_client.get(f"/admin/{model}/add/").status_code == 200, model
    bills = admin_client.get("/admin/oversight/bill/").content.decode()
    assert "SB 153 (2025)" in bills and "HB 318 (2015)" in bills
