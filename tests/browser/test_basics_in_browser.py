"""Issue 13's basics in a real browser, in English and Spanish, at 1280 and 360 pixels, with
JavaScript off and axe-core on each page: hotline links that dial a valid number, the alerts link
in the main menu, the favicon, compressed pages, the ACLU-NC's links and the 404 page with its
way back.

Chromium visits each page once per language and screen in a module fixture; the tests check
what it saw (screenshots: .test-output/screenshots/basics-*.png)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import AXE, SCREENS, SCREENSHOTS

pytestmark = pytest.mark.browser

LANGUAGES = ("en", "es")
PAGES = {
    "rights": "/{lang}/rights/",
    "county": "/{lang}/states/nc/counties/duplin/",
    "town": "/{lang}/states/nc/places/teachey/",
    "state": "/{lang}/states/nc/",
    "missing": "/{lang}/states/nc/counties/atlantis/",
}
WITH_HOTLINES = ("rights", "county", "town")
VISITS = [(page, lang, screen) for page in PAGES for lang in LANGUAGES for screen in SCREENS]
E164_US = re.compile(r"^tel:\+1[2-9]\d{2}[2-9]\d{6}$")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NOT_FOUND = {"en": "Page not found", "es": "Página no encontrada"}
TOOLKIT = "https://www.acluofnorthcarolina.org/publications/287g-toolkit/"


@dataclass
class Visit:
    path: str
    status: int | None = None
    encoding: str = ""
    lang: str | None = None
    h1: str = ""
    tel: list[str] = field(default_factory=list)  # every tel: link (hotlines and officials' phones)
    hotlines: list[tuple[str, bool]] = field(default_factory=list)  # href, visible
    menu_alerts: tuple[str, bool] | None = None  # the main menu's alerts link, and visible
    icons: dict[str, tuple[int, str]] = field(default_factory=dict)  # href -> status, type
    toolkit_visible: bool = False
    way_back: dict[str, object] = field(default_factory=dict)
    scroll_width: int = 0
    violations: list[dict] = field(default_factory=list)
    rules_passed: int = 0
    errors: list[str] = field(default_factory=list)


def visit_id(key: tuple[str, str, str]) -> str:
    return "-".join(key)


def local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def read(page: object, visit: Visit, lang: str, screen: str) -> None:
    response = page.goto(visit.path, wait_until="load")
    visit.status = response.status
    visit.encoding = response.headers.get("content-encoding", "")
    visit.lang = page.get_attribute("html", "lang")
    visit.h1 = page.locator("h1").first.inner_text()
    visit.tel = [link.get_attribute("href") for link in page.locator('a[href^="tel:"]').all()]
    # Officials' phones may sit in folded sections; the crisis hotlines may not.
    visit.hotlines = [
        (link.get_attribute("href"), link.is_visible())
        for link in page.locator('.hotlines a[href^="tel:"]').all()
    ]
    menu = page.locator(f'nav.main a[href="/{lang}/alerts/"]')
    if menu.count():
        visit.menu_alerts = (menu.first.inner_text(), menu.first.is_visible())
    for icon in page.locator('link[rel="icon"]').all():
        href = icon.get_attribute("href")
        answer = page.request.get(href)
        visit.icons[href] = (answer.status, answer.headers.get("content-type", ""))
    toolkit = page.locator(f'a[href="{TOOLKIT}"]')
    visit.toolkit_visible = toolkit.count() > 0 and toolkit.first.is_visible()
    visit.scroll_width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(
        path=SCREENSHOTS / f"basics-{visit_id((visit.path.split('/')[-2], lang, screen))}.png",
        full_page=True,
    )
    if visit.status == 404:
        home = page.locator(f'main a[href="/{lang}/"]')
        visit.way_back["home_visible"] = home.count() > 0 and home.first.is_visible()
        page.locator("main input[name=q]").fill("duplin")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        visit.way_back["search"] = local(page.url)
        visit.way_back["first_hit"] = page.locator("main ol li a, main ul li a").first.inner_text()


def audit(page: object, visit: Visit) -> None:
    page.goto(visit.path, wait_until="load")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return {passes: result.passes.length, violations: result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
            }))};
        }""",
        AXE_TAGS,
    )
    visit.rules_passed, visit.violations = result["passes"], result["violations"]


