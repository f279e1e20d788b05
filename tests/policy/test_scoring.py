from __future__ import annotations

import pytest

from cloudwarden.policy.model import ScoringSystem, Severity
from cloudwarden.policy.results import Result, Status
from cloudwarden.policy.scoring import grade, score


def result(status: Status, impact: int) -> Result:
    return Result(
        check_id="aws-x-y-z",
        status=status,
        severity=Severity.of(impact),
        impact=impact,
        resource_type="aws.s3.bucket",
        resource_id="b",
        region="us-east-1",
    )


RESULTS = [
    result(Status.PASS, 90),
    result(Status.FAIL, 80),
    result(Status.FAIL, 20),
    result(Status.ERROR, 100),
]


def test_highest_impact_is_the_worst_failure():
    assert score(RESULTS) == 20


def test_average_and_weighted():
    assert score(RESULTS, ScoringSystem.AVERAGE) == round((100 + 20 + 80) / 3)
    assert score(RESULTS, ScoringSystem.WEIGHTED) == round((90 * 100 + 80 * 20 + 20 * 80) / 190)


def test_errors_and_skips_do_not_score():
    assert score([result(Status.ERROR, 90), result(Status.SKIP, 90)]) is None


@pytest.mark.parametrize(
    ("value", "letter"),
    [
        (100, "A+"),
        (95, "A+"),
        (94, "A"),
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
        (10, "F"),
        (0, "F"),
        (None, "-"),
    ],
)
def test_grades(value, letter):
    assert grade(value) == letter
