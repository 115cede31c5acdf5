"""The Atom feeds on the whole real archive: valid Atom, and the very events the change log shows.

One module, so the archive is ingested (and the places loaded) once."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import lxml.html
import pytest
from django.core.cache import cache
from django.utils import formats, translation
from lxml import etree

from deputized.history.models import ChangeEvent
from tests.feeds.atom import A, atom_problems

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "es")
# Person County's sheriff: a confirmed removal. Garrett County, MD: a removal retracted.
AGENCIES = ("nc-person-county-sheriffs-office", "md-garrett-county-sheriffs-office")
STATUSES = {"confirmed", "suspected", "retracted"}

# scope: (feed path, the change log that lists the same events, the agencies to keep from it)
SCOPES = {
    "all": ("feeds/changes.atom", "changes/", None),
    "state": ("feeds/states/nc.atom", "changes/?state=NC", None),
    "county": ("feeds/states/nc/counties/duplin.atom", "changes/?county=duplin", None),
    # A town's feed: the change log of its county, for the agencies that reach the town
    # (Boardman has no police of its own: Columbus County's sheriff polices it).
    "town": (
        "feeds/states/nc/places/boardman.atom",
        "changes/?county=columbus",
        {"nc-columbus-county-sheriffs-office"},
    ),
    "agency-nc": (f"feeds/agencies/{AGENCIES[0]}.atom", "changes/?state=NC", {AGENCIES[0]}),
    "agency-md": (f"feeds/agencies/{AGENCIES[1]}.atom", "changes/?state=MD", {AGENCIES[1]}),
}


@pytest.fixture
def site(placed, client):
    return client


def get_feed(site, path: str) -> etree._Element:
    response = site.get(path)
    assert response.status_code == 200, (path, response.status_code)
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return etree.fromstring(response.content)


def _text(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def change_log_rows(site, path: str, *, every_page: bool) -> list[tuple[str, ...]]:
    """The change log's rows as a reader reads them: date, change, status, agency, model, source."""
    rows, page = [], 1
    while True:
        separator = "&" if "?" in path else "?"
        response = site.get(f"{path}{separator}page={page}" if page > 1 else path)
        assert response.status_code == 200
        html = lxml.html.fromstring(response.content)
        for tr in html.xpath("//table[caption]/tbody/tr"):
            cells = tr.xpath("./td")
            badge = cells[1].xpath(".//span[contains(@class, 'badge')]")
            status = badge[0].get("class").split()[1] if badge else "confirmed"
            href = cells[2].xpath(".//a/@href")[0]
            agency = href.rstrip("/").rsplit("/", 1)[1]
            kind = (cells[1].text or "").strip()
            rows.append((_text(cells[0]), kind, status, agency, _text(cells[3]), _text(cells[4])))
        if not every_page or not html.xpath("//a[@rel='next']"):
            return rows
        page += 1


def entry_categories(entry) -> dict[str, str]:
    return {c.get("term"): c.get("label") for c in entry.findall(f"{A}category")}


def feed_rows(feed, language: str) -> list[tuple[str, ...]]:
    """The same facts from each entry: its published date in the change log's format, its kind,
    status and model (categories), its agency (the alternate link) and its source line."""
    rows = []
    with translation.override(language):
        for entry in feed.findall(f"{A}entry"):
            categories = entry_categories(entry)
            kinds = [label for term, label in categories.items() if term in ChangeEvent.Kind]
            status = next(term for term in categories if term in STATUSES)
            model = next(term for term in categories if term.isupper())
            link = entry.find(f"{A}link[@rel='alternate']").get("href")
            agency = urlsplit(link).path.rstrip("/").rsplit("/", 1)[1]
            published = dt.datetime.fromisoformat(entry.findtext(f"{A}published")).date()
            summary = lxml.html.fromstring(entry.findtext(f"{A}summary"))
            source = _text(summary.xpath("//li")[-1]).split(": ", 1)[1]
            day = formats.date_format(published, "SHORT_DATE_FORMAT")
            rows.append((day, kinds[0], status, agency, model, source))
    return rows


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("scope", SCOPES)
def test_every_feed_is_valid_atom(site, scope, language):
    response = site.get(f"/{language}/{SCOPES[scope][0]}")
    assert response.status_code == 200
    assert atom_problems(response.content) == []
    feed = etree.fromstring(response.content)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    self_link = feed.find(f"{A}link[@rel='self']").get("href")
    assert urlsplit(self_link).path == f"/{language}/{SCOPES[scope][0]}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("scope", SCOPES)
