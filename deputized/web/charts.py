"""Charts drawn on the server as inline SVG (no JavaScript): agreements by model over time.

A chart is drawn at its own size in CSS pixels (320 wide, the width of a 360-pixel phone's
column) and is never scaled down, so its text stays 12 px on every screen: one row per month,
the latest first, its bar stacked left to right by model and its total at the end.

The caller passes every word already translated (month labels such as "abr 2026", series names,
the title, the description, the text for an empty chart) and, if it wants locale digits, a
`format_number`; this module only lays out and draws. Series colours are the map's status classes
("status-active-jem"...), so a chart and a map on the same page share one legend's colours.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from deputized.places.maps import STATUS_FILLS

WIDTH = 320
EMPTY_HEIGHT = 60
ROW = 18  # one month
BAR = 12
FONT_SIZE = 12
# No font metrics on the server: an average glyph is about 0.6 em wide in system sans fonts,
# enough to keep labels from colliding.
CHAR_WIDTH = FONT_SIZE * 0.6
MARGIN_RIGHT = 4
SWATCH = 12
# Series the map has no class for still get distinct fills (Okabe–Ito orange, sky blue, pink).
EXTRA_FILLS = ("#e69f00", "#56b4e9", "#cc79a7")


@dataclass(frozen=True, slots=True)
class GrowthPoint:
    """One month: its label as the reader should see it, and agreements by model ("JEM": 12)."""

    label: str
    counts: Mapping[str, int]


def _number(value: float) -> str:
    """Coordinates to two decimals, without trailing zeros: exact enough, and short."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _series(series: Sequence[GrowthPoint], labels: Mapping[str, str]) -> list[tuple[str, str]]:
    """(key, label) for each series to stack: the caller's order, then any key it did not name."""
    named = list(labels)
    extra = sorted({k for point in series for k in point.counts} - set(named))
    return [(key, labels.get(key, key)) for key in named + extra]


