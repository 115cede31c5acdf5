"""Issue 18 in a real browser: the traffic-stops section of a county page (Mecklenburg's sheriff,
a ratio to show) and of an agency page (Durham's police, too few searches to compare) on a
360-pixel phone, in English and Spanish: nothing wider than the screen, the chart and its table
visible (the table scrolls inside its own box, its title outside it), the headings and the
chart's numbers in the page's language, the withheld ratio said in words, and axe-core with no
violation.

Served from a copy of the places database with the Durham police added, and a generated SBI
extract (tests/stops/sbi_fixtures.py) loaded into a STOPS_DIR of the module's own.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.management import call_command

from tests.browser.conftest import SCREENS, SCREENSHOTS
from tests.browser.test_site import TOO_WIDE, Visit, audit
from tests.stops.sbi_fixtures import DURHAM, section_extract, write_extract
from tests.stops.test_effects import _extract as effects_extract

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

DURHAM_ID = "nc-durham-police-department"
PAGES = {
    "county": "/{lang}/states/nc/counties/mecklenburg/",  # the sheriff: a ratio is shown
    "agency": f"/{{lang}}/agencies/{DURHAM_ID}/",  # 3 and 2 searches: the ratio is withheld
}
HEADINGS = {
    "en": ("Traffic stops", "Group", "Search rate vs white drivers"),
    "es": ("Paradas de tráfico", "Grupo", "Tasa de registro frente a conductores blancos"),
}
RATIO = {"en": "times as often as white drivers", "es": "veces más a menudo"}
WITHHELD = {
    "en": ("Too few searches to compare", "too few to compare"),
    "es": ("Hubo muy pocos registros para comparar", "muy pocos para comparar"),
}

# The section as the phone shows it: its boxes, headings and texts.
SECTION = """() => {
    const section = document.querySelector('section.stops');
    if (!section) return null;
    const shown = (el) => {
        if (!el) return false;
        const r = el.getBoundingClientRect(), style = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && style.visibility !== 'hidden'
            && style.display !== 'none';
    };
    // The first chart and table (the year's search rates); every chart is checked for cut text.
    const svg = section.querySelector('svg'), table = section.querySelector('table');
    const svgs = [...section.querySelectorAll('svg')];
    const lastColumn = [...table.querySelectorAll('tbody tr')].map(
        (tr) => [tr.querySelector('th').innerText.trim(), tr.lastElementChild.innerText.trim()]);
    return {
        heading: section.querySelector('h2').innerText.trim(),
        columns: [...table.querySelectorAll('thead th')].map((th) => th.innerText.trim()),
        chart: shown(svg), table: shown(table), text: section.innerText,
        charts: svgs.length, shownCharts: svgs.filter(shown).length,
        lastColumn: lastColumn,
        tableTitle: section.querySelector('.table-title')?.getBoundingClientRect().right || 0,
        chartTexts: svg ? [...svg.querySelectorAll('text')].map((t) => t.textContent) : [],
        cut: svgs.flatMap((one) => [...one.querySelectorAll('text')].filter((t) => {
            const r = t.getBoundingClientRect(), box = one.getBoundingClientRect();
            return r.left < box.left - 0.5 || r.right > box.right + 0.5;
        })).length,
        right: Math.max(section.getBoundingClientRect().right,
                        ...svgs.map((one) => one.getBoundingClientRect().right)),
    };
}"""


@pytest.fixture(scope="module")
def stops_site(places, django_db_blocker, tmp_path_factory) -> Iterator[str]:
    """The site on a thread, reading a copy of the places database (the Durham police added,
    committed for the server's thread) and the loaded extract."""
    from django.test import override_settings
    from pytest_django.live_server_helper import LiveServer

    from deputized.stops.ingest import load
    from tests.databases import database_copy
    from tests.records.helpers import make_agency

    folder = tmp_path_factory.mktemp("stops-browser")
    target = folder / "stops"
    # The pages' extract, and the before/after test's (Wake's sheriff under its earlier
    # agreement, 2008-2018, against five comparison sheriffs).
    extract = section_extract() + effects_extract()
    load.run(write_extract(extract, folder / "in"), target=target)
    with (
        django_db_blocker.unblock(),
        database_copy(places, "stops-browser"),
        override_settings(STOPS_DIR=target),
    ):
        call_command("stops", "analyze")
        make_agency(DURHAM_ID, DURHAM, ori="NC0320100", county="37063")
        server = LiveServer("localhost", start=False)
        server._live_server_modified_settings.enable()
        server.start()
        try:
            yield server.url
        finally:
            server.stop()
            server._live_server_modified_settings.disable()


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", list(PAGES))
def test_stops_section_on_a_phone(stops_site, chromium, name: str, lang: str) -> None:
    phone = SCREENS["phone"]
    width = phone["viewport"]["width"]
    path = PAGES[name].format(lang=lang)
    plain = chromium.new_context(base_url=stops_site, java_script_enabled=False, **phone)
    try:
        page = plain.new_page()
        response = page.goto(path, wait_until="load")
        assert response and response.status == 200
        assert page.get_attribute("html", "lang") == lang
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.evaluate(TOO_WIDE) == []
        section = page.evaluate(SECTION)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator("section.stops").screenshot(
            path=SCREENSHOTS / f"stops-{name}-{lang}-phone.png"
        )
    finally:
        plain.close()
    assert section is not None, "no stops section"
    assert section["chart"] and section["table"]
    # The county's agency has two years: its year-by-year chart is drawn and fits too.
    assert section["shownCharts"] == section["charts"] == (2 if name == "county" else 1)
    assert section["right"] <= width
    assert 0 < section["tableTitle"] <= width  # the table's title is not cut by its scroller
    assert section["cut"] == 0, section["chartTexts"]
    percents = [t for t in section["chartTexts"] if t.endswith("%")]
    assert percents and all(("," if lang == "es" else ".") in t for t in percents), percents
    heading, group, versus = HEADINGS[lang]
    assert section["heading"] == heading
    assert section["columns"][0] == group and section["columns"][-1] == versus
    sentence, cell = WITHHELD[lang]
    ratios = dict(section["lastColumn"])
    if name == "agency":
        assert sentence in section["text"] and RATIO[lang] not in section["text"]
        assert cell in ratios[next(g for g in ratios if g.startswith("Hisp"))]
    else:
        assert RATIO[lang] in section["text"] and sentence not in section["text"]
        hispanic = ratios[next(g for g in ratios if g.startswith("Hisp"))]
        assert hispanic.startswith("5.0") or hispanic.startswith("5,0")

    scripted = chromium.new_context(base_url=stops_site, **phone)
    try:
        visit = Visit(path)
        audit(scripted.new_page(), visit)
    finally:
        scripted.close()
    assert visit.rules_passed > 0, "axe-core checked nothing"
    assert visit.violations == []


# The before/after block of Wake's county page: its tables stack into cards on a phone.
BEFORE_AFTER = {
    "en": ("Before and after the 287(g) agreement", "Compared with:", "Estimated change"),
    "es": ("Antes y después del acuerdo 287(g)", "Comparado con:", "Cambio estimado"),
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_before_and_after_block_on_a_phone(stops_site, chromium, lang: str) -> None:
    phone = SCREENS["phone"]
    width = phone["viewport"]["width"]
    path = f"/{lang}/states/nc/counties/wake/"
    plain = chromium.new_context(base_url=stops_site, java_script_enabled=False, **phone)
    try:
        page = plain.new_page()
        response = page.goto(path, wait_until="load")
        assert response and response.status == 200
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.evaluate(TOO_WIDE) == []
        block = page.locator("#stops-287g")
        assert block.is_visible()
        text = page.locator("section.stops").inner_text()
        cards = page.evaluate(
            """() => [...document.querySelectorAll('section.stops table.stack')].map(
                (t) => t.getBoundingClientRect().right)"""
        )
        page.locator("section.stops").screenshot(
            path=SCREENSHOTS / f"stops-before-after-{lang}-phone.png"
        )
    finally:
        plain.close()
    heading, compared, change = BEFORE_AFTER[lang]
    assert heading in text and compared in text and change in text
    assert "Chatham County Sheriff's Office" in text  # a comparison agency, named
    assert cards and max(cards) <= width

    scripted = chromium.new_context(base_url=stops_site, **phone)
    try:
        visit = Visit(path)
        audit(scripted.new_page(), visit)
    finally:
        scripted.close()
    assert visit.rules_passed > 0, "axe-core checked nothing"
    assert visit.violations == []
