"""Issue 14 in a real browser: the "Who decides" section of Alamance County and Carrboro on a
360-pixel phone, in English and Spanish, JavaScript off for the reading (nothing wider than the
screen, the correction link reachable, the form usable), axe-core on the section."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import AXE, SCREENS, SCREENSHOTS
from tests.browser.test_site import TOO_WIDE

# django_db: the session sets up the test databases (the places copy is built from it).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = {
    "alamance": "/{lang}/states/nc/counties/alamance/",
    "carrboro": "/{lang}/states/nc/places/carrboro/",
}
SEEN = {
    ("alamance", "en"): ["Terry S. Johnson", "(336) 570-6311", "Amy Galey", "Do you know? Tell us"],
    ("alamance", "es"): ["Terry S. Johnson", "(336) 570-6311", "Amy Galey", "¿Lo sabe? Díganos"],
    ("carrboro", "en"): ["Require approval before an agreement is signed", "not yet known"],
    ("carrboro", "es"): ["Exigir aprobación antes de que se firme un acuerdo", "aún no se sabe"],
}


@pytest.fixture(scope="module")
def officials_site(places, django_db_blocker) -> Iterator[str]:
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
@pytest.mark.parametrize("place", list(PAGES))
def test_who_decides_on_a_phone(officials_site, chromium, place: str, lang: str) -> None:
    phone = SCREENS["phone"]
    path = PAGES[place].format(lang=lang)
    plain = chromium.new_context(base_url=officials_site, java_script_enabled=False, **phone)
    try:
        page = plain.new_page()
        response = page.goto(path, wait_until="load")
        assert response and response.status == 200
        for summary in page.locator("#who-decides details > summary").all():
            summary.click()
        section = page.locator("#who-decides")
        text = section.inner_text()
        for words in SEEN[(place, lang)]:
            assert words in text, words
        assert page.evaluate("document.documentElement.scrollWidth") <= phone["viewport"]["width"]
        assert page.evaluate(TOO_WIDE) == []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        section.screenshot(path=SCREENSHOTS / f"who-decides-{place}-{lang}-phone.png")
        # The correction link leads to a form that works without JavaScript.
        section.locator("a[href*='/correct/']").first.click()
        page.wait_for_load_state("load")
        assert page.locator("form textarea").count() == 1
        page.locator("button[type=submit]").click()
        page.wait_for_load_state("load")
        assert page.locator("[role=alert]").count() == 1  # nothing typed: the errors, named
    finally:
        plain.close()
    scripted = chromium.new_context(base_url=officials_site, **phone)
    try:
        page = scripted.new_page()
        page.goto(path, wait_until="load")
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate(
            """async (tags) => {
                const r = await axe.run('#who-decides', {runOnly: {type: 'tag', values: tags}});
                return {passes: r.passes.length, violations: r.violations.map(v => ({
                    id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map(n => n.target)}))};
            }""",
            AXE_TAGS,
        )
    finally:
        scripted.close()
    assert result["passes"] > 0, "axe-core checked nothing"
    assert result["violations"] == [], result["violations"]