def _classes(keys: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Each series' CSS class and default fill: the map's status class for a known model."""
    result = {}
    extra = 0
    for key in keys:
        status = f"status-active-{slugify(key)}"
        if status in STATUS_FILLS:
            result[key] = (status, STATUS_FILLS[status])
        else:
            result[key] = (f"chart-series-{slugify(key)}", EXTRA_FILLS[extra % len(EXTRA_FILLS)])
            extra += 1
    return result


def _open(html_id: str, height: int, title: str, description: str, style: str) -> str:
    ident = escape(html_id)
    # role="img": the chart is one picture, summarized by its description (nothing inside is
    # interactive); each segment's <title> is still a hover tooltip.
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}"'
        f' width="{WIDTH}" height="{height}"'
        f' role="img" aria-labelledby="{ident}-title {ident}-desc" focusable="false"'
        f' class="deputized-chart" id="{ident}">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>{style}'
    )


def _style(classes: Mapping[str, tuple[str, str]]) -> str:
    # Zero specificity (:where) so the site's stylesheet wins; the defaults make a saved SVG whole.
    scope = "svg.deputized-chart"
    rules = [
        f":where({scope} text){{fill:currentColor;font:{FONT_SIZE}px system-ui,sans-serif}}",
        f":where({scope} .chart-grid){{stroke:currentColor;stroke-opacity:.15}}",
        f":where({scope} .chart-axis){{stroke:currentColor;stroke-opacity:.6}}",
    ]
    rules += [f":where({scope} .{css}){{fill:{fill}}}" for css, fill in classes.values()]
    return "<style>" + "".join(rules) + "</style>"


def _legend(entries: Sequence[tuple[str, str]], width: float) -> tuple[list[str], float]:
    """Swatches and names in rows across the top; returns the markup and the height used."""
    parts = []
    x, y = 0.0, 4.0
    for css, label in entries:
        item = SWATCH + 4 + len(label) * CHAR_WIDTH + 16
        if x > 0 and x + item > width:
            x, y = 0.0, y + SWATCH + 8
        parts.append(
            f'<rect class="{css}" x="{_number(x)}" y="{_number(y)}" width="{SWATCH}"'
            f' height="{SWATCH}"/><text x="{_number(x + SWATCH + 4)}"'
            f' y="{_number(y + SWATCH - 2)}">{escape(label)}</text>'
        )
        x += item
    return parts, y + SWATCH + 12


def _empty(html_id: str, title: str, description: str, empty_text: str) -> SafeString:
    style = _style({})
    text = (
        f'<text x="{WIDTH / 2:g}" y="{EMPTY_HEIGHT / 2:g}" text-anchor="middle"'
        f' dy=".32em">{escape(empty_text)}</text>'
    )
    return mark_safe(_open(html_id, EMPTY_HEIGHT, title, description, style) + text + "</svg>")


def growth_chart(
    series: Sequence[GrowthPoint],
    *,
    title: str,
    description: str,
    labels: Mapping[str, str],
    empty_text: str = "",
    format_number: Callable[[int], str] = str,
    html_id: str = "growth-chart",
) -> SafeString:
    """Agreements by model per month as stacked horizontal bars, the latest month on top, each
    bar stacked left to right in `labels` order with its total after it.

    `series` runs oldest first (as the history reads it). `labels` names each model ("JEM":
    "Jail Enforcement Model"); a count under a key it does not name is drawn after the named
    ones, under its key. `format_number` formats the totals and the counts in tooltips (pass a
    locale formatter; the default is `str`).
    """
    if not series:
        return _empty(html_id, title, description, empty_text)
    entries = _series(series, labels)
    classes = _classes([key for key, _ in entries])
    latest_first = list(reversed(series))
    totals = [sum(max(0, point.counts.get(key, 0)) for key, _ in entries) for point in latest_first]
    total_texts = [format_number(total) for total in totals]

    legend, legend_height = _legend([(classes[key][0], label) for key, label in entries], WIDTH)
    # Room for the widest month label: glyphs such as "M" run wider than the average.
    left = max(len(point.label) for point in series) * CHAR_WIDTH * 1.15 + 8
    right = max(len(text) for text in total_texts) * CHAR_WIDTH + 6 + MARGIN_RIGHT
    plot_width = WIDTH - left - right
    per_unit = plot_width / max(1, max(totals))
    top = legend_height + 4
    height = round(top + ROW * len(series) + 4)

    parts = [*legend]
    parts.append(
        f'<line class="chart-axis" x1="{_number(left)}" x2="{_number(left)}" y1="{_number(top)}"'
        f' y2="{_number(top + ROW * len(series))}"/>'
    )
    for i, (point, total, total_text) in enumerate(
        zip(latest_first, totals, total_texts, strict=True)
    ):
        y = top + ROW * i + (ROW - BAR) / 2
        baseline = _number(y + BAR - 2)
        parts.append(
            f'<text class="chart-label" x="{_number(left - 6)}" y="{baseline}"'
            f' text-anchor="end">{escape(point.label)}</text>'
        )
        stacked = 0
        for key, label in entries:
            count = max(0, point.counts.get(key, 0))
            if not count:
                continue
            tip = f"{point.label}, {label}: {format_number(count)}"
            parts.append(
                f'<rect class="{classes[key][0]}" x="{_number(left + stacked * per_unit)}"'
                f' y="{_number(y)}" width="{_number(count * per_unit)}" height="{BAR}">'
                f"<title>{escape(tip)}</title></rect>"
            )
            stacked += count
        parts.append(
            f'<text class="chart-total" x="{_number(left + total * per_unit + 4)}"'
            f' y="{baseline}">{escape(total_text)}</text>'
        )

    svg = _open(html_id, height, title, description, _style(classes)) + "".join(parts) + "</svg>"
    # Built only from escaped text and numbers this module computed.
    return mark_safe(svg)
