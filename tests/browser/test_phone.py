"""Issue 13, points 5 to 7, in a real browser: the answer first on a 360 x 640 phone, the long
sections folded, the change log readable as cards, the charts at 12 px with the latest month first,
and Spanish pages without "North Carolina" or "County" outside proper names; in English and
Spanish, at 1280 and 360 px, JavaScript off, checked by axe-core.

One walk of the pages per module (a fixture), then the tests check what it saw.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from tests.browser.conftest import AXE, SCREENSHOTS

pytestmark = pytest.mark.browser

LANGUAGES = ("en", "es")
SCREENS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    # The phone: its first screen is the first 640 px.
    "phone": {"viewport": {"width": 360, "height": 640}, "is_mobile": True, "has_touch": True},
}
FIRST_SCREEN = 640
PLACES = {
    "duplin": "/{lang}/states/nc/counties/duplin/",  # the sheriff and a town's police
    "mecklenburg": "/{lang}/states/nc/counties/mecklenburg/",  # no current agreement
    "teachey": "/{lang}/states/nc/places/teachey/",  # a town policed by the Duplin sheriff
}
PAGES = {
    **PLACES,
    "nc": "/{lang}/states/nc/",
    "home": "/{lang}/",
    "changes": "/{lang}/changes/",
    "sources": "/{lang}/sources/",
    "search": "/{lang}/search/?q=duplin",
    "spanish-search": "/{lang}/search/?q=alguacil+duplin",
}
VISITS = [(page, lang, screen) for page in PAGES for lang in LANGUAGES for screen in SCREENS]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Words a Spanish page must not show, except inside proper names.
ENGLISH = re.compile(r"North Carolina|\bCounty\b")

# What the first screen shows: the answer's agencies and the hotlines, with their positions.
FIRST = """() => {
    const box = (el) => {
        const r = el.getBoundingClientRect();
        return {text: el.innerText.trim(), top: r.top + scrollY, bottom: r.bottom + scrollY};
    };
    const answer = document.querySelector('#answer');
    return {
        answer: answer ? box(answer) : null,
        names: [...document.querySelectorAll('#answer strong')].map(box),
        hotlines: [...document.querySelectorAll('.help a[href^="tel:"]')].map(box),
        alerts: [...document.querySelectorAll('main .get-alerts a')].map(box),
        folds: [...document.querySelectorAll('details.fold')].map((d) => ({
            open: d.open, heading: d.querySelector('summary h2')?.innerText.trim() || '',
        })),
    };
}"""

# Every chart: its text's size on screen, its edges, its month labels; and its table's rows.
CHARTS = """() => [...document.querySelectorAll('svg.deputized-chart')].map((svg) => {
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    const sizes = [...svg.querySelectorAll('text')].map(
        (t) => parseFloat(getComputedStyle(t).fontSize) * scale);
    const pair = svg.closest('.chart-pair');
    const rows = pair ? [...pair.querySelectorAll('.chart-table tbody tr')] : [];
    const table = pair ? pair.querySelector('.chart-table').getBoundingClientRect() : null;
    return {
        id: svg.id, left: box.left, right: box.right, width: box.width,
        smallest: Math.min(...sizes),
        cut: [...svg.querySelectorAll('text')].filter((t) => {
            const r = t.getBoundingClientRect();
            return r.left < box.left - 0.5 || r.right > box.right + 0.5;
        }).map((t) => t.textContent),
        labels: [...svg.querySelectorAll('text.chart-label')].map((t) => t.textContent),
        rows: rows.length,
        table: table ? {left: table.left, top: table.top, right: table.right} : null,
        top: box.top,
    };
})"""

# The change log's rows: where the model and source cells are, and whether the header shows.
LOG = """() => {
    const table = document.querySelector('table.events');
    if (!table) return null;
    const cell = (td) => {
        const r = td.getBoundingClientRect();
        const label = getComputedStyle(td, '::before').content;
        return {left: r.left, right: r.right, width: r.width, text: td.innerText.trim(),
                label: label === 'none' ? '' : label.replace(/^"|"$/g, '')};
    };
    return {
        header: table.querySelector('thead').getBoundingClientRect().height > 1,
        rows: [...table.querySelectorAll('tbody tr')].map((tr) => ({
            model: cell(tr.querySelector('td[data-label]:nth-last-child(2)')),
            source: cell(tr.querySelector('td[data-label]:last-child')),
        })),
    };
}"""

# The whole page as a reader sees it with every section unfolded, quotes of sources left out
# (they are quoted in their own language).
UNFOLDED = """() => {
    document.querySelectorAll('details').forEach((d) => { d.open = true; });
    const text = document.title + '\\n' + document.body.innerText;
    // Quotes of sources, and the source data marked as English, are in their own language.
    const quotes = [...document.querySelectorAll('main q, main [lang="en"]')].map(
        (el) => el.innerText);
    return {text, quotes, width: document.documentElement.scrollWidth};
}"""


@dataclass
class Visit:
    path: str
    status: int | None = None
    first: dict = field(default_factory=dict)
    charts: list[dict] = field(default_factory=list)
    log: dict | None = None
    results: list[str] = field(default_factory=list)
    unfolded: dict = field(default_factory=dict)
    violations: list[dict] = field(default_factory=list)
    rules_passed: int = 0
    errors: list[str] = field(default_factory=list)


def look(page: object, visit: Visit, shot: str) -> None:
    response = page.goto(visit.path, wait_until="load")
    visit.status = response.status if response else None
    visit.first = page.evaluate(FIRST)
    visit.charts = page.evaluate(CHARTS)
    visit.log = page.evaluate(LOG)
    visit.results = page.evaluate(
        "() => [...document.querySelectorAll('main ul.results a')].map((a) => a.innerText)"
    )
    page.screenshot(path=SCREENSHOTS / f"phone-{shot}-first-screen.png")
    visit.unfolded = page.evaluate(UNFOLDED)
    page.screenshot(path=SCREENSHOTS / f"phone-{shot}-unfolded.png", full_page=True)


def audit(page: object, visit: Visit) -> None:
    response = page.goto(visit.path, wait_until="load")
    if not response or response.status != 200:
        raise AssertionError(f"status {response.status if response else None}")
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
def walk(site_url, chromium) -> dict[tuple[str, str, str], Visit]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    visits = {}
    for screen, options in SCREENS.items():
        plain = chromium.new_context(base_url=site_url, java_script_enabled=False, **options)
        scripted = chromium.new_context(base_url=site_url, **options)
        for context in (plain, scripted):
            context.set_default_timeout(30_000)
        page, axe_page = plain.new_page(), scripted.new_page()
        for name, lang, at in VISITS:
            if at != screen:
                continue
            visit = visits[(name, lang, at)] = Visit(PAGES[name].format(lang=lang))
            for step, on in ((look, page), (audit, axe_page)):
                try:
                    if step is look:
                        look(on, visit, f"{name}-{lang}-{at}")
                    else:
                        audit(on, visit)
                except Exception as exc:
                    visit.errors.append(f"{step.__name__}: {exc}")
        plain.close()
        scripted.close()
    return visits


def seen(walk: dict, key: tuple[str, str, str]) -> Visit:
    visit = walk[key]
    assert not visit.errors, visit.errors
    assert visit.status == 200, (visit.path, visit.status)
    return visit


def ids(key: tuple[str, str, str]) -> str:
    return "-".join(key)


def answering_names(path: str) -> list[str]:
    """The agencies with a current agreement reaching the place, from the one status reading
    (`places.status`): what the first sentence must name."""
    from deputized.history.models import Agency
    from deputized.places.models import County, Municipality
    from deputized.places.selectors import county_agencies, county_towns_policing, town_sheriffs
    from deputized.places.status import Status, agency_status

    slug = path.rstrip("/").rsplit("/", 1)[1]
    if "/counties/" in path:
        places = county_agencies(County.objects.get(state_id="NC", slug=slug))
    else:
        town = Municipality.objects.get(state_id="NC", slug=slug)
        [policing] = [p for t, p in county_towns_policing(town.primary_county) if t == town]
        places = [*policing.ice_agencies, *town_sheriffs(town)]
    current = {Status.ACTIVE, Status.SUSPECTED_ENDED, Status.PENDING}
    chosen = {p.agency_id for p in places if agency_status(p.agency_id).status in current}
    return sorted(Agency.objects.filter(id__in=chosen).values_list("name", flat=True))


# --- point 6: the answer first ---


@pytest.mark.parametrize(
    "key", [(p, lang, s) for p in PLACES for lang in LANGUAGES for s in SCREENS], ids=ids
)
def test_a_place_page_opens_with_its_agencies_then_the_hotlines_then_alerts(walk, key):
    visit = seen(walk, key)
    first = visit.first
    expected = answering_names(visit.path)
    named = sorted(n["text"] for n in first["names"])
    assert named == expected, (first["answer"], expected)
    assert first["answer"] and first["answer"]["text"].endswith(".")
    assert first["hotlines"], "no hotline on the page"
    assert first["alerts"], "no alerts link on the page"
    # The order a reader in a hurry needs: the answer, the hotlines, then alerts.
    assert first["answer"]["bottom"] <= min(h["top"] for h in first["hotlines"])
    assert max(h["bottom"] for h in first["hotlines"]) <= first["alerts"][0]["top"]
    if key[2] == "phone":
        # The first 640 px of a 360-px phone hold the agencies' names and every hotline.
        late = [
            (item["text"], round(item["bottom"]))
            for item in (*first["names"], *first["hotlines"], first["answer"])
            if item["bottom"] > FIRST_SCREEN
        ]
        assert not late, f"below the first screen: {late}"


def test_mecklenburg_says_in_one_sentence_that_no_agency_has_an_agreement(walk):
    for lang, words in (("en", "No agency that polices"), ("es", "ninguna agencia")):
        answer = seen(walk, ("mecklenburg", lang, "phone")).first["answer"]["text"]
        assert words in answer and "Mecklenburg County Sheriff" in answer, answer
        assert answer.count(".") >= 1 and "287(g)" in answer


@pytest.mark.parametrize(
    "key", [(p, lang, s) for p in PLACES for lang in LANGUAGES for s in SCREENS], ids=ids
)
def test_long_sections_fold_without_javascript_and_the_page_stays_whole(walk, key):
    visit = seen(walk, key)
    folds = visit.first["folds"]
    headings = {fold["heading"] for fold in folds}
    with translation.override(key[1]):
        officials, changes = _("What local officials can do"), _("Recent changes")
    assert officials in headings, headings
    assert changes in headings, headings
    assert not any(fold["open"] for fold in folds)
    width = SCREENS[key[2]]["viewport"]["width"]
    assert visit.unfolded["width"] <= width + 1, "unfolded, the page scrolls sideways"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_change_log_shows_model_and_source_on_a_phone(walk, lang):
    log = seen(walk, ("changes", lang, "phone")).log
    assert log and log["rows"], "no change log"
    assert not log["header"], "on a phone each row is a card with its own labels"
    model = {"en": "Model", "es": "Modelo"}[lang]
    source = {"en": "Source", "es": "Fuente"}[lang]
    for row in log["rows"]:
        for cell, label in ((row["model"], model), (row["source"], source)):
            assert cell["width"] > 0 and cell["left"] >= 0 and cell["right"] <= 360, row
            assert cell["label"] == f"{label}: " and cell["text"], cell
    assert any(".xls" in row["source"]["text"] for row in log["rows"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_change_log_stays_a_table_on_a_desktop(walk, lang):
    log = seen(walk, ("changes", lang, "desktop")).log
    assert log["header"] and log["rows"]


# --- point 7: charts ---


def latest_month_label(lang: str, state: str | None) -> str:
    from django.utils.dateformat import format as format_date

    from deputized.web.selectors import growth

    with translation.override(lang):
        return format_date(growth(state=state)[-1][0], "M Y")


@pytest.mark.parametrize(
    "key", [(p, lang, s) for p in ("home", "nc") for lang in LANGUAGES for s in SCREENS], ids=ids
)
def test_charts_are_readable_latest_month_first_with_their_table_beside(walk, key):
    visit = seen(walk, key)
    charts = {chart["id"]: chart for chart in visit.charts}
    expected = {"home": {"growth-us": None, "growth-nc": "NC"}, "nc": {"growth-nc": "NC"}}[key[0]]
    assert set(charts) == set(expected)
    width = SCREENS[key[2]]["viewport"]["width"]
    for chart_id, state in expected.items():
        chart = charts[chart_id]
        assert chart["smallest"] >= 12, chart
        assert not chart["cut"], f"text cut at the chart's edge: {chart['cut']}"
        assert chart["left"] >= 0 and chart["right"] <= width, chart
        assert chart["labels"][0] == latest_month_label(key[1], state), chart["labels"][:3]
        assert chart["rows"] == len(chart["labels"]), "the table has every month of the chart"
        table = chart["table"]
        if key[2] == "desktop":
            assert table["left"] >= chart["right"], "the table sits beside the chart"
        else:
            assert table["top"] >= chart["top"] and table["right"] <= width


# --- point 5: Spanish ---


def proper_names() -> list[str]:
    """Names Spanish keeps as they are: agencies as ICE printed them, sheriffs' offices as the
    roster names them, the laws' own titles. Longest first, so a name is taken out whole."""
    from deputized.history.models import Agency
    from deputized.places.models import County, RosterAgency

    names: set[str] = set()
    for name, spellings in Agency.objects.values_list("name", "spellings"):
        names.update([name, *(spellings or [])])
    names.update(County.objects.exclude(sheriff_name="").values_list("sheriff_name", flat=True))
    names.update(
        RosterAgency.objects.exclude(display_name="").values_list("display_name", flat=True)
    )
    names.add("North Carolina Border Protection Act")
    return sorted(names, key=len, reverse=True)


