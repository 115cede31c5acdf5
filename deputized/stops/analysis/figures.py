"""The stops section's chart: search rates by group with their intervals, as inline SVG.

Drawn at 320 CSS pixels wide (a 360-pixel phone's column), text 12 px, one row per group. The caller
passes every word translated; numbers are written in the active language (6,0 % in Spanish).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 320
LABEL = 110
ROW = 22
FONT = 12


def rate_chart(
    rows: Sequence[tuple[str, float | None, float | None, float | None]],
    *,
    html_id: str,
    title: str,
    description: str,
) -> SafeString:
    """rows: (label, rate, low, high); the scale runs to the largest upper bound."""
    drawn = [r for r in rows if r[1] is not None]
    top = max([r[3] for r in drawn] + [0.01])
    span = WIDTH - LABEL - 50
    height = ROW * len(rows) + 8
    hid = escape(html_id)
    parts = [
        f'<svg id="{hid}" class="chart" role="img" width="{WIDTH}" height="{height}"'
        f' viewBox="0 0 {WIDTH} {height}" aria-labelledby="{hid}-t {hid}-d">'
        f'<title id="{hid}-t">{escape(title)}</title>'
        f'<desc id="{hid}-d">{escape(description)}</desc>'
    ]
    for i, (label, rate, low, high) in enumerate(rows):
        y = 4 + i * ROW
        parts.append(
            f'<text x="0" y="{y + 13}" font-size="{FONT}" fill="currentColor">'
            f"{escape(label)}</text>"
        )
        if rate is None:
            parts.append(
                f'<text x="{LABEL}" y="{y + 13}" font-size="{FONT}" fill="currentColor">–</text>'
            )
            continue
        w = span * rate / top
        parts.append(
            f'<rect x="{LABEL}" y="{y + 3}" width="{w:.1f}" height="12" fill="#1f5f8b"></rect>'
        )
        x1, x2 = LABEL + span * low / top, LABEL + span * high / top
        parts.append(
            f'<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{y + 9}" y2="{y + 9}" stroke="#111"'
            ' stroke-width="1.5"></line>'
        )
        parts.append(
            f'<text x="{x2 + 4:.1f}" y="{y + 13}" font-size="{FONT}" fill="currentColor">'
            f"{number_format(rate * 100, 1)} %</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
