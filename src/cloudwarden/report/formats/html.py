"""The report as one self-contained HTML page a manager can open: no scripts, no external URLs.

The page is built from a view (plain dataclasses computed here) rendered by Jinja2 with
autoescaping on: every name that comes from the scanned account is escaped.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Generic, TypeVar

from jinja2 import Environment, FunctionLoader, StrictUndefined

import cloudwarden
from cloudwarden.inventory.errors import CollectionError
from cloudwarden.policy.model import Check, Severity
from cloudwarden.policy.results import Status
from cloudwarden.report.formats.common import (
    SEVERITY_ORDER,
    group_by_check,
    remediation_steps,
    resource_label,
    utc,
)
from cloudwarden.report.model import AssetScore, ControlView, FrameworkView, Report, ReportResult

TEMPLATE = "report.html"
MAX_ROWS = 200
"""Longest list (assets, errors, resources of one check) shown before "and N more"."""
MAX_CONTROL_RESOURCES = 10
"""Failing resources listed under one framework control."""


T = TypeVar("T")


@dataclass(frozen=True)
class Capped(Generic[T]):
    """The first items of a long list, and how many were left out."""

    items: list[T]
    more: int = 0

    @classmethod
    def of(cls, items: Sequence[T], limit: int) -> Capped[T]:
        return cls(items=list(items[:limit]), more=max(len(items) - limit, 0))

    @property
    def total(self) -> int:
        return len(self.items) + self.more


@dataclass(frozen=True)
class Bar:
    """One segment of a status bar."""

    label: str
    css: str
    count: int
    percent: float


@dataclass(frozen=True)
class FailingCheck:
    """A failed check with what a reader needs to act: why it matters and how to fix it."""

    check_id: str
    title: str
    severity: Severity
    impact: int
    description: str
    risk: str
    remediation: list[tuple[str, str]]
    references: list[str]
    resources: Capped[ReportResult]


@dataclass(frozen=True)
class ControlRow:
    control: ControlView
    failing: Capped[str]


@dataclass(frozen=True)
class FrameworkSection:
    framework: FrameworkView
    controls: list[ControlRow]


@dataclass(frozen=True)
class View:
    report: Report
    generated: str
    version: str
    bars: list[Bar]
    severities: list[tuple[Severity, int]]
    frameworks: list[FrameworkSection]
    failing: list[FailingCheck]
    errors: Capped[CollectionError]
    error_results: int
    assets: Capped[AssetScore]
    skipped_regions: dict[str, list[str]] = field(default_factory=dict)


def render(report: Report, checks: Mapping[str, Check], *, max_rows: int = MAX_ROWS) -> str:
    template = _environment().get_template(TEMPLATE)
    return template.render(view=_view(report, checks, max_rows))


def grade_css(grade: str) -> str:
    """``grade-a`` ... ``grade-f``, or ``grade-none`` when nothing was scored."""
    letter = grade[:1].lower()
    return f"grade-{letter}" if letter and letter in "abcdf" else "grade-none"


def _view(report: Report, checks: Mapping[str, Check], max_rows: int) -> View:
    skipped: dict[str, list[str]] = defaultdict(list)
    for region, reason in sorted(report.skipped_regions.items()):
        skipped[reason].append(region)
    return View(
        report=report,
        generated=utc(report.generated_at).strftime("%Y-%m-%d %H:%M UTC"),
        version=cloudwarden.__version__,
        bars=_bars(report),
        severities=[(s, report.severity_failures.get(s.value, 0)) for s in SEVERITY_ORDER],
        frameworks=[
            FrameworkSection(
                framework=framework,
                controls=[
                    ControlRow(
                        control=control,
                        failing=Capped.of(control.failing_resources, MAX_CONTROL_RESOURCES),
                    )
                    for control in framework.controls
                ],
            )
            for framework in report.frameworks
        ],
        failing=_failing(report, checks, max_rows),
        errors=Capped.of(report.collection_errors, max_rows),
        error_results=report.counts.error,
        assets=Capped.of(_worst_first(report.assets), max_rows),
        skipped_regions=dict(skipped),
    )


def _bars(report: Report) -> list[Bar]:
    counts = report.counts
    segments = [
        ("Pass", "pass", counts.passed),
        ("Fail", "fail", counts.failed),
        ("Error", "error", counts.error),
        ("Skip", "skip", counts.skip),
    ]
    total = sum(count for _, _, count in segments) or 1
    return [
        Bar(label=label, css=css, count=count, percent=round(100 * count / total, 1))
        for label, css, count in segments
    ]


def _failing(report: Report, checks: Mapping[str, Check], max_rows: int) -> list[FailingCheck]:
    failed = [r for r in report.results if r.status is Status.FAIL]
    groups = []
    for check_id, results in group_by_check(failed).items():
        check = checks.get(check_id)
        first = results[0]
        groups.append(
            FailingCheck(
                check_id=check_id,
                title=first.title,
                severity=first.severity,
                impact=first.impact,
                description=check.docs.description if check else "",
                risk=check.docs.risk if check else "",
                remediation=remediation_steps(check),
                references=list(check.docs.references) if check else [],
                resources=Capped.of(sorted(results, key=resource_label), max_rows),
            )
        )
    groups.sort(key=lambda group: (-group.impact, group.check_id))
    return groups


def _worst_first(assets: list[AssetScore]) -> list[AssetScore]:
    """Lowest score first; assets nothing was scored on ('-') last."""
    return sorted(
        assets,
        key=lambda a: (a.score is None, a.score or 0, a.resource_type, a.resource_id),
    )


def _template_source(name: str) -> str | None:
    source = resources.files("cloudwarden.report.formats").joinpath("templates", name)
    return source.read_text(encoding="utf-8") if source.is_file() else None


@functools.cache
def _environment() -> Environment:
    environment = Environment(
        loader=FunctionLoader(_template_source),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["grade_css"] = grade_css
    return environment
