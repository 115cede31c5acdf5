"""Identical bytes under another name are the same list published again, not a new list."""

from __future__ import annotations

import pytest

from deputized.archive.ingest.run import run
from deputized.archive.models import Publication, Republication

pytestmark = pytest.mark.django_db

SOURCE = "2025-08-19pm_participatingAgencies08192025pm.xlsx"


def test_same_bytes_under_later_names_are_republications(tmp_path, snapshots_dir):
    content = (snapshots_dir / SOURCE).read_bytes()
    first = run(paths=[snapshots_dir / SOURCE])
    assert first.run.files_new == 1
    # ICE re-served the same file as 08202025pm and 08262025am (the real aliases of this one).
    for name in ("participatingAgencies08202025pm.xlsx", "participatingAgencies08262025am.xlsx"):
        (tmp_path / name).write_bytes(content)
    again = run(paths=[tmp_path])
    assert (again.run.files_new, again.run.files_republished) == (0, 2)
    publication = Publication.objects.get()
    dates = sorted(
        (str(r.published_on), r.slot) for r in Republication.objects.filter(publication=publication)
    )
    assert dates == [("2025-08-20", "pm"), ("2025-08-26", "am")]
    # Seen once more under the same names: nothing new.
    third = run(paths=[tmp_path, snapshots_dir / SOURCE])
    assert (third.run.files_new, third.run.files_republished, third.run.files_unchanged) == (
        0,
        0,
        3,
    )
    assert Publication.objects.count() == 1


def test_the_same_bytes_twice_in_one_batch_are_stored_once(tmp_path, snapshots_dir):
    content = (snapshots_dir / SOURCE).read_bytes()
    (tmp_path / "participatingAgencies08212025pm.xlsx").write_bytes(content)
    result = run(paths=[snapshots_dir / SOURCE, tmp_path])
    assert sorted(o.verdict for o in result.outcomes) == ["new", "republished"]
    assert Publication.objects.count() == 1


def test_another_list_under_a_known_name_is_a_new_publication(snapshots_dir):
    # ICE replaced participatingAgencies07032025pm.xlsx with different bytes under the same name.
    first, second = sorted(snapshots_dir.glob("2025-07-03pm*_participatingAgencies07032025pm.xlsx"))
    result = run(paths=[first, second])
    assert result.run.files_new == 2
    kept = list(
        Publication.objects.order_by("first_seen_at", "id").values_list("row_count", flat=True)
    )
    assert kept == [753, 777]