def test_every_feed_lists_the_events_the_change_log_shows(site, scope, language):
    feed_path, log_path, agencies = SCOPES[scope]
    feed = get_feed(site, f"/{language}/{feed_path}")
    log = change_log_rows(site, f"/{language}/{log_path}", every_page=agencies is not None)
    if agencies is not None:
        log = [row for row in log if row[3] in agencies]
    assert log, "the change log shows nothing to compare"
    assert feed_rows(feed, language) == log[:50]


def test_the_feeds_keep_the_latest_fifty_and_the_town_feed_has_the_sheriffs_events(site):
    everything = get_feed(site, "/en/feeds/changes.atom").findall(f"{A}entry")
    nc = get_feed(site, "/en/feeds/states/nc.atom").findall(f"{A}entry")
    # What the archive's first list showed is no change (docs/history.md): feeds leave it out.
    changes = ChangeEvent.objects.changes()
    assert len(everything) == 50 and changes.count() > 50
    assert len(nc) == min(50, changes.filter(agency__state="NC").count()) > 0
    sheriff = changes.filter(agency_id="nc-columbus-county-sheriffs-office")
    boardman = get_feed(site, "/en/feeds/states/nc/places/boardman.atom").findall(f"{A}entry")
    assert len(boardman) == sheriff.count() >= 1
    assert all("Columbus County Sheriff" in e.findtext(f"{A}title") for e in boardman)
    duplin = changes.filter(agency_id="nc-duplin-county-sheriffs-office")
    # A town with its own police follows that department and the county's sheriff, who works
    # in the town too and runs the jail: nobody else.
    beulaville = get_feed(site, "/en/feeds/states/nc/places/beulaville.atom")
    titles = [e.findtext(f"{A}title") for e in beulaville.findall(f"{A}entry")]
    police = [t for t in titles if t.startswith("Beulaville Police Department")]
    sheriffs = [t for t in titles if t.startswith("Duplin County Sheriff")]
    assert police and len(sheriffs) == duplin.count()
    assert len(titles) == len(police) + len(sheriffs)


