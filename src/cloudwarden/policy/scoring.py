"""Scores and grades: a passed check scores 100, a failed one 100 - impact."""

from __future__ import annotations

from collections.abc import Iterable

from cloudwarden.policy.model import ScoringSystem
from cloudwarden.policy.results import Result, Status

GRADES = (
    (95, "A+"),
    (85, "A"),
    (80, "A-"),
    (75, "B+"),
    (65, "B"),
    (61, "B-"),
    (50, "C+"),
    (40, "C"),
    (31, "C-"),
    (25, "D+"),
    (15, "D"),
    (11, "D-"),
)


def check_score(result: Result) -> int | None:
    """100 for pass, 100 - impact for fail; errors and skips do not score."""
    if result.status is Status.PASS:
        return 100
    if result.status is Status.FAIL:
        return 100 - result.impact
    return None


def score(
    results: Iterable[Result], system: ScoringSystem = ScoringSystem.HIGHEST_IMPACT
) -> int | None:
    """The score of a set of results under a scoring system; None when nothing scored."""
    scored = [(r, s) for r in results if (s := check_score(r)) is not None]
    if not scored:
        return None
    if system is ScoringSystem.HIGHEST_IMPACT:
        return min(s for _, s in scored)
    if system is ScoringSystem.AVERAGE:
        return round(sum(s for _, s in scored) / len(scored))
    weights = [(max(r.impact, 1), s) for r, s in scored]
    return round(sum(w * s for w, s in weights) / sum(w for w, _ in weights))


def grade(value: int | None) -> str:
    """A+ >= 95 ... D- >= 11, F below; '-' when there was nothing to score."""
    if value is None:
        return "-"
    for threshold, letter in GRADES:
        if value >= threshold:
            return letter
    return "F"
