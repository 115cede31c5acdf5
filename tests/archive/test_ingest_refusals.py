"""Bad input gets a clear refusal naming the file and the problem, and loses nothing."""

from __future__ import annotations

import hashlib
import io
import tempfile
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deputized.archive.ingest.run import run
from deputized.archive.models import IngestRun, Publication, Republication, SheetRow

pytestmark = pytest.mark.django_db

GOOD = "2026-02-27am_pendingAgencies02272026am.xlsx"
OTHER = "2025-04-28pm_pendingAgencies04282025pm.xlsx"


def fingerprint() -> tuple:
    """Everything stored, so a test can prove a refusal changed none of it."""
    return (
        sorted(Publication.objects.values_list("sha256", "published_on", "slot", "row_count")),
        SheetRow.objects.count(),
        hashlib.sha256(
            repr(
                list(SheetRow.objects.order_by("id").values_list("agency_raw", "moa_url"))
            ).encode()
        ).hexdigest(),
        Republication.objects.count(),
    )


@pytest.fixture
def stored(snapshots_dir):
    run(paths=[snapshots_dir / GOOD])
    return fingerprint()


def write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def unrelated_workbook() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Name", "Email", "Phone"])
    workbook.active.append(["A", "a@example.org", "555"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\x00\x01 not a spreadsheet at all", "not an xlsx workbook"),
        (b"", "not an xlsx workbook"),
        (b"<html><body>Access denied</body></html>", "not an xlsx workbook"),
        (unrelated_workbook(), "lacks STATE, LAW ENFORCEMENT AGENCY, SUPPORT TYPE"),
    ],
)
def test_a_file_that_is_not_an_ice_list_is_refused_by_name(tmp_path, stored, content, problem):
    bad = write(tmp_path, "participatingAgencies03012026am.xlsx", content)
    result = run(paths=[bad])
    [outcome] = result.refused()
    assert outcome.source == str(bad)
    assert problem in outcome.message
    assert result.run.outcome == IngestRun.Outcome.FAILED
    assert str(bad) in result.run.message
    assert fingerprint() == stored


def test_a_truncated_workbook_is_refused_and_the_rest_of_the_batch_is_stored(
    tmp_path, stored, snapshots_dir
):
    real = (snapshots_dir / OTHER).read_bytes()
    bad = write(tmp_path, "pendingAgencies03022026am.xlsx", real[: len(real) // 2])
    result = run(paths=[bad, snapshots_dir / OTHER])
    assert [o.verdict for o in result.outcomes] == ["refused", "new"]
    assert "truncated" in result.refused()[0].message or "corrupt" in result.refused()[0].message
    assert result.run.outcome == IngestRun.Outcome.PARTIAL
    assert Publication.objects.count() == 2


def test_the_command_names_the_file_and_exits_non_zero(tmp_path, stored):
    bad = write(tmp_path, "participatingAgencies03012026am.xlsx", b"garbage")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 file"):
        call_command("ingest", str(bad), stderr=err)
    assert f"refused {bad}: not an xlsx workbook" in err.getvalue()
    assert fingerprint() == stored


def test_a_missing_path_is_reported(tmp_path, stored):
    result = run(paths=[tmp_path / "nowhere"])
    assert result.refused()[0].message == "no such file or folder"
    assert fingerprint() == stored


def test_a_refused_file_can_be_retried_once_fixed(tmp_path, stored, snapshots_dir):
    target = tmp_path / "pendingAgencies04282025pm.xlsx"
    target.write_bytes(b"half a download")
    assert run(paths=[target]).refused()
    target.write_bytes((snapshots_dir / OTHER).read_bytes())
    retry = run(paths=[target])
    assert [o.verdict for o in retry.outcomes] == ["new"]


def test_an_undatable_name_is_refused_unless_a_date_is_given(tmp_path, stored, snapshots_dir):
    path = write(tmp_path, "list.xlsx", (snapshots_dir / OTHER).read_bytes())
    refused = run(paths=[path])
    assert "cannot tell when this list was published" in refused.refused()[0].message
    call_command("ingest", str(path), "--date", "2025-04-28pm", "--quiet", stdout=io.StringIO())
    publication = Publication.objects.get(file_name="list.xlsx")
    assert (str(publication.published_on), publication.slot) == ("2025-04-28", "pm")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(max_size=4096))
def test_random_bytes_are_refused_without_damage(stored, content):
    with tempfile.TemporaryDirectory() as folder:
        result = run(paths=[write(Path(folder), "participatingAgencies03012026am.xlsx", content)])
    assert [o.verdict for o in result.outcomes] == ["refused"]
    assert fingerprint() == stored


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_damaged_real_workbooks_are_refused_or_read_never_half_stored(stored, snapshots_dir, data):
    real = bytearray((snapshots_dir / OTHER).read_bytes())
    cut = data.draw(st.integers(min_value=0, max_value=len(real)), label="cut")
    flips = data.draw(st.lists(st.integers(0, len(real) - 1), max_size=4), label="flips")
    damaged = bytearray(real[:cut])
    for position in flips:
        if position < len(damaged):
            damaged[position] ^= 0xFF
    # Each example runs in a savepoint rolled back at its end: a tolerated damage is stored with
    # its history (which protects the publication), and the next example must start from `stored`.
    with transaction.atomic():
        with tempfile.TemporaryDirectory() as folder:
            path = write(Path(folder), "pendingAgencies04282025pm.xlsx", bytes(damaged))
            result = run(paths=[path])
        [outcome] = result.outcomes
        assert outcome.verdict in {"refused", "new"}
        if (
            outcome.verdict == "new"
        ):  # a damage the zip format tolerates: stored whole, never partly
            publication = Publication.objects.get(sha256=outcome.sha256)
            assert SheetRow.objects.filter(publication=publication).count() == publication.row_count
        else:
            assert fingerprint() == stored
        transaction.set_rollback(True)
    assert fingerprint() == stored
