"""The growth chart: stacked horizontal bars by model per month, the latest month on top, drawn
as SVG on the server at its own pixel size (readable on a 360-pixel phone)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from deputized.web.charts import GrowthPoint, growth_chart

SVG = "{http://www.w3.org/2000/svg}"
LABELS = {"JEM": "Jail Enforcement Model", "WSO": "Warrant Service Officer", "TFM": "Task Force"}
SERIES = [
    GrowthPoint("feb 2026", {"JEM": 10, "WSO": 20, "TFM": 0}),
    GrowthPoint("mar 2026", {"JEM": 10, "WSO": 30, "TFM": 5}),
    GrowthPoint("abr 2026", {"JEM": 12, "WSO": 40, "TFM": 8}),
]


def chart(series: list[GrowthPoint], **kwargs: object) -> ET.Element:
    options = {"title": "Agreements", "description": "By model", "labels": LABELS}
    options.update(kwargs)
    return ET.fromstring(growth_chart(series, **options))


def segments(root: ET.Element) -> list[tuple[str, float, float, float, str]]:
    """(class, x, y, width, tooltip) of each bar segment (legend swatches have no tooltip)."""
    return [
        (
            r.get("class"),
            float(r.get("x")),
            float(r.get("y")),
            float(r.get("width")),
            r.find(f"{SVG}title").text,
        )
        for r in root.iter(f"{SVG}rect")
        if r.find(f"{SVG}title") is not None
    ]


def texts(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text")]


def test_bar_lengths_are_proportional_to_counts_and_the_latest_month_is_on_top():
    root = chart(SERIES)
    found = segments(root)
    # Zero counts draw nothing: 3 + 3 + 2 segments, the latest month (April) first.
    assert len(found) == 8
    assert [tip.split(",")[0] for *_, tip in found] == ["abr 2026"] * 3 + ["mar 2026"] * 3 + [
        "feb 2026"
    ] * 2
    per_unit = found[0][3] / 12
    counts = [12, 40, 8, 10, 30, 5, 10, 20]
    for (*_, width, _), count in zip(found, counts, strict=True):
        assert width == pytest.approx(count * per_unit, abs=0.02)
    # One row per month, top to bottom; stacked left to right in the labels' order.
    rows = sorted({y for _, _, y, _, _ in found})
    assert len(rows) == 3
    april = [s for s in found if s[2] == rows[0]]
    assert [css for css, *_ in april] == [
        "status-active-jem",
        "status-active-wso",
        "status-active-tfm",
    ]
    assert april[1][1] == pytest.approx(april[0][1] + april[0][3], abs=0.02)
    # Month labels read top to bottom from the latest.
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "chart-label"]
    assert labels == ["abr 2026", "mar 2026", "feb 2026"]


def test_the_chart_is_drawn_at_a_phones_width_with_12_pixel_text():
    root = chart(SERIES * 20)
    # Its own size in CSS pixels: not scaled to the page, so 12 px text stays 12 px.
    assert root.get("width") == "320"
    assert root.get("viewBox") == f"0 0 320 {root.get('height')}"
    style = root.find(f"{SVG}style").text
    sizes = [int(size) for size in re.findall(r"font:(\d+)px", style)]
    assert sizes and min(sizes) >= 12
    for rect in root.iter(f"{SVG}rect"):
        assert float(rect.get("x")) + float(rect.get("width")) <= 320


def test_labels_legend_and_tooltips_are_the_callers_words():
    root = chart(SERIES)
    words = texts(root)
    for month in ("feb 2026", "mar 2026", "abr 2026"):
        assert month in words
    for name in LABELS.values():
        assert name in words
    tips = [tip for *_, tip in segments(root)]
    assert "abr 2026, Warrant Service Officer: 40" in tips
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "growth-chart-title growth-chart-desc"
    assert root.find(f"{SVG}title").text == "Agreements"


def test_totals_are_formatted_by_the_caller():
    big = [GrowthPoint("ene 2026", {"JEM": 1200, "WSO": 300})]
    root = chart(big, format_number=lambda n: f"{n:,}".replace(",", "."))
    totals = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "chart-total"]
    assert totals == ["1.500"]
    assert "ene 2026, Jail Enforcement Model: 1.200" in [tip for *_, tip in segments(root)]


def test_a_single_month_draws_one_bar():
    root = chart(SERIES[:1])
    assert len(segments(root)) == 2
    assert "feb 2026" in texts(root)


def test_an_empty_series_says_so_in_the_callers_words():
    root = chart([], empty_text="Sin datos <todavía>")
    assert texts(root) == ["Sin datos <todavía>"]
    assert not segments(root)
    assert root.find(f"{SVG}title").text == "Agreements"


def test_text_is_escaped_and_unknown_models_still_drawn():
    root = chart([GrowthPoint('<b>"x"</b> & y', {"JEM": 1, "OTHER": 2})], title="a < b")
    assert '<b>"x"</b> & y' in texts(root)
    assert "OTHER" in texts(root)
    assert {css for css, *_ in segments(root)} == {"status-active-jem", "chart-series-other"}
