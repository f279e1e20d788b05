"""Server-rendered SVG charts: grade distribution, failures by severity over time, score trend.

Each function returns the whole ``<svg>`` element as ``Markup``: every text in it (labels may
name integrations or come from a scanned account) is escaped here, so templates insert the
chart as is. Colours are SVG presentation attributes (``fill=``), not ``style=`` (the CSP
forbids inline styles); the chart scales with its container through its ``viewBox``. Each
chart carries ``<title>`` and ``<desc>`` (read by screen readers, ``aria-labelledby``); the
pages show the same numbers as a table next to it.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

GRADES = ("A", "B", "C", "D", "F", "-")
GRADE_COLOURS = {
    "A": "#2e8540",
    "B": "#7ea83a",
    "C": "#d3a500",
    "D": "#e07b00",
    "F": "#c0392b",
    "-": "#8b95a5",
}
SEVERITIES = ("critical", "high", "medium", "low")
SEVERITY_COLOURS = {
    "critical": "#7b1d1d",
    "high": "#c0392b",
    "medium": "#e07b00",
    "low": "#d3a500",
}
SERIES_COLOURS = ("#1f5fbf", "#c0392b", "#2e8540", "#7a3fb0", "#e07b00", "#00838f")
WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40


@dataclass(frozen=True)
class Point:
    """One report in a series: its label on the x axis and its value (None: not scored)."""

    label: str
    value: int | None


def _svg(chart_id: str, title: str, desc: str, body: list[str], height: int = HEIGHT) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{escape(chart_id)}-title '
        f'{escape(chart_id)}-desc">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")  # noqa: S704 - every text escaped above


def _text(x: float, y: float, text: str, anchor: str = "middle", css: str = "label") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="{css}">{escape(text)}</text>'
    )


def _rect(x: float, y: float, w: float, h: float, *, fill: str, tip: str) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}" '
        f'fill="{fill}"><title>{escape(tip)}</title></rect>'
    )


def nice_top(value: int) -> int:
    """The y axis's top: ``value`` rounded up to 1, 2 or 5 times a power of ten (>= 1)."""
    if value <= 1:
        return 1
    magnitude = 1
    while True:
        for step in (1, 2, 5):
            if step * magnitude >= value:
                return step * magnitude
        magnitude *= 10


def _y_axis(top: int, plot_h: float, ticks: int = 4) -> list[str]:
    parts = []
    for n in range(ticks + 1):
        value = top * n / ticks
        y = TOP + plot_h - plot_h * n / ticks
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
        )
        parts.append(_text(LEFT - 6, y + 4, f"{value:g}", anchor="end", css="tick"))
    return parts


def fold_grades(counts: Mapping[str, int]) -> dict[str, int]:
    """Counts per grade letter: 'A+' and 'A' are A; anything else is '-'."""
    folded = dict.fromkeys(GRADES, 0)
    for grade, count in counts.items():
        letter = grade[:1].upper()
        folded[letter if letter in GRADE_COLOURS and letter != "-" else "-"] += count
    return folded


def grade_distribution(counts: Mapping[str, int], chart_id: str = "grades") -> Markup:
    """A column per grade letter (A to F: 'A+' counts as A), then '-' for assets nothing was
    scored on."""
    folded = fold_grades(counts)
    values = [(g, folded[g]) for g in GRADES]
    total = sum(v for _, v in values)
    top = nice_top(max((v for _, v in values), default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(values)
    body = _y_axis(top, plot_h)
    for n, (grade, value) in enumerate(values):
        h = plot_h * value / top
        x = LEFT + slot * n + slot * 0.15
        tip = f"grade {grade}: {value} assets"
        body.append(_rect(x, TOP + plot_h - h, slot * 0.7, h, fill=GRADE_COLOURS[grade], tip=tip))
        body.append(_text(x + slot * 0.35, TOP + plot_h - h - 4, str(value), css="value"))
        body.append(_text(x + slot * 0.35, HEIGHT - BOTTOM + 18, grade))
    desc = f"{total} assets: " + ", ".join(f"grade {g} {v}" for g, v in values) + "."
    return _svg(chart_id, "Assets per grade", desc, body)


def failures_over_time(
    reports: Sequence[tuple[str, Mapping[str, int]]], chart_id: str = "failures"
) -> Markup:
    """A stacked column per report (oldest left): its failed results per severity."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM - 20
    totals = [sum(counts.get(s, 0) for s in SEVERITIES) for _, counts in reports]
    top = nice_top(max(totals, default=0))
    slot = plot_w / max(len(reports), 1)
    body = _y_axis(top, plot_h)
    for n, (label, counts) in enumerate(reports):
        x, base = LEFT + slot * n + slot * 0.15, float(TOP + plot_h)
        for severity in reversed(SEVERITIES):  # low at the bottom, critical on top
            value = counts.get(severity, 0)
            h = plot_h * value / top
            if value:
                tip = f"{label}: {value} {severity}"
                body.append(
                    _rect(x, base - h, slot * 0.7, h, fill=SEVERITY_COLOURS[severity], tip=tip)
                )
            base -= h
        if len(reports) <= 12 or n % max(len(reports) // 6, 1) == 0:
            body.append(_text(x + slot * 0.35, TOP + plot_h + 16, label, css="tick"))
    body.extend(_legend([(s, SEVERITY_COLOURS[s]) for s in SEVERITIES], HEIGHT - 8))
    if reports:
        desc = "Failed results per report, oldest first: " + "; ".join(
            f"{label}: " + ", ".join(f"{counts.get(s, 0)} {s}" for s in SEVERITIES)
            for label, counts in reports
        )
    else:
        desc = "No reports yet."
    return _svg(chart_id, "Failures by severity over time", desc, body)


def _legend(entries: Sequence[tuple[str, str]], y: float) -> list[str]:
    parts, x = [], float(LEFT)
    for label, colour in entries:
        parts.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="10" height="10" fill="{colour}"/>')
        parts.append(_text(x + 14, y, label, anchor="start", css="legend"))
        x += 22 + 7.5 * len(label)
    return parts


def score_trend(series: Mapping[str, Sequence[Point]], chart_id: str = "scores") -> Markup:
    """A line per integration of its reports' scores (0-100), oldest left; a report nothing
    was scored in breaks the line."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM - 20
    length = max((len(points) for points in series.values()), default=0)
    step = plot_w / max(length - 1, 1)
    body = _y_axis(100, plot_h)
    colours = itertools.cycle(SERIES_COLOURS)
    legend = []
    for name, points in series.items():
        colour = next(colours)
        legend.append((name, colour))
        runs: list[list[tuple[float, float]]] = [[]]
        for n, point in enumerate(points):
            if point.value is None:
                runs.append([])
                continue
            x, y = LEFT + step * n, TOP + plot_h - plot_h * point.value / 100
            runs[-1].append((x, y))
            tip = f"{name}, {point.label}: {point.value}/100"
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}">'
                f"<title>{escape(tip)}</title></circle>"
            )
        for run in runs:
            if len(run) > 1:
                coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                body.append(
                    f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"/>'
                )
    body.extend(_legend(legend, HEIGHT - 8))
    if series:
        desc = "Score per report, oldest first: " + "; ".join(
            f"{name}: "
            + ", ".join(
                f"{p.label} {p.value if p.value is not None else 'not scored'}" for p in points
            )
            for name, points in series.items()
        )
    else:
        desc = "No reports yet."
    return _svg(chart_id, "Score trend per integration", desc, body)
