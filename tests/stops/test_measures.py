"""Rates, intervals and suppressed ratios (traffic-stops.md §8.5)."""

from __future__ import annotations

import pytest

from deputized.stops.analysis.measures import COUNT_COLUMNS, measures
from deputized.stops.analysis.stats import MIN_EVENTS, rate_ratio, wilson


def test_wilson_known_values():
    rate, low, high = wilson(40, 730)
    assert rate == pytest.approx(0.054795, abs=1e-6)
    assert (low, high) == (pytest.approx(0.04049, abs=1e-4), pytest.approx(0.07378, abs=1e-4))
    assert wilson(0, 0) == (None, None, None)
    assert wilson(0, 10)[1] == 0.0


def test_ratio_withheld_below_minimum_and_never_divides_by_zero():
    # Durham PD 2018 stop-light stops: 40 of 730 Black drivers searched, 1 of 324 white (§4).
    assert rate_ratio(40, 730, 1, 324) == (None, None, None)
    assert rate_ratio(5, 8, 0, 6) == (None, None, None)
    ratio, low, high = rate_ratio(60, 1000, 20, 1000)
    assert ratio == pytest.approx(3.0) and low < 3.0 < high
    assert MIN_EVENTS == 20


def _row(group, **values):
    row = dict.fromkeys(COUNT_COLUMNS, 0)
    row.update(agency="A", year=2018, race_group=group, **values)
    return row


def test_measures_rows():
    rows = measures(
        [
            _row("White", stops=1000, searches=20, hits=5, arrests=30),
            _row("Hispanic", stops=500, searches=30, hits=4, arrests=19),
        ]
    )
    by = {r["race_group"]: r for r in rows}
    assert by["Hispanic"]["share_of_stops"] == pytest.approx(1 / 3)
    assert by["Hispanic"]["search_rate"] == pytest.approx(0.06)
    assert by["Hispanic"]["search_rate_ratio"] == pytest.approx(3.0)
    assert by["Hispanic"]["hit_rate_ratio"] is None  # 4 and 5 hits: below the minimum
    assert by["Hispanic"]["arrest_rate_ratio"] is None  # 19 arrests < 20
    assert "search_rate_ratio" not in by["White"]
