"""The growth chart: stacked bars by model per month, drawn as SVG on the server."""

from __future__ import annotations

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


def segments(root: ET.Element) -> list[tuple[str, float, float, str]]:
    """(class, x, height, tooltip) of each bar segment (legend swatches have no tooltip)."""
    return [
        (r.get("class"), float(r.get("x")), float(r.get("height")), r.find(f"{SVG}title").text)
        for r in root.iter(f"{SVG}rect")
        if r.find(f"{SVG}title") is not None
    ]


def texts(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text")]


def test_bar_heights_are_proportional_to_counts():
    root = chart(SERIES)
    found = segments(root)
    # Zero counts draw nothing: 2 + 3 + 3 segments.
    assert len(found) == 8
    per_unit = found[0][2] / 10
    counts = [10, 20, 10, 30, 5, 12, 40, 8]
    for (_, _, height, _), count in zip(found, counts, strict=True):
        assert height == pytest.approx(count * per_unit, abs=0.02)
    # Stacked bottom to top in the labels' order, one column per month, left to right.
    assert [css for css, *_ in found[:2]] == ["status-active-jem", "status-active-wso"]
    xs = sorted({x for _, x, _, _ in found})
    assert len(xs) == 3


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
    assert root.get("width") == "100%" and root.get("viewBox").startswith("0 0 ")


def test_ticks_are_integers_formatted_by_the_caller():
    big = [GrowthPoint("ene 2026", {"JEM": 1200, "WSO": 300})]
    root = chart(big, format_number=lambda n: f"{n:,}".replace(",", "."))
    words = texts(root)
    assert "1.000" in words and "0" in words
    assert "1.500" in words  # the total above the bar
    small = chart([GrowthPoint("ene 2026", {"JEM": 1})])
    ticks = [t.text for t in small.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert ticks == ["0", "1"]


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
