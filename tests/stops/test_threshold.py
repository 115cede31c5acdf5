"""The threshold test's command on a small subset of Stanford's 2017 NC inputs, with few samples.

Convergence and agreement with the paper are checked in the bench step (docs/stops.md), not here:
these settings are only enough to exercise the model, the sampler and the output format.
"""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import SHARED

INPUT = SHARED / "data" / "stops" / "stanford_2017" / "nc_fig4b_threshold_test.csv"


def test_threshold_test_jsonl_one_line_per_location_and_race(tmp_path, capsys):
    subset = tmp_path / "subset.csv"
    lines = INPUT.read_text().splitlines()
    subset.write_text("\n".join(lines[:7]) + "\n")  # header + two districts × three races
    call_command(
        "stops",
        "threshold-test",
        str(subset),
        "--format",
        "jsonl",
        "--warmup",
        "30",
        "--samples",
        "30",
        "--chains",
        "1",
    )
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert len(rows) == 6
    assert {r["driver_race"] for r in rows} == {
        "White drivers",
        "Black drivers",
        "Hispanic drivers",
    }
    for row in rows:
        assert 0 <= row["threshold_low"] <= row["threshold"] <= row["threshold_high"] <= 1
    assert rows[0]["num_stops"] == int(lines[1].split(",")[2])
    diagnostics = json.loads(captured.err.strip().splitlines()[-1])
    assert {"race_averages", "rhat_max", "ess_min", "divergences"} <= set(diagnostics)


def test_threshold_test_refuses_missing_columns(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("location_variable,driver_race,num_stops\nA1,White drivers,3\n")
    with pytest.raises(CommandError, match="missing columns num_hits, num_searches"):
        call_command("stops", "threshold-test", str(bad))
