"""The report as CSV: one row per result, for spreadsheets and quick filtering.

Resource names and reasons come from the scanned account, so a cell that a spreadsheet would run
as a formula (starting with ``= + - @``, tab or carriage return) is prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from cloudwarden.policy.model import Check
from cloudwarden.report.model import Report

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = (
    "check_id",
    "title",
    "status",
    "severity",
    "impact",
    "resource_type",
    "resource_id",
    "resource_arn",
    "region",
    "reason",
    "controls",
)


def render(report: Report, checks: Mapping[str, Check]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for result in report.results:
        writer.writerow(
            _cell(value)
            for value in (
                result.check_id,
                result.title,
                result.status.value,
                result.severity.value,
                result.impact,
                result.resource_type,
                result.resource_id,
                result.resource_arn or "",
                result.region,
                result.reason,
                ";".join(result.controls),
            )
        )
    return buffer.getvalue()


def _cell(value: str | int) -> str | int:
    """The value, defused if a spreadsheet would take it for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
