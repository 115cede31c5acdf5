"""The difference-in-differences estimator recovers known effects from simulated panels."""

from __future__ import annotations

import numpy as np
import pytest

from deputized.stops.analysis.did import did, event_study


def panel(rng, effect: float, *, units: int = 30, periods: int = 10) -> list[dict]:
    """Agencies with own levels, shared year effects; half start an agreement (staggered)."""
    year_effect = rng.normal(0, 1, periods)
    rows = []
    for u in range(units):
        level = rng.normal(0, 2)
        start = int(rng.integers(4, 7)) if u < units // 2 else None
        for t in range(periods):
            on = start is not None and t >= start
            y = level + year_effect[t] + (effect if on else 0.0) + rng.normal(0, 1)
            rows.append(
                {
                    "unit": f"a{u}",
                    "period": 2005 + t,
                    "outcome": y,
                    "treated_from": None if start is None else 2005 + start,
                }
            )
    return rows


@pytest.mark.parametrize("effect", [0.0, 1.5])
def test_recovers_effect(effect):
    estimate = did(panel(np.random.default_rng(1), effect, units=60))
    assert estimate.low <= effect <= estimate.high
    assert abs(estimate.effect - effect) < 0.3
    assert estimate.treated_units == 30 and len(estimate.control_units) == 30
    if effect:
        assert estimate.low > 0  # a real effect is detected
    else:
        assert estimate.low < 0 < estimate.high


def test_interval_covers_truth_at_nominal_rate():
    rng = np.random.default_rng(7)
    reps, covered = 200, 0
    for _ in range(reps):
        est = did(panel(rng, 1.0, units=40, periods=8))
        covered += est.low <= 1.0 <= est.high
    # Cluster-robust intervals with 40 clusters: near 95 % (binomial sd over 200 runs ≈ 1.5 %).
    assert 0.90 <= covered / reps <= 0.99


def test_event_study_leads_are_flat_and_lags_show_the_effect():
    effects = event_study(panel(np.random.default_rng(3), 2.0, units=80), window=2)
    assert effects[-2][1] <= 0 <= effects[-2][2]
    for k in (0, 1, 2):
        assert effects[k][1] <= 2.0 <= effects[k][2]


def test_one_treated_agency_conservative_interval_covers():
    """One agency under an agreement against six (the pages' case): clustered intervals cover
    the truth about half the time; the conservative ones (larger of clustered and conventional
    errors, t on clusters − 1) about 95 %."""
    rng = np.random.default_rng(1)
    covered = {"cluster": 0, "conservative": 0}
    sims = 200
    for _ in range(sims):
        rows = []
        for u in range(7):
            base, shocks = 0.05 + rng.normal(0, 0.01), rng.normal(0, 0.005, 10)
            for t in range(10):
                n = int(rng.integers(100, 300))
                p = max(base + 0.002 * t + shocks[t] + (0.03 if u == 0 and t >= 5 else 0), 0.001)
                rows.append(
                    {
                        "unit": u,
                        "period": t,
                        "outcome": rng.binomial(n, p) / n,
                        "weight": n,
                        "treated_from": 5 if u == 0 else None,
                    }
                )
        for se in covered:
            estimate = did(rows, se=se)
            covered[se] += estimate.low <= 0.03 <= estimate.high
    assert covered["cluster"] / sims < 0.7
    assert 0.9 <= covered["conservative"] / sims <= 0.99
