"""The SVG chart functions, without a browser: well-formed SVG with a title and a text
description, bars and lines where the numbers say, every label escaped, no inline style."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from cloudwarden.platform.web.charts import (
    Point,
    failures_over_time,
    fold_grades,
    grade_distribution,
    nice_top,
    score_trend,
)

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<img src=x onerror=alert(1)>"&'


def parsed(markup: str) -> ET.Element:
    assert "style=" not in markup, "the CSP forbids inline styles"
    return ET.fromstring(markup)


def bars(svg: ET.Element) -> list[tuple[float, str]]:
    """(height, tooltip) of each bar."""
    return [
        (float(r.get("height", "0")), r.findtext(f"{SVG}title") or "")
        for r in svg.iter(f"{SVG}rect")
        if r.find(f"{SVG}title") is not None
    ]


def test_nice_top_rounds_up_to_1_2_5():
    assert [nice_top(v) for v in (0, 1, 2, 3, 7, 10, 11, 199, 100_000)] == [
        1,
        1,
        2,
        5,
        10,
        10,
        20,
        200,
        100_000,
    ]


def test_grade_distribution_bars_are_proportional_and_described():
    svg = parsed(grade_distribution({"A+": 4, "A": 6, "F": 5, "C": 0}))
    assert svg.findtext(f"{SVG}title") == "Assets per grade"
    desc = svg.findtext(f"{SVG}desc") or ""
    assert desc.startswith("15 assets: grade A 10, grade B 0, grade C 0")
    heights = {tip: h for h, tip in bars(svg)}
    assert heights["grade A: 10 assets"] == pytest.approx(2 * heights["grade F: 5 assets"])
    assert heights["grade B: 0 assets"] == 0
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "grades-title grades-desc"


def test_grades_fold_to_their_letter():
    assert fold_grades({"A+": 1, "A": 2, "D+": 3, "-": 4, "?": 5}) == {
        "A": 3,
        "B": 0,
        "C": 0,
        "D": 3,
        "F": 0,
        "-": 9,
    }


def test_failures_stack_per_report_oldest_first():
    svg = parsed(
        failures_over_time(
            [("12-01", {"critical": 1, "low": 3}), ("12-02", {"high": 2, "medium": 2})]
        )
    )
    tips = [tip for _, tip in bars(svg)]
    assert tips == ["12-01: 3 low", "12-01: 1 critical", "12-02: 2 medium", "12-02: 2 high"]
    heights = [h for h, _ in bars(svg)]
    assert heights[0] == pytest.approx(3 * heights[1])
    assert "12-01: 1 critical, 0 high, 0 medium, 3 low" in (svg.findtext(f"{SVG}desc") or "")


def test_score_trend_draws_a_line_per_integration_broken_where_unscored():
    svg = parsed(
        score_trend(
            {
                "prod": [Point("a", 50), Point("b", 100), Point("c", None), Point("d", 0)],
                "dev": [Point("a", 100)],
            }
        )
    )
    lines = list(svg.iter(f"{SVG}polyline"))
    assert len(lines) == 1, "prod's first two points join; the unscored report breaks the line"
    (x0, y0), (x1, y1) = (tuple(map(float, p.split(","))) for p in lines[0].get("points").split())
    assert x0 < x1
    assert y1 < y0, "a higher score is drawn higher"
    assert len(list(svg.iter(f"{SVG}circle"))) == 4
    assert "prod: a 50, b 100, c not scored, d 0" in (svg.findtext(f"{SVG}desc") or "")


def test_every_label_is_escaped():
    charts = [
        failures_over_time([(HOSTILE, {"high": 1})]),
        score_trend({HOSTILE: [Point(HOSTILE, 10), Point("x", 20)]}),
        grade_distribution({}, chart_id=HOSTILE),
    ]
    for markup in charts:
        svg = parsed(markup)
        assert "<img" not in markup
        texts = [t.text or "" for t in svg.iter() if t.text]
        assert any(HOSTILE in t for t in texts) or svg.get("aria-labelledby", "").startswith(
            HOSTILE
        )


def test_empty_charts_say_so():
    for markup in (failures_over_time([]), score_trend({})):
        assert parsed(markup).findtext(f"{SVG}desc") == "No reports yet."
