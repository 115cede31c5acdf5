"""The public pages in a real browser: home, a county, a town, an agency, the change log,
search, the alerts' sign-up and the downloads, in English and Spanish, on a desktop and a
360-pixel phone, with JavaScript off, and checked by axe-core.

Chromium visits every page once, in a module fixture (the tour), and the tests check what it saw:
one browser and one tour for the module, on the session's whole-archive database.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail

from tests.browser.conftest import AXE, SCREENS, SCREENSHOTS

pytestmark = pytest.mark.browser

LANGUAGES = ("en", "es")
PAGES = {
    "home": "/{lang}/",
    "county": "/{lang}/states/nc/counties/duplin/",
    # Agreements before 2021 only, with their sources' long addresses (web/includes/earlier.html).
    "earlier": "/{lang}/states/nc/counties/mecklenburg/",
    "town": "/{lang}/states/nc/places/teachey/",  # no police of its own: the Duplin sheriff
    "agency": "/{lang}/agencies/nc-duplin-county-sheriffs-office/",
    "changes": "/{lang}/changes/",
    "search": "/{lang}/search/?q=duplin",
    "alerts": "/{lang}/alerts/?topic=county:37061",  # the sign-up form, for Duplin County
    "downloads": "/{lang}/downloads/",
}
VISITS = [(page, lang, screen) for page in PAGES for lang in LANGUAGES for screen in SCREENS]
PHONE_WIDTH = SCREENS["phone"]["viewport"]["width"]
MAX_BYTES = 200_000
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SHERIFF = "/agencies/nc-duplin-county-sheriffs-office/"
SIGNED = {"en": "signed June 25, 2020", "es": "firmado el 25 de junio de 2020"}


# The outermost elements whose right edge is past the viewport (what makes a phone scroll sideways);
# an element inside a scrolling box (a wide table in .table-scroll) does not count.
TOO_WIDE = """() => {
    const width = document.documentElement.clientWidth, found = [];
    const clipped = (el) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
        }
        return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
        const box = el.getBoundingClientRect();
        if (box.right <= width + 1 || clipped(el)) continue;
        if (found.some((outer) => outer.contains(el))) continue;
        found.push(el);
    }
    const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (typeof el.className === 'string' && el.className.trim()
            ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    return found.slice(0, 5).map((el) => {
        const path = [el.parentElement?.parentElement, el.parentElement, el]
            .filter((e) => e && e !== document.body).map(name).join(' > ');
        return `${path} (right edge at ${Math.round(el.getBoundingClientRect().right)} px)`;
    });
}"""


def visit_id(visit: tuple[str, str, str]) -> str:
    return "-".join(visit)


def other(lang: str) -> str:
    return next(code for code in LANGUAGES if code != lang)


def local(url: str) -> str:
    """Path and query of a URL: what the site links to, without the live server's address."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@dataclass
class Visit:
    path: str
    status: int | None = None
    lang: str | None = None
    h1: str = ""
    assets: list[tuple[str, str, int]] = field(default_factory=list)  # url, type, body bytes
    scroll_width: int = 0
    too_wide: list[str] = field(default_factory=list)  # elements reaching past the screen's edge
    switch: tuple[str, str | None] | None = None  # where the language link leads, and its lang
    violations: list[dict] = field(default_factory=list)
    rules_passed: int = 0  # proof that axe-core ran
    screenshot: Path | None = None
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def weight(self) -> int:
        return sum(size for _, _, size in self.assets)


@dataclass
class Tour:
    visits: dict[tuple[str, str, str], Visit] = field(default_factory=dict)
    searches: dict[str, dict] = field(default_factory=dict)  # by language: the home page's form
    sheriff: dict[str, dict] = field(default_factory=dict)  # by language: the county page's card
    signups: dict[str, dict] = field(default_factory=dict)  # by language: the alerts form sent


def read(page: object, visit: Visit, shot: Path) -> None:
    """Open one page with JavaScript off: status, language, weight, width, screenshot, switch."""
    responses = []
    page.on("response", lambda response: responses.append(response))
    response = page.goto(visit.path, wait_until="load")
    visit.status = response.status if response else None
    visit.lang = page.get_attribute("html", "lang")
    heading = page.locator("h1").first
    visit.h1 = heading.inner_text() if heading.is_visible() else ""
    for item in responses:
        try:
            size = len(item.body())
        except Exception:  # a redirect has no body
            size = 0
        visit.assets.append((local(item.url), item.request.resource_type, size))
    visit.scroll_width = page.evaluate("document.documentElement.scrollWidth")
    visit.too_wide = page.evaluate(TOO_WIDE)
    page.screenshot(path=shot, full_page=True)
    visit.screenshot = shot
    link = page.locator(f'header .lang a[hreflang="{other(visit.lang or "en")}"]').first
    with page.expect_navigation():
        link.click()
    visit.switch = (local(page.url), page.get_attribute("html", "lang"))