@pytest.mark.parametrize("key", [v for v in VISITS if v[1] == "es"], ids=ids)
def test_no_spanish_page_says_north_carolina_or_county_outside_proper_names(walk, key):
    visit = seen(walk, key)
    text = visit.unfolded["text"]
    for quote in sorted(visit.unfolded["quotes"], key=len, reverse=True):
        text = text.replace(quote, " ")
    for name in proper_names():
        if name in text:
            text = text.replace(name, " ")
    found = [
        m.group(0) + ": …" + text[max(0, m.start() - 40) : m.end() + 40] + "…"
        for m in ENGLISH.finditer(text)
    ]
    assert not found, found


@pytest.mark.parametrize("key", [(p, "es", s) for p in PLACES for s in SCREENS], ids=ids)
def test_spanish_says_alguacil_with_sheriff_in_parentheses_once(walk, key):
    visit = seen(walk, key)
    text = visit.unfolded["text"]
    for quote in sorted(visit.unfolded["quotes"], key=len, reverse=True):
        text = text.replace(quote, " ")
    for name in proper_names():
        text = text.replace(name, " ")
    assert text.count("alguacil (sheriff)") == 1, text.count("alguacil (sheriff)")
    assert re.findall(r"\bsheriff\b", text, flags=re.IGNORECASE) == ["sheriff"]
    assert "alguacil" in text