@pytest.fixture(scope="module")
def tour(site_url, chromium) -> dict[tuple[str, str, str], Visit]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    visits = {}
    for screen, options in SCREENS.items():
        plain = chromium.new_context(base_url=site_url, java_script_enabled=False, **options)
        scripted = chromium.new_context(base_url=site_url, **options)
        for page_name, lang, at in VISITS:
            if at != screen:
                continue
            visit = visits[(page_name, lang, screen)] = Visit(PAGES[page_name].format(lang=lang))
            for step, context in ((read, plain), (audit, scripted)):
                page = context.new_page()
                try:
                    if step is read:
                        read(page, visit, lang, screen)
                    else:
                        audit(page, visit)
                except Exception as exc:
                    visit.errors.append(f"{step.__name__}: {exc}")
                finally:
                    page.close()
        plain.close()
        scripted.close()
    return visits


def seen(tour: dict, key: tuple[str, str, str]) -> Visit:
    visit = tour[key]
    assert not visit.errors, visit.errors
    return visit


@pytest.mark.parametrize("key", [v for v in VISITS if v[0] in WITH_HOTLINES], ids=visit_id)
def test_every_hotline_link_dials_a_valid_number_and_is_visible(tour, key):
    visit = seen(tour, key)
    assert visit.status == 200 and visit.hotlines
    for href in visit.tel:
        assert E164_US.match(href), href
    for href, visible in visit.hotlines:
        assert visible, href


@pytest.mark.parametrize("key", VISITS, ids=visit_id)
def test_the_main_menu_links_to_alerts_and_the_page_has_a_favicon(tour, key):
    _, lang, _ = key
    visit = seen(tour, key)
    assert visit.menu_alerts == (
        {"en": "Get alerts", "es": "Recibir alertas"}[lang],
        True,
    ), visit.menu_alerts
    assert visit.icons == {
        "/static/web/favicon.ico": (200, visit.icons["/static/web/favicon.ico"][1]),
        "/static/web/favicon.svg": (200, "image/svg+xml"),
    }
    assert "icon" in visit.icons["/static/web/favicon.ico"][1]


@pytest.mark.parametrize("key", VISITS, ids=visit_id)
def test_pages_arrive_compressed_and_fit_the_screen(tour, key):
    visit = seen(tour, key)
    assert visit.encoding == "gzip"
    assert visit.scroll_width <= SCREENS[key[2]]["viewport"]["width"] + 1


@pytest.mark.parametrize(
    "key", [v for v in VISITS if v[0] in ("county", "town", "state")], ids=visit_id
)
def test_the_aclu_nc_toolkit_is_within_reach_on_nc_and_place_pages(tour, key):
    assert seen(tour, key).toolkit_visible


@pytest.mark.parametrize("key", [v for v in VISITS if v[0] == "missing"], ids=visit_id)
def test_a_missing_page_is_a_404_in_the_readers_language_with_a_way_back(tour, key):
    _, lang, _ = key
    visit = seen(tour, key)
    assert visit.status == 404 and visit.lang == lang
    assert visit.h1 == NOT_FOUND[lang]
    assert visit.way_back["home_visible"]
    assert visit.way_back["search"] == f"/{lang}/search/?q=duplin"
    assert "Duplin" in visit.way_back["first_hit"]


@pytest.mark.parametrize("key", VISITS, ids=visit_id)
def test_no_serious_or_critical_accessibility_violation(tour, key):
    visit = seen(tour, key)
    assert visit.rules_passed > 0, "axe-core checked nothing"
    bad = [v for v in visit.violations if v["impact"] in {"serious", "critical"}]
    assert not bad, [(v["id"], v["impact"], v["help"], v["targets"]) for v in bad]