def audit(page: object, visit: Visit) -> None:
    """axe-core on the same page, in a context where scripts run (axe is a script). The site's
    Content-Security-Policy stays on: anything of the page it blocks is an error. axe is the
    test's own tool, evaluated through the browser's debugging protocol, which the policy does
    not govern (a <script> tag of it would be blocked, rightly)."""
    blocked: list[str] = []

    def on_console(message: object) -> None:
        if "Content Security Policy" in message.text:
            blocked.append(message.text)

    page.on("console", on_console)
    try:
        response = page.goto(visit.path, wait_until="load")
    finally:
        page.remove_listener("console", on_console)
    if not response or response.status != 200:
        raise AssertionError(f"status {response.status if response else None}")
    if blocked:
        raise AssertionError(f"blocked by the Content-Security-Policy: {blocked}")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return {passes: result.passes.length, violations: result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
                targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
            }))};
        }""",
        AXE_TAGS,
    )
    visit.rules_passed, visit.violations = result["passes"], result["violations"]


def search_from_home(page: object, lang: str) -> dict:
    page.goto(f"/{lang}/", wait_until="load")
    form = page.locator("main form[role=search]").first
    form.locator("input[name=q]").fill("duplin")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    results = page.locator("main li > a").all_inner_texts()
    return {"url": local(page.url), "results": [r.strip() for r in results]}


def follow_the_sheriff(page: object, lang: str) -> dict:
    """The county page without its map: the sheriff's agreement is there, and its link works."""
    page.goto(f"/{lang}/states/nc/counties/duplin/", wait_until="load")
    card = page.locator(f'main .card:has(h3 a[href$="{SHERIFF}"])').first
    found = {"visible": card.is_visible(), "text": card.inner_text() if card.count() else ""}
    with page.expect_navigation():
        card.locator(f'h3 a[href$="{SHERIFF}"]').click()
    found["followed"] = local(page.url)
    found["h1"] = page.locator("h1").first.inner_text()
    return found


def sign_up(page: object, lang: str) -> dict:
    """The alerts form without JavaScript: Duplin County chosen from its page, an address, send."""
    page.goto(f"/{lang}/states/nc/counties/duplin/", wait_until="load")
    with page.expect_navigation():
        page.locator('main a[href*="/alerts/?topic=county"]').first.click()
    form = page.locator("main form").first
    chosen = form.locator("select[name=topic] option:checked").inner_text()
    form.locator("input[name=email]").fill(f"vecino-{lang}@example.org")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    # The live server runs in this process: its mail is in Django's test outbox (which the
    # tests empty before each one, hence read here).
    sent = [m.body for m in mail.outbox if m.to == [f"vecino-{lang}@example.org"]]
    return {
        "chosen": chosen.strip(),
        "url": local(page.url),
        "h1": page.locator("h1").first.inner_text(),
        "sent": sent,
    }


