"""`deputized inspect FILE`: one JSON object per row with exactly the promised keys."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

KEYS = {
    "list_kind",
    "row",
    "state",
    "agency",
    "agency_type",
    "county",
    "model",
    "signed",
    "moa_url",
    "addendum_url",
}


def inspect(path, fmt="jsonl") -> str:
    out = StringIO()
    call_command("inspect", str(path), "--format", fmt, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_jsonl_rows_have_exactly_the_promised_keys(snapshots_dir):
    lines = inspect(snapshots_dir / "2026-04-30am_participatingAgencies04302026am.xlsx")
    rows = [json.loads(line) for line in lines.splitlines()]
    assert len(rows) == 1770
    assert all(set(row) == KEYS for row in rows)
    assert rows[0]["row"] == 2  # the header is row 1
    assert {row["list_kind"] for row in rows} == {"participating"}
    assert {row["model"] for row in rows} <= {"JEM", "WSO", "TFM", None}
    urls = [row["moa_url"] for row in rows if row["moa_url"]]
    assert urls and not any("safelinks" in url or "%40" in url for url in urls)
    person = [r for r in rows if r["state"] == "NC" and r["agency"].startswith("Person County")]
    assert [(r["model"], r["signed"]) for r in person] == [("WSO", "2026-04-13")]


def test_the_list_kind_comes_from_the_headers_not_the_name(snapshots_dir):
    lines = inspect(snapshots_dir / "2025-09-22pm_participatingAgencies09222025pm.xlsx")
    rows = [json.loads(line) for line in lines.splitlines()]
    assert len(rows) == 42
    assert {row["list_kind"] for row in rows} == {"pending"}
    assert all(row["signed"] is None for row in rows)


def test_the_table_is_for_people(snapshots_dir):
    table = inspect(snapshots_dir / "2025-04-28pm_pendingAgencies04282025pm.xlsx", fmt="table")
    header, *body = table.splitlines()
    assert header.split()[:3] == ["ROW", "STATE", "AGENCY"]
    assert len(body) == 65


def test_a_bad_file_gets_a_clear_error(tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(CommandError, match=r"x\.xlsx: not an xlsx workbook"):
        inspect(bad)
    with pytest.raises(CommandError, match="no such file"):
        inspect(tmp_path / "missing.xlsx")
