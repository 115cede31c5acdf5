"""A model document page in a real browser on a 360-pixel phone, in English and Spanish:
Carrboro's pre-approval ordinance (own police, no agreement), read without JavaScript, nothing
wider than the screen, axe-core with no serious violation, one screenshot per language."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SCREENS, SCREENSHOTS
from tests.browser.test_legal_notes_phone import town_site  # noqa: F401 (the served site)
from tests.browser.test_site import TOO_WIDE, Visit, audit

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PATH = "/{lang}/states/nc/places/carrboro/documents/pre-approval-ordinance/"
HEADING = {
    "en": "Ordinance requiring council approval",
    "es": "Ordenanza que exige la aprobación del concejo",
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_pre_approval_ordinance_on_a_phone(town_site, chromium, lang):
    phone = SCREENS["phone"]
    plain = chromium.new_context(base_url=town_site, java_script_enabled=False, **phone)
    try:
        page = plain.new_page()
        response = page.goto(PATH.format(lang=lang), wait_until="load")
        assert response and response.status == 200
        assert page.get_attribute("html", "lang") == lang
        assert HEADING[lang] in page.inner_text("main h1")
        assert page.evaluate("document.documentElement.scrollWidth") <= phone["viewport"]["width"]
        assert page.evaluate(TOO_WIDE) == []
        links = page.locator("main a[href$='.pdf'], main a[href$='.docx']").count()
        assert links == 2
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"document-carrboro-{lang}-phone.png", full_page=True)
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
