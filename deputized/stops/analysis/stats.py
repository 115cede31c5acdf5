"""Intervals for rates and ratios (shared traffic-stops.md §8.5)."""

from __future__ import annotations

import math

Z95 = 1.959963984540054
# Ratios are withheld when either group has fewer events than this (§8.5: "fewer than ~20 events").
MIN_EVENTS = 20


def wilson(
    events: int, total: int, z: float = Z95
) -> tuple[float | None, float | None, float | None]:
    """The rate and its Wilson score interval; (None, None, None) when total is 0."""
    if total <= 0:
        return None, None, None
    p = events / total
    denom = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denom
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denom
    return p, max(0.0, centre - half), min(1.0, centre + half)


def rate_ratio(
    a: int, n1: int, b: int, n2: int, *, minimum: int = MIN_EVENTS, z: float = Z95
) -> tuple[float | None, float | None, float | None]:
    """(a/n1)/(b/n2) with a log-scale (Katz) interval; None where either count < `minimum`."""
    if a < minimum or b < minimum or n1 <= 0 or n2 <= 0:
        return None, None, None
    ratio = (a / n1) / (b / n2)
    se = math.sqrt(1 / a - 1 / n1 + 1 / b - 1 / n2)
    return ratio, ratio * math.exp(-z * se), ratio * math.exp(z * se)
