"""A list ICE has stopped changing is said out loud, on the whole real archive: ICE's pending list
was last published on 2026-02-27 while the participating list went on to 2026-04-30, so every
page showing pending numbers says since when, in both languages; the participating list, current,
is not called stale. (The rule and its figures: archive/freshness.py, docs/operations.md.)"""

from __future__ import annotations

import datetime as dt
import re

import lxml.html
import pytest

from deputized.archive.freshness import STALE_AFTER_DAYS, ListFreshness, list_freshness

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

SAID = {
    "en": "ICE's pending list has not changed since Feb. 27, 2026 (62 days before the newest list "
    "we hold, of April 30, 2026): the pending numbers here are those of that list.",
    "es": "La lista de pendientes de ICE no ha cambiado desde el 27 de febrero de 2026 (62 días "
    "antes de la lista más reciente que tenemos, del 30 de abril de 2026): las cifras de "
    "pendientes aquí son las de esa lista.",
}
PAGES = [
    "/{language}/",
    "/{language}/states/",
    "/{language}/states/nc/",
    "/{language}/states/nc/counties/duplin/",
    "/{language}/states/nc/places/beulaville/",
    "/{language}/agencies/nc-duplin-county-sheriffs-office/",
]


def text(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return re.sub(r"\s+", " ", lxml.html.fromstring(response.content).text_content())


def test_the_archive_knows_which_list_stopped(placed):
    freshness = {f.kind: f for f in list_freshness()}
    pending, participating = freshness["pending"], freshness["participating"]
    assert (pending.changed_on, pending.as_of, pending.days) == (
        dt.date(2026, 2, 27),
        dt.date(2026, 4, 30),
        62,
    )
    assert pending.stale and not participating.stale


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_with_pending_numbers_says_since_when(placed, client, page, language):
    shown = text(client, page.format(language=language))
    assert SAID[language] in shown
    assert "participating list has not changed" not in shown
    assert "lista de participantes de ICE no ha cambiado" not in shown


def test_the_rule_is_more_than_icess_longest_pause():
    """ICE's longest pause while it kept publishing (17 days over the 2025 holidays) is not
    stale; a list unchanged past the threshold is."""
    day = dt.date(2025, 12, 12)
    assert not ListFreshness("pending", day, day + dt.timedelta(days=17)).stale
    limit = day + dt.timedelta(days=STALE_AFTER_DAYS)
    assert not ListFreshness("pending", day, limit).stale
    assert ListFreshness("pending", day, limit + dt.timedelta(days=1)).stale