def test_an_entry_says_what_where_which_model_and_which_ice_file_and_row(site):
    event = (
        ChangeEvent.objects.changes()
        .filter(agency_id="nc-columbus-county-sheriffs-office")
        .select_related("publication")
        .latest("seq")
    )
    feed = get_feed(site, "/en/feeds/states/nc/counties/columbus.atom")
    assert feed.findtext(f"{A}title") == "287(g) changes in Columbus County, North Carolina"
    alternate = feed.find(f"{A}link[@rel='alternate']").get("href")
    assert urlsplit(alternate).path == "/en/states/nc/counties/columbus/"
    assert feed.findtext(f"{A}author/{A}name") == "Deputized"
    [entry] = [
        e
        for e in feed.findall(f"{A}entry")
        if e.find(f"{A}link")
        .get("href")
        .endswith("/en/agencies/nc-columbus-county-sheriffs-office/")
        and e.findtext(f"{A}published").startswith(event.observed_on.isoformat())
    ][:1]
    kind = event.get_kind_display()
    assert entry.findtext(f"{A}title") == (
        f"Columbus County Sheriff's Office (NC): {kind} ({event.model})"
    )
    # The start of the list's day in Washington, with its offset (RFC 3339).
    washington = ZoneInfo("America/New_York")
    start = dt.datetime.combine(event.observed_on, dt.time(), tzinfo=washington)
    assert entry.findtext(f"{A}published") == start.isoformat()
    assert entry.findtext(f"{A}author/{A}name") == "Deputized"
    summary = lxml.html.fromstring(entry.findtext(f"{A}summary"))
    text = _text(summary)
    assert "Where it polices: Columbus County, North Carolina" in text
    assert "Model: " in text and f"({event.model})" in text
    assert f"Source: {event.publication.file_name}, row {event.row}" in text
    links = {urlsplit(href).path for href in summary.xpath("//a/@href")}
    assert links == {
        "/en/agencies/nc-columbus-county-sheriffs-office/",
        "/en/states/nc/counties/columbus/",
    }
    assert all(href.startswith("http://testserver/") for href in summary.xpath("//a/@href"))
    # A stable id from what the event is; each language is its own feed.
    entry_id = entry.findtext(f"{A}id")
    assert entry_id.startswith(
        f"tag:testserver,2026:en/event/nc-columbus-county-sheriffs-office-{event.model.lower()}"
    )
    site.get("/en/feeds/states/nc/counties/columbus.atom")  # the cached copy
    spanish = get_feed(site, "/es/feeds/states/nc/counties/columbus.atom")
    spanish_ids = {e.findtext(f"{A}id") for e in spanish.findall(f"{A}entry")}
    assert entry_id.replace(":en/", ":es/", 1) in spanish_ids
    assert entry_id in {e.findtext(f"{A}id") for e in feed.findall(f"{A}entry")}


def test_the_spanish_feeds_speak_spanish(site):
    feed = get_feed(site, "/es/feeds/states/nc/counties/columbus.atom")
    alternate = feed.find(f"{A}link[@rel='alternate']").get("href")
    assert urlsplit(alternate).path == "/es/states/nc/counties/columbus/"
    assert "Condado de Columbus" in feed.findtext(f"{A}title")
    [entry] = [
        e
        for e in feed.findall(f"{A}entry")
        if e.find(f"{A}link").get("href").endswith("/agencies/nc-columbus-county-sheriffs-office/")
    ][:1]
    summary = _text(lxml.html.fromstring(entry.findtext(f"{A}summary")))
    assert "Modelo:" in summary and "Fuente:" in summary and "Condado de Columbus" in summary
    assert re.search(r"fila \d+|ausente de esta lista", summary)
    labels = {c.get("label") for c in entry.findall(f"{A}category")}
    spanish_kinds = {
        "acuerdo nuevo",
        "acuerdo eliminado",
        "en la lista de pendientes",
        "pendiente, ahora participante",
        "acuerdo renovado",
        "confirmado",
    }
    assert labels & spanish_kinds
    assert entry.find(f"{A}link").get("href").startswith("http://testserver/es/agencies/")


