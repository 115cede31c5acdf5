"""Difference-in-differences / event study around 287(g) agreement dates (traffic-stops.md §8.4).

Input: one row per agency and period (`unit`, `period`, `outcome`, `treated_from` – the first period
under an agreement, None for comparison agencies – and optionally `weight`, e.g. stops). The
estimator is a two-way fixed-effects regression (agency and period effects) with standard errors
clustered by agency (statsmodels OLS/WLS). With staggered dates and effects that change over time
TWFE can be biased; the event-study form (`event_study`) shows leads (pre-trends) and lags
separately, and `did` reports which comparison agencies were used, so a page can name them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import statsmodels.api as sm


@dataclass
class Estimate:
    effect: float
    low: float
    high: float
    se: float
    treated_units: int
    control_units: list
    observations: int


def _design(rows: list[dict], extra: list[tuple[str, np.ndarray]]) -> tuple:
    units = sorted({r["unit"] for r in rows}, key=str)
    periods = sorted({r["period"] for r in rows})
    u_index = {u: i for i, u in enumerate(units)}
    p_index = {p: i for i, p in enumerate(periods)}
    n = len(rows)
    x = np.zeros((n, len(extra) + len(units) + len(periods) - 1))
    for j, (_, column) in enumerate(extra):
        x[:, j] = column
    base = len(extra)
    for i, r in enumerate(rows):
        x[i, base + u_index[r["unit"]]] = 1.0
        p = p_index[r["period"]]
        if p > 0:
            x[i, base + len(units) + p - 1] = 1.0
    y = np.array([r["outcome"] for r in rows], dtype=float)
    w = np.array([r.get("weight", 1.0) for r in rows], dtype=float)
    groups = np.array([u_index[r["unit"]] for r in rows])
    return x, y, w, groups


def _fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, groups: np.ndarray) -> object:
    model = sm.WLS(y, x, weights=w)
    return model.fit(cov_type="cluster", cov_kwds={"groups": groups})


def _intervals(
    fit: object,
    x: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    groups: np.ndarray,
    *,
    columns: int,
    level: float,
    se: str,
) -> list[tuple[float, float, float, float]]:
    """(estimate, low, high, standard error) of the first `columns` coefficients.

    `se="cluster"`: the clustered interval as statsmodels gives it. `se="conservative"`, for
    few clusters or a single treated agency (where clustered errors are too small): the larger of
    the clustered and the conventional WLS standard error, with Student's t on clusters − 1
    degrees of freedom."""
    if se == "cluster":
        ci = fit.conf_int(alpha=1 - level)
        return [
            (float(fit.params[j]), float(ci[j][0]), float(ci[j][1]), float(fit.bse[j]))
            for j in range(columns)
        ]
    from scipy import stats

    plain = sm.WLS(y, x, weights=w).fit()
    q = stats.t.ppf((1 + level) / 2, max(len(set(groups.tolist())) - 1, 1))
    out = []
    for j in range(columns):
        s = max(float(fit.bse[j]), float(plain.bse[j]))
        b = float(fit.params[j])
        out.append((b, b - q * s, b + q * s, s))
    return out


def did(rows: list[dict], *, level: float = 0.95, se: str = "cluster") -> Estimate:
    """The average effect of being under an agreement (TWFE), with a cluster-robust interval
    (`se="conservative"`: see `_intervals`)."""
    treated = np.array(
        [
            1.0 if r["treated_from"] is not None and r["period"] >= r["treated_from"] else 0.0
            for r in rows
        ]
    )
    x, y, w, groups = _design(rows, [("treated", treated)])
    fit = _fit(x, y, w, groups)
    ((effect, low, high, error),) = _intervals(fit, x, y, w, groups, columns=1, level=level, se=se)
    controls = sorted({r["unit"] for r in rows if r["treated_from"] is None}, key=str)
    treated_units = len({r["unit"] for r in rows if r["treated_from"] is not None})
    return Estimate(
        effect,
        low,
        high,
        error,
        treated_units,
        controls,
        len(rows),
    )


def event_study(
    rows: list[dict], *, window: int = 3, level: float = 0.95, se: str = "cluster"
) -> dict[int, tuple[float, float, float]]:
    """Effects by period relative to the start (−window…window, ends binned; −1 = base;
    periods no row has are left out)."""
    rel = [
        None
        if r["treated_from"] is None
        else max(-window, min(window, r["period"] - r["treated_from"]))
        for r in rows
    ]
    # Relative periods no row has (e.g. 0 when the start year is left out) get no column.
    events = [k for k in range(-window, window + 1) if k != -1 and k in rel]
    extra = [(str(k), np.array([1.0 if e == k else 0.0 for e in rel])) for k in events]
    x, y, w, groups = _design(rows, extra)
    fit = _fit(x, y, w, groups)
    found = _intervals(fit, x, y, w, groups, columns=len(events), level=level, se=se)
    return {k: found[j][:3] for j, k in enumerate(events)}
