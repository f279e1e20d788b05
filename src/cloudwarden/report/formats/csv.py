"""The report as CSV: one row per result, for spreadsheets and quick filtering.

Resource names and reasons come from the scanned account, so control characters (an escape
sequence would act on the terminal that shows the file) are written as ``\\xNN`` (tab and
newline stay: a quoted cell holds them as text), and a cell
that a spreadsheet would run as a formula (starting with ``= + - @``) is prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping

from cloudwarden.policy.model import Check
from cloudwarden.report.model import Report

FORMULA_STARTS = ("=", "+", "-", "@")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters but tab and newline, which a quoted CSV cell holds as text."""

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
    """The value with its control characters made visible, and defused if a spreadsheet would
    take it for a formula."""
    if not isinstance(value, str):
        return value
    text = CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