def take_tour(browser: object, base: str) -> Tour:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    tour = Tour()
    for screen, options in SCREENS.items():
        scripted = browser.new_context(base_url=base, **options)
        scripted.set_default_timeout(30_000)
        axe_page = scripted.new_page()
        for page_name, lang, at in VISITS:
            if at != screen:
                continue
            started = time.perf_counter()
            visit = Visit(PAGES[page_name].format(lang=lang))
            tour.visits[(page_name, lang, screen)] = visit
            # A fresh context per page: an empty cache, so the weight counts every asset.
            plain = browser.new_context(base_url=base, java_script_enabled=False, **options)
            plain.set_default_timeout(30_000)
            try:
                read(plain.new_page(), visit, SCREENSHOTS / f"{page_name}-{lang}-{screen}.png")
            except Exception as exc:
                visit.errors.append(f"without JavaScript: {exc}")
            finally:
                plain.close()
            try:
                audit(axe_page, visit)
            except Exception as exc:
                visit.errors.append(f"axe-core: {exc}")
            visit.seconds = time.perf_counter() - started
            print(f"{page_name}-{lang}-{screen}: {visit.seconds:.1f} s, {visit.weight:,} bytes")
        scripted.close()
    plain = browser.new_context(base_url=base, java_script_enabled=False, **SCREENS["phone"])
    plain.set_default_timeout(30_000)
    page = plain.new_page()
    for lang in LANGUAGES:
        for name, step, into in (
            ("search", search_from_home, tour.searches),
            ("sheriff", follow_the_sheriff, tour.sheriff),
            ("sign-up", sign_up, tour.signups),
        ):
            try:
                into[lang] = step(page, lang)
            except Exception as exc:
                into[lang] = {"error": f"{name}: {exc}"}
    plain.close()
    report = {visit_id(key): visit.violations for key, visit in tour.visits.items()}
    (SCREENSHOTS / "axe.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    return tour


@pytest.fixture(scope="module")
def tour(site_url, chromium) -> Tour:
    # The downloads page lists the archive's real downloads (its database's OPENDATA_DIR).
    return take_tour(chromium, site_url)


def seen(tour: Tour, key: tuple[str, str, str]) -> Visit:
    visit = tour.visits[key]
    assert not visit.errors, visit.errors
    return visit


@pytest.mark.parametrize("key", VISITS, ids=visit_id)
def test_each_page_opens_without_javascript_in_its_language(tour, key):
    _, lang, _ = key
    visit = seen(tour, key)
    assert visit.status == 200, (visit.path, visit.status)
    assert visit.lang == lang
    assert visit.h1, "no visible heading"
    assert visit.screenshot and visit.screenshot.stat().st_size > 0
    assert not [url for url, kind, _ in visit.assets if kind == "script"]


@pytest.mark.parametrize("key", VISITS, ids=visit_id)
def test_each_page_weighs_under_200_kb_with_its_assets(tour, key):
    visit = seen(tour, key)
    assert visit.weight < MAX_BYTES, (visit.weight, visit.assets)


@pytest.mark.parametrize("key", [v for v in VISITS if v[2] == "phone"], ids=visit_id)
def test_each_page_fits_a_360_pixel_screen(tour, key):
    visit = seen(tour, key)
    assert visit.scroll_width <= PHONE_WIDTH + 1, (
        f"{visit.scroll_width} px wide; too wide: {visit.too_wide}; see {visit.screenshot}"
    )


@pytest.mark.parametrize("key", VISITS, ids=visit_id)
def test_the_language_link_leads_to_the_same_page_in_the_other_language(tour, key):
    _, lang, _ = key
    visit = seen(tour, key)
    target = f"/{other(lang)}/" + visit.path.removeprefix(f"/{lang}/")
    assert visit.switch == (target, other(lang))


@pytest.mark.parametrize("key", VISITS, ids=visit_id)
def test_no_serious_or_critical_accessibility_violation(tour, key):
    visit = seen(tour, key)
    assert visit.rules_passed > 0, "axe-core checked nothing"
    bad = [v for v in visit.violations if v["impact"] in {"serious", "critical"}]
    for v in bad:
        print(f"{visit_id(key)}: {v['id']} ({v['impact']}) {v['help']}: {v['targets']}")
    assert not bad, [(v["id"], v["impact"], v["help"], v["targets"]) for v in bad]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_search_form_works_without_javascript(tour, lang):
    search = tour.searches[lang]
    assert "error" not in search, search
    assert search["url"] == f"/{lang}/search/?q=duplin"
    first = {"en": "Duplin County", "es": "Condado de Duplin"}[lang]
    assert search["results"] and search["results"][0] == first, search["results"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_county_page_shows_the_sheriffs_agreement_without_the_map(tour, lang):
    sheriff = tour.sheriff[lang]
    assert "error" not in sheriff, sheriff
    assert sheriff["visible"]
    assert "Duplin County Sheriff's Office" in sheriff["text"]
    assert "(WSO)" in sheriff["text"] and SIGNED[lang] in sheriff["text"]
    assert sheriff["followed"] == f"/{lang}{SHERIFF}"
    assert "Duplin County Sheriff" in sheriff["h1"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_resident_signs_up_for_alerts_from_the_county_page_without_javascript(tour, lang):
    signup = tour.signups[lang]
    assert "error" not in signup, signup
    assert signup["chosen"] == {"en": "Duplin County", "es": "Condado de Duplin"}[lang]
    assert signup["url"] == f"/{lang}/alerts/"
    assert signup["h1"] == {"en": "Check your messages", "es": "Revise sus mensajes"}[lang]
    [body] = signup["sent"]
    assert f"/{lang}/alerts/confirm/" in body
