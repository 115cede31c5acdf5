"""Issue 17 in a real browser: the records pages on a 360-pixel phone, in English and Spanish,
JavaScript off for the reading and the forms (nothing wider than the screen), axe-core on each
page's main content. The whole-archive database, so real agencies have pages."""

from __future__ import annotations

import pytest

from tests.browser.conftest import AXE, SCREENS, SCREENSHOTS
from tests.browser.test_site import TOO_WIDE

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AGENCY = "nc-duplin-county-sheriffs-office"
QUERY = "officers=4&salary=50000&benefits_percent=30&overtime=15000&tier=80&budget=10000000"
PAGES = {
    "jail": ("/{lang}/states/nc/counties/alamance/", "#jail-contracts"),
    "cost": (f"/{{lang}}/agencies/{AGENCY}/cost/?{QUERY}", "main"),
    "request": (f"/{{lang}}/agencies/{AGENCY}/records-request/", "main"),
    "track": (f"/{{lang}}/agencies/{AGENCY}/records-request/track/", "main"),
}
SEEN = {
    ("jail", "en"): "Jail contracts (ICE detention)",
    ("jail", "es"): "Contratos de cárcel (detención de ICE)",
    ("cost", "en"): "What ICE would reimburse",
    ("cost", "es"): "Lo que ICE reembolsaría",
    ("request", "en"): "Pursuant to the North Carolina Public Records Act",
    ("request", "es"): "Pursuant to the North Carolina Public Records Act",
    ("track", "en"): "Follow your records request",
    ("track", "es"): "Siga su solicitud de documentos",
}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", list(PAGES))
def test_records_pages_on_a_phone(site_url, chromium, name: str, lang: str) -> None:
    phone = SCREENS["phone"]
    path, scope = PAGES[name]
    path = path.format(lang=lang)
    plain = chromium.new_context(base_url=site_url, java_script_enabled=False, **phone)
    try:
        page = plain.new_page()
        response = page.goto(path, wait_until="load")
        assert response and response.status == 200
        for summary in page.locator(f"{scope} details > summary").all():
            summary.click()
        assert SEEN[(name, lang)] in page.locator(scope).first.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= phone["viewport"]["width"]
        assert page.evaluate(TOO_WIDE) == []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"records-{name}-{lang}-phone.png", full_page=True)
        if name == "track":  # the form works without JavaScript: nothing typed, errors named
            page.locator("button[type=submit]").click()
            page.wait_for_load_state("load")
            assert page.locator("[role=alert]").count() == 1
    finally:
        plain.close()
    scripted = chromium.new_context(base_url=site_url, **phone)
    try:
        page = scripted.new_page()
        page.goto(path, wait_until="load")
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate(
            """async ([scope, tags]) => {
                const r = await axe.run(scope, {runOnly: {type: 'tag', values: tags}});
                return {passes: r.passes.length, violations: r.violations.map(v => ({
                    id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map(n => n.target)}))};
            }""",
            [scope, AXE_TAGS],
        )
    finally:
        scripted.close()
    assert result["passes"] > 0, "axe-core checked nothing"
    assert result["violations"] == [], result["violations"]