def test_suspected_and_retracted_changes_are_marked_and_dated_like_the_change_log(site):
    # Garrett County, MD: missing from one list in March 2026, back before it was confirmed.
    retracted = ChangeEvent.objects.get(agency_id=AGENCIES[1], status="retracted")
    feed = get_feed(site, f"/en/feeds/agencies/{AGENCIES[1]}.atom")
    [entry] = [
        e for e in feed.findall(f"{A}entry") if entry_categories(e).get("retracted") is not None
    ]
    assert entry.findtext(f"{A}title").endswith(", retracted")
    back = dt.date.fromisoformat(retracted.details["returned_on"])
    assert entry.findtext(f"{A}updated").startswith(back.isoformat())
    assert entry.findtext(f"{A}published").startswith(retracted.observed_on.isoformat())
    assert "so this change did not happen" in entry.findtext(f"{A}summary")
    # A confirmed removal is updated on the day the list that confirmed it came out.
    removal = ChangeEvent.objects.get(agency_id=AGENCIES[0], kind="removed", status="confirmed")
    assert removal.confirmed_on > removal.observed_on
    feed = get_feed(site, f"/en/feeds/agencies/{AGENCIES[0]}.atom")
    [entry] = [e for e in feed.findall(f"{A}entry") if "removed" in entry_categories(e)]
    assert entry.findtext(f"{A}updated").startswith(removal.confirmed_on.isoformat())
    title = f"Person County Sheriff's Office (NC): agreement removed ({removal.model})"
    assert entry.findtext(f"{A}title") == title
    # The suspected removals of the latest list lead the feed of every change, marked.
    everything = get_feed(site, "/en/feeds/changes.atom")
    suspected = [e for e in everything.findall(f"{A}entry") if "suspected" in entry_categories(e)]
    assert len(suspected) == ChangeEvent.objects.filter(status="suspected").count() >= 1
    for entry in suspected:
        assert entry.findtext(f"{A}title").endswith(", suspected, not yet confirmed")
        assert "Not yet confirmed" in entry.findtext(f"{A}summary")
    # The feed's own date is its newest entry's.
    newest = max(e.findtext(f"{A}updated") for e in everything.findall(f"{A}entry"))
    assert everything.findtext(f"{A}updated") == newest


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("/en/states/nc/", "/en/feeds/states/nc.atom"),
        ("/en/states/nc/counties/duplin/", "/en/feeds/states/nc/counties/duplin.atom"),
        ("/es/states/nc/places/teachey/", "/es/feeds/states/nc/places/teachey.atom"),
        (f"/en/agencies/{AGENCIES[0]}/", f"/en/feeds/agencies/{AGENCIES[0]}.atom"),
        ("/en/changes/", "/en/feeds/changes.atom"),
        ("/es/changes/?county=duplin", "/es/feeds/states/nc/counties/duplin.atom"),
        ("/en/changes/?state=NC&kind=removed", "/en/feeds/states/nc.atom"),
    ],
)
def test_each_page_announces_its_feed_and_links_to_it(site, page, feed):
    response = site.get(page)
    assert response.status_code == 200
    html = lxml.html.fromstring(response.content)
    [head] = html.xpath("//head/link[@rel='alternate'][@type='application/atom+xml']")
    assert head.get("href") == feed
    [visible] = html.xpath("//main//a[@type='application/atom+xml']")
    assert visible.get("href") == feed
    assert visible.text_content() == {"en": "Feed", "es": "Canal Atom"}[page[1:3]]
    assert site.get(feed).status_code == 200


def test_unknown_places_have_no_feed(site):
    for path in (
        "/en/feeds/states/zz.atom",
        "/en/feeds/states/nc/counties/atlantis.atom",
        "/en/feeds/states/nc/places/atlantis.atom",
        "/es/feeds/agencies/nc-nobody.atom",
    ):
        assert site.get(path).status_code == 404


def test_feed_readers_get_not_modified_until_the_data_changes(site, django_assert_num_queries):
    path = "/en/feeds/states/nc.atom"
    first = site.get(path)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag and modified and first["Cache-Control"] == "max-age=300"
    # Served again from the page cache: same body, same validators, one query (the version).
    with django_assert_num_queries(1):
        again = site.get(path)
    assert again.content == first.content and again["ETag"] == etag
    assert site.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert site.get(path, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    # A feed not in the cache (built by the view) answers a conditional request too.
    cache.clear()
    assert site.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert site.get("/es/feeds/states/nc.atom")["ETag"] != etag
    site.get("/en/feeds/states/nc/counties/duplin.atom")  # another feed, the same version
    # An ingest brings a new NC change: the stored feed is not served again.
    event = ChangeEvent.objects.filter(agency__state="NC").latest("seq")
    event.pk, event.kind = None, ChangeEvent.Kind.MOA_POSTED
    event.seq = ChangeEvent.objects.latest("seq").seq + 1
    event.save()
    changed = site.get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    newest = etree.fromstring(changed.content).find(f"{A}entry")
    assert entry_categories(newest)["moa_posted"] == "agreement text posted"
    assert site.get(path, HTTP_IF_NONE_MATCH=changed["ETag"]).status_code == 304
