"""A town page's legal notes and hotlines in a real browser, on a 360-pixel phone, in English and
Spanish: Carrboro (own police, no 287(g) agreement), where the ACLU of North Carolina's advice, the
statutes and the open questions all appear. JavaScript off for the reading, axe-core for the
accessibility check, one screenshot per language (in .test-output/screenshots/).

Served from the places database (the real NC places, no ICE lists needed for a town without an
agreement), not the whole archive the site tour reads.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import SCREENS, SCREENSHOTS
from tests.browser.test_site import TOO_WIDE, Visit, audit

# django_db: the session sets up the test databases (the places copy is built from it).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PATH = "/{lang}/states/nc/places/carrboro/"
NOTE = "main article[aria-labelledby='note-council-pre-approval']"
LABELS = {
    "en": {
        "note-aclu": "ACLU of NC recommends",
        "note-law": "What the law says",
        "note-question": "Open legal question",
        "note-bill": "Bill status: SB 153 (2025)",
    },
    "es": {
        "note-aclu": "La ACLU de Carolina del Norte recomienda",
        "note-law": "Lo que dice la ley",
        "note-question": "Pregunta legal abierta",
        "note-bill": "Estado del proyecto de ley: SB 153 (2025)",
    },
}
CALM = {
    "en": "Check the number before an emergency",
    "es": "Verifique el número antes de una emergencia",
}

# What sets each kind of note apart besides its colour: its label, its mark and its border.
LOOK = """(selector) => [...document.querySelectorAll(selector + ' .note')].map((el) => {
    const style = getComputedStyle(el);
    return {kind: [...el.classList].find((c) => c.startsWith('note-')),
            label: el.querySelector('.kind').innerText.trim(),
            border: style.borderLeftStyle, size: parseFloat(style.fontSize),
            visible: el.getBoundingClientRect().width > 0};
})"""


@pytest.fixture(scope="module")
def town_site(places, django_db_blocker) -> Iterator[str]:
    """The site on a thread, reading the places database (as conftest's `site_url` does for the
    archive)."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost", start=False)
        server._live_server_modified_settings.enable()
        server.start()
        try:
            yield server.url
        finally:
            server.stop()
            server._live_server_modified_settings.disable()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_carrboro_legal_notes_and_hotlines_on_a_phone(town_site, chromium, lang):
    phone = SCREENS["phone"]
    plain = chromium.new_context(base_url=town_site, java_script_enabled=False, **phone)
    try:
        page = plain.new_page()
        response = page.goto(PATH.format(lang=lang), wait_until="load")
        assert response and response.status == 200
        assert page.get_attribute("html", "lang") == lang
        width = phone["viewport"]["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # The officials' measures fold behind their heading on a phone: a reader opens them.
        for summary in page.locator("details.fold > summary").all():
            summary.click()
        assert page.evaluate(TOO_WIDE) == []
        notes = page.evaluate(LOOK, NOTE)
        by_kind = {note["kind"]: note for note in notes}
        assert set(by_kind) == set(LABELS[lang]), notes
        for kind, label in LABELS[lang].items():
            assert by_kind[kind]["visible"] and label in by_kind[kind]["label"], by_kind[kind]
            assert by_kind[kind]["size"] >= 12
        # The three kinds differ in their border's style, not only in colour.
        styles = {by_kind[k]["border"] for k in ("note-aclu", "note-law", "note-question")}
        assert len(styles) == 3, styles
        hotlines = page.locator("main ul.hotlines > li").all_inner_texts()
        assert hotlines and all(CALM[lang] in line for line in hotlines)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"legal-carrboro-{lang}-phone.png", full_page=True)
    finally:
        plain.close()
    scripted = chromium.new_context(base_url=town_site, **phone)
    try:
        visit = Visit(PATH.format(lang=lang))
        audit(scripted.new_page(), visit)
    finally:
        scripted.close()
    assert visit.rules_passed > 0, "axe-core checked nothing"
    serious = [v for v in visit.violations if v["impact"] in ("serious", "critical")]
    assert not serious, serious
