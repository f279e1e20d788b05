"""The report as SARIF 2.1.0: one run, a rule per check that has results, a result per failure.

AWS resources are not files, so each result has a logical location (the ARN, or
``type:region:id``) and no physical one. What could not be collected is reported as tool
execution notifications of the run's invocation: SARIF's place for "the tool could not look".
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import cloudwarden
from cloudwarden.policy.model import Check, Severity
from cloudwarden.policy.results import Status
from cloudwarden.report.formats.common import (
    TOOL_NAME,
    finding_uid,
    group_by_check,
    remediation_steps,
    resource_uid,
    utc,
)
from cloudwarden.report.model import Report, ReportResult

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
VERSION = "2.1.0"
LEVELS = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
}
FINGERPRINT = "cloudwardenFinding/v1"


def render(report: Report, checks: Mapping[str, Check]) -> str:
    groups = group_by_check(report.results)
    rule_ids = sorted(groups)
    index = {rule_id: position for position, rule_id in enumerate(rule_ids)}
    document = {
        "$schema": SCHEMA,
        "version": VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": cloudwarden.__version__,
                        "rules": [
                            _rule(groups[rule_id][0], checks.get(rule_id), groups[rule_id])
                            for rule_id in rule_ids
                        ],
                    }
                },
                "invocations": [_invocation(report)],
                "results": [
                    _result(report, result, index[result.check_id])
                    for result in report.results
                    if result.status is Status.FAIL
                ],
                "properties": {
                    "accountId": report.account_id,
                    "partition": report.partition,
                    "regions": report.regions,
                    "score": report.score,
                    "grade": report.grade,
                },
            }
        ],
    }
    return json.dumps(document, indent=2)


def rule_name(check_id: str) -> str:
    """``aws-s3-bucket-versioning`` -> ``AwsS3BucketVersioning``: SARIF names are identifiers."""
    return "".join(part.capitalize() for part in re.split(r"[^a-zA-Z0-9]+", check_id) if part)


def security_severity(impact: int) -> str:
    """Impact 0-100 as the 0.0-10.0 string GitHub code scanning reads."""
    return f"{impact / 10:.1f}"


def _rule(first: ReportResult, check: Check | None, results: list[ReportResult]) -> dict[str, Any]:
    description = check.docs.description if check else first.title
    help_lines = [description]
    if check:
        help_lines += ["", f"Risk: {check.docs.risk}"]
    for label, text in remediation_steps(check):
        help_lines += ["", f"Remediation ({label}):", text]
    controls = sorted({control for result in results for control in result.controls})
    rule: dict[str, Any] = {
        "id": first.check_id,
        "name": rule_name(first.check_id),
        "shortDescription": {"text": first.title},
        "fullDescription": {"text": description},
        "help": {"text": "\n".join(help_lines)},
        "defaultConfiguration": {"level": LEVELS[first.severity]},
        "properties": {
            "security-severity": security_severity(first.impact),
            "severity": first.severity.value,
            "tags": ["security", first.severity.value, first.resource_type, *controls],
        },
    }
    if check and check.docs.references:
        rule["helpUri"] = check.docs.references[0]
    return rule


def _result(report: Report, result: ReportResult, rule_index: int) -> dict[str, Any]:
    uid = resource_uid(result)
    message = f"{result.title}: {uid} fails"
    if result.reason:
        message += f" ({result.reason})"
    return {
        "ruleId": result.check_id,
        "ruleIndex": rule_index,
        "level": LEVELS[result.severity],
        "message": {"text": message},
        "locations": [
            {
                "logicalLocations": [
                    {
                        "name": result.resource_id,
                        "fullyQualifiedName": uid,
                        "kind": "resource",
                    }
                ]
            }
        ],
        "partialFingerprints": {FINGERPRINT: finding_uid(report.account_id, result)},
        "properties": {
            "resourceType": result.resource_type,
            "region": result.region,
            "severity": result.severity.value,
            "impact": result.impact,
            "controls": result.controls,
        },
    }


def _invocation(report: Report) -> dict[str, Any]:
    notifications = [
        {
            "level": "warning",
            "message": {
                "text": f"{error.service}:{error.operation} failed for {error.resource_type} "
                f"in {error.region}"
                + (f" ({error.resource_id})" if error.resource_id else "")
                + f": {error.kind.value} {error.code}: {error.message}"
            },
            "descriptor": {"id": error.kind.value},
        }
        for error in report.collection_errors
    ]
    return {
        "executionSuccessful": report.complete,
        "endTimeUtc": utc(report.generated_at).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "toolExecutionNotifications": notifications,
    }
