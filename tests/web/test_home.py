"""The sources page: every publication the archive holds, in English and in Spanish."""

from __future__ import annotations

import pytest

from deputized.archive.ingest.run import run

pytestmark = pytest.mark.django_db

FILES = [
    "2026-04-30am_participatingAgencies04302026am.xlsx",
    "2026-01-06pm_pendingAgencies01062025pm.xlsx",
    "2026-01-06pm_participatingAgencies01062025pm.xlsx",
]


def test_an_empty_archive_says_so(client):
    page = client.get("/en/sources/").content.decode()
    assert "No publications yet" in page


def test_each_publication_is_listed_with_its_date_kind_rows_and_file_name(client, snapshots_dir):
    run(paths=[snapshots_dir / name for name in FILES])
    page = client.get("/en/sources/").content.decode()
    assert "The archive holds 3 lists published by ICE." in page
    assert "2026-04-30 am" in page and "1770" in page
    assert "participatingAgencies04302026am.xlsx" in page
    # A misnamed file is listed under its real date, with the reason.
    assert "2026-01-06 pm" in page and "pendingAgencies01062025pm.xlsx" in page
    assert "ICE&#x27;s name says 01062025" in page
    assert '<meta name="viewport"' in page


def test_the_page_speaks_spanish(client, snapshots_dir):
    run(paths=[snapshots_dir / FILES[0]])
    page = client.get("/es/sources/").content.decode()
    assert '<html lang="es">' in page
    assert "El archivo guarda 1 lista publicada por ICE." in page
    assert "participantes" in page and "Nombre del archivo de ICE" in page