@pytest.mark.parametrize("screen", SCREENS)
def test_spanish_names_the_state_and_the_county_in_spanish(walk, screen):
    duplin = seen(walk, ("duplin", "es", screen)).unfolded["text"]
    assert "Carolina del Norte" in duplin and "Condado de Duplin" in duplin
    nc = seen(walk, ("nc", "es", screen)).unfolded["text"]
    assert "Acuerdos 287(g) en Carolina del Norte" in nc


@pytest.mark.parametrize(
    "key", [("spanish-search", lang, s) for lang in LANGUAGES for s in SCREENS], ids=ids
)
def test_search_finds_the_sheriff_by_its_spanish_name(walk, key):
    results = seen(walk, key).results
    assert results and results[0] == "Duplin County Sheriff's Office", results[:3]


@pytest.mark.parametrize("screen", SCREENS)
def test_the_spanish_sources_page_says_how_each_list_was_dated_in_spanish(walk, screen):
    text = seen(walk, ("sources", "es", screen)).unfolded["text"]
    assert "el nombre de ICE dice" in text
    assert "ICE's name says" not in text and "web-archive capture" not in text


# --- every page ---


@pytest.mark.parametrize("key", VISITS, ids=ids)
def test_no_serious_or_critical_accessibility_violation(walk, key):
    visit = seen(walk, key)
    assert visit.rules_passed > 0, "axe-core checked nothing"
    bad = [v for v in visit.violations if v["impact"] in {"serious", "critical"}]
    assert not bad, [(v["id"], v["impact"], v["help"], v["targets"]) for v in bad]
