"""The report as JSON: the model itself, as published in docs/report.schema.json."""

from __future__ import annotations

from collections.abc import Mapping

from cloudwarden.policy.model import Check
from cloudwarden.report.model import Report


def render(report: Report, checks: Mapping[str, Check]) -> str:
    return report.model_dump_json(indent=2, by_alias=True)
