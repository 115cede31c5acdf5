"""Rendered pages come from the cache until their data changes, and never after."""

from __future__ import annotations

import pytest

from deputized.archive.ingest.run import run
from deputized.community.models import Hotline

pytestmark = pytest.mark.django_db


def test_a_page_seen_before_costs_one_query(client, django_assert_num_queries):
    first = client.get("/en/rights/")
    assert first.status_code == 200
    with django_assert_num_queries(1):  # the data version, nothing else
        again = client.get("/en/rights/")
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert again["X-Frame-Options"] == "DENY"


def test_a_curators_edit_shows_at_once(client):
    hotline = Hotline.objects.order_by("order").first()
    assert hotline.phone in client.get("/en/rights/").content.decode()
    hotline.phone = "919-555-0100"
    hotline.save()
    assert "919-555-0100" in client.get("/en/rights/").content.decode()


def test_an_ingest_shows_at_once(client, snapshots_dir, django_capture_on_commit_callbacks):
    assert "No publications yet" in client.get("/en/sources/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        run(paths=[snapshots_dir / "2026-04-30am_participatingAgencies04302026am.xlsx"])
    assert "participatingAgencies04302026am.xlsx" in client.get("/en/sources/").content.decode()


def test_each_language_has_its_own_page(client):
    assert '<html lang="en">' in client.get("/en/rights/").content.decode()
    assert '<html lang="es">' in client.get("/es/rights/").content.decode()


def test_the_admin_is_never_cached(client):
    client.get("/admin/login/")
    response = client.get("/admin/login/")
    assert response.status_code == 200 and "csrftoken" in response.cookies


def test_junk_query_parameters_never_make_a_page_cache_entry(client):
    """Only the parameters a page reads key it: the rest are dropped before the page is drawn,
    so they never reach its links either."""
    import secrets

    from django.core.cache import cache

    clean = client.get("/en/changes/?kind=activated")
    assert clean.status_code == 200
    entries = len(cache._cache)
    for _ in range(50):
        junk = secrets.token_hex(8)
        page = client.get(f"/en/rights/?{junk}=1")
        changes = client.get(f"/en/changes/?kind=activated&{junk}={junk}&utm_source={junk}")
        assert changes.status_code == 200 and junk not in changes.content.decode()
    assert changes.content == clean.content
    assert page.status_code == 200
    assert len(cache._cache) == entries + 1  # /en/rights/, once


def test_endless_values_of_a_pages_own_parameters_are_not_kept(client):
    """A search, or a page number that is not a page, is drawn but never stored."""
    from django.core.cache import cache

    def pages() -> list[str]:
        return [key for key in cache._cache if ":page:" in key]

    client.get("/en/changes/")
    client.get("/en/search/")
    kept = pages()
    for value in ("abc", "999999", "0", "-1"):
        assert client.get(f"/en/changes/?page={value}").status_code == 200
    for words in ("wake", "durham county", "sheriff"):
        assert client.get(f"/en/search/?q={words}").status_code == 200
    assert pages() == kept and len(kept) == 2
