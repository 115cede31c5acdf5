"""The whole real archive, ingested as a user would: every file stored once, dated right, kept."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from deputized.archive.ingest.run import run
from deputized.archive.models import IngestRun, Publication, SheetRow
from tests.conftest import WAYBACK

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
FORBIDDEN_IN_URLS = ("safelinks", "outlook.com", "chrome-extension", "@", "%40", "data=", " ")


def test_the_whole_archive_is_stored_dated_and_kept(archive, snapshots_dir, manifest):
    # The session's archive database: every real file ingested into an empty archive, all but
    # the newest in one run, then those one at a time (tests/conftest.py).
    runs = archive.runs
    assert [o for result in runs for o in result.refused()] == []
    assert {result.run.outcome for result in runs} == {IngestRun.Outcome.SUCCEEDED}
    assert sum(result.run.files_new for result in runs) == 472
    assert IngestRun.objects.filter(files_new__gt=0).count() == len(runs)

    # Every file is one publication, with the date, slot, list and row count of the answer key.
    stored = {p.sha256: p for p in Publication.objects.all()}
    expected = {sha: row for sha, row in manifest.items() if row["file"].endswith(".xlsx")}
    assert set(stored) == set(expected)
    wrong = [
        (row["file"], p.published_on.isoformat(), p.slot, p.list_kind, p.row_count)
        for sha, row in expected.items()
        if (p := stored[sha]).published_on.isoformat() != row["publication_date"]
        or p.slot != row["slot"]
        or p.list_kind != row["content_kind"]
        or p.row_count != int(row["rows"])
    ]
    assert wrong == []
    # The misnamed files say why their date differs from ICE's name.
    misdated = [p for p in stored.values() if p.dating_rule and not p.file_name.startswith("Part")]
    assert {p.file_name for p in misdated} >= {
        "participatingAgencies08022025pm.xlsx",
        "participatingAgencies01062025pm.xlsx",
        "pendingAgencies01062025pm.xlsx",
        "participatingAgencies11114025am.xlsx",
        "pendingAgencies10223025am.xlsx",
    }

    # Rows are stored cell for cell next to their normalized values; no URL leaks a mailbox.
    assert SheetRow.objects.count() == sum(p.row_count for p in stored.values())
    for url in SheetRow.objects.exclude(moa_url="").values_list("moa_url", flat=True).iterator():
        assert url.startswith(("https://", "http://"))
        assert not any(bad in url for bad in FORBIDDEN_IN_URLS), url
    # The raw layer keeps ICE's SafeLinks wrapper but never the staff mailbox it carried.
    leaks = SheetRow.objects.filter(moa_link_raw__contains="%40") | SheetRow.objects.filter(
        moa_link_raw__contains="data="
    )
    assert not leaks.exists()
    wrapped = SheetRow.objects.filter(moa_link_raw__contains="safelinks").first()
    assert wrapped is not None and wrapped.moa_raw.strip() == "link"
    assert "safelinks" not in wrapped.moa_url and wrapped.moa_url.startswith("https://www.ice.gov/")

    # The bytes are kept exactly as ICE published them.
    some = Publication.objects.get(file_name="participatingAgencies04302026am.xlsx")
    original = next(snapshots_dir.glob("*participatingAgencies04302026am.xlsx")).read_bytes()
    assert bytes(some.file.content) == original

    # Ingesting the same files again changes nothing.
    rows_before = SheetRow.objects.count()
    again = run(paths=[snapshots_dir, WAYBACK])
    assert (again.run.files_new, again.run.files_unchanged) == (0, 472)
    assert again.run.files_republished == 0
    assert Publication.objects.count() == 472
    assert SheetRow.objects.count() == rows_before

    # `deputized publications --format jsonl` lists them with the promised keys.
    out = StringIO()
    call_command("publications", "--format", "jsonl", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == 472
    assert {"date", "slot", "kind", "rows", "sha256", "file_names"} <= set(lines[0])
    assert lines[0]["date"] == "2021-01-13"  # publication order, oldest first
