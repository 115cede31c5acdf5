"""A jail's ICE average daily population by report, drawn on the server as inline SVG (no
JavaScript), 320 CSS pixels wide like the site's other charts (web/charts.py). The caller passes
the words already translated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 320, 180
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 8, 22


def adp_chart(
    points: Sequence[tuple[dt.date, float]], *, html_id: str, title: str, description: str
) -> SafeString:
    """A line of ADP over time: y from 0 to the highest value, x from the first report to the
    last, years marked along the bottom."""
    ident = escape(html_id)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}"'
        f' height="{HEIGHT}" role="img" aria-labelledby="{ident}-title {ident}-desc"'
        f' focusable="false" class="deputized-chart" id="{ident}">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
        "<style>:where(svg.deputized-chart text){fill:currentColor;font:12px system-ui,sans-serif}"
        ":where(svg.deputized-chart .chart-axis){stroke:currentColor;stroke-opacity:.6}"
        ":where(svg.deputized-chart .chart-line){fill:none;stroke:#0072b2;stroke-width:2}</style>"
    )
    if not points:
        return mark_safe(head + "</svg>")
    first, last = points[0][0], points[-1][0]
    span = max((last - first).days, 1)
    top = max(value for _, value in points) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: dt.date) -> float:
        return LEFT + plot_w * (day - first).days / span

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / top)

    parts = [
        f'<line class="chart-axis" x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}"'
        f' y2="{TOP + plot_h}"/>',
        f'<line class="chart-axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}"/>',
        f'<text x="{LEFT - 4}" y="{TOP + 10}" text-anchor="end">{top:.0f}</text>',
        f'<text x="{LEFT - 4}" y="{TOP + plot_h}" text-anchor="end">0</text>',
    ]
    for year in range(first.year + 1, last.year + 1):
        at = x(dt.date(year, 1, 1))
        parts.append(
            f'<text x="{at:.1f}" y="{HEIGHT - 6}" text-anchor="middle">{year}</text>'
            f'<line class="chart-axis" x1="{at:.1f}" y1="{TOP + plot_h}" x2="{at:.1f}"'
            f' y2="{TOP + plot_h + 4}"/>'
        )
    path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in points)
    parts.append(f'<polyline class="chart-line" points="{path}"/>')
    return mark_safe(head + "".join(parts) + "</svg>")
