"""Issue 16 in a real browser: every participant page of the campaigns (a letter campaign, a
sign-on letter, a call campaign, the story form, and the letter form's errors) on a 360-pixel
phone, in English and Spanish: nothing wider than the screen, the forms work without
JavaScript, and axe-core finds no violation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import AXE, SCREENS, SCREENSHOTS
from tests.browser.test_site import TOO_WIDE

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = {
    "letter": "/{lang}/campaigns/phone-letter/",
    "signon": "/{lang}/campaigns/phone-signon/",
    "call": "/{lang}/campaigns/phone-call/",
    "story": "/{lang}/stories/new/?place=county:37001",
}


@pytest.fixture(scope="module")
def campaigns_site(places, django_db_blocker) -> Iterator[str]:
    from pytest_django.live_server_helper import LiveServer

    from tests.campaigns.factories import alamance_campaign
    from tests.databases import database_copy

    # Committed (the server's thread reads them), so in a copy of the module's own: the shared
    # places database must stay as loaded for every other module.
    with django_db_blocker.unblock(), database_copy(places, "campaigns-browser"):
        for kind in ("letter", "signon", "call"):
            alamance_campaign(kind=kind, slug=f"phone-{kind}")
        server = LiveServer("localhost", start=False)
        server._live_server_modified_settings.enable()
        server.start()
        try:
            yield server.url
        finally:
            server.stop()
            server._live_server_modified_settings.disable()


def axe_violations(page) -> dict:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => {
            const r = await axe.run('main', {runOnly: {type: 'tag', values: tags}});
            return {passes: r.passes.length, violations: r.violations.map(v => ({
                id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map(n => n.target)}))};
        }""",
        AXE_TAGS,
    )


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", list(PAGES))
def test_campaign_pages_on_a_phone(campaigns_site, chromium, name: str, lang: str) -> None:
    phone = SCREENS["phone"]
    path = PAGES[name].format(lang=lang)
    plain = chromium.new_context(base_url=campaigns_site, java_script_enabled=False, **phone)
    try:
        page = plain.new_page()
        response = page.goto(path, wait_until="load")
        assert response and response.status == 200
        assert page.evaluate("document.documentElement.scrollWidth") <= phone["viewport"]["width"]
        assert page.evaluate(TOO_WIDE) == []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"campaign-{name}-{lang}-phone.png", full_page=True)
        if name != "call":
            # Sent empty, without JavaScript: the errors are named, in the page's language.
            page.locator("main form button[type=submit]").first.click()
            page.wait_for_load_state("load")
            assert page.locator("[role=alert]").count() == 1
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        plain.close()
    scripted = chromium.new_context(base_url=campaigns_site, **phone)
    try:
        page = scripted.new_page()
        page.goto(path, wait_until="load")
        result = axe_violations(page)
        if name != "call":  # and the page with the form's errors
            page.locator("main form button[type=submit]").first.click()
            page.wait_for_load_state("load")
            errors = axe_violations(page)
            result["violations"] += errors["violations"]
    finally:
        scripted.close()
    assert result["passes"] > 0, "axe-core checked nothing"
    assert result["violations"] == [], result["violations"]
