"""The report as JUnit XML, for CI systems: a test suite per check, a test case per result.

A case is named ``resource_id@region`` in the class of its resource type; ``fail`` is a
``<failure>``, ``error`` (data not collected) an ``<error>``, ``skip`` a ``<skipped>``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from xml.etree import ElementTree as ET

from cloudwarden.policy.model import Check
from cloudwarden.policy.results import Status
from cloudwarden.report.formats.common import (
    TOOL_NAME,
    group_by_check,
    remediation_text,
    resource_uid,
    utc,
)
from cloudwarden.report.model import Report, ReportResult

# Characters XML 1.0 cannot carry even escaped (control characters other than tab, LF, CR).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(report: Report, checks: Mapping[str, Check]) -> str:
    root = ET.Element("testsuites", name=f"{TOOL_NAME} {report.account_id}")
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    timestamp = utc(report.generated_at).strftime("%Y-%m-%dT%H:%M:%S")
    for check_id, results in group_by_check(report.results).items():
        suite = _suite(check_id, results, checks.get(check_id), timestamp)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _suite(
    check_id: str, results: list[ReportResult], check: Check | None, timestamp: str
) -> ET.Element:
    first = results[0]
    suite = ET.Element(
        "testsuite",
        name=check_id,
        tests=str(len(results)),
        failures=str(sum(r.status is Status.FAIL for r in results)),
        errors=str(sum(r.status is Status.ERROR for r in results)),
        skipped=str(sum(r.status is Status.SKIP for r in results)),
        timestamp=timestamp,
    )
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("title", first.title),
        ("severity", first.severity.value),
        ("impact", str(first.impact)),
    ):
        ET.SubElement(properties, "property", name=name, value=_text(value))
    fix = remediation_text(check)
    for result in results:
        suite.append(_case(result, fix))
    return suite


def _case(result: ReportResult, fix: str) -> ET.Element:
    case = ET.Element(
        "testcase",
        classname=_text(result.resource_type),
        name=_text(f"{result.resource_id}@{result.region}"),
    )
    if result.status is Status.FAIL:
        failure = ET.SubElement(
            case,
            "failure",
            message=_text(f"{result.title}: {result.reason or 'failed'}"),
            type=result.severity.value,
        )
        details = [f"Resource: {resource_uid(result)}", f"Severity: {result.severity.value}"]
        if fix:
            details += ["", fix]
        failure.text = _text("\n".join(details))
    elif result.status is Status.ERROR:
        error = ET.SubElement(
            case, "error", message=_text(result.reason or "not evaluated"), type="not_collected"
        )
        error.text = _text(f"Resource: {resource_uid(result)}\n{result.reason}")
    elif result.status is Status.SKIP:
        ET.SubElement(case, "skipped", message=_text(result.reason or "not selected by the filter"))
    return case


def _text(value: str) -> str:
    """The value without characters XML cannot hold (ElementTree escapes the rest)."""
    return NOT_XML.sub("\ufffd", value)
