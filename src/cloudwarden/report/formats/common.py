"""What several formats share: how to name a resource, a finding, a severity, a remediation."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime

from cloudwarden.policy.model import Check, Severity
from cloudwarden.report.model import ReportResult

TOOL_NAME = "cloudwarden"

SEVERITY_ORDER = (Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)

REMEDIATION_LABELS = (
    ("console", "Console"),
    ("cli", "AWS CLI"),
    ("cloudformation", "CloudFormation"),
    ("terraform", "Terraform"),
)


def resource_label(result: ReportResult) -> str:
    """``type:region:id``, the name framework views use for a resource."""
    return f"{result.resource_type}:{result.region}:{result.resource_id}"


def resource_uid(result: ReportResult) -> str:
    """The ARN when the resource has one, else ``type:region:id``."""
    return result.resource_arn or resource_label(result)


def finding_uid(account_id: str, result: ReportResult) -> str:
    """Stable across scans for the same check on the same resource, whatever the verdict."""
    key = "|".join(
        (account_id, result.check_id, result.resource_type, result.region, result.resource_id)
    )
    return f"{TOOL_NAME}-{result.check_id}-{hashlib.sha256(key.encode()).hexdigest()[:32]}"


def remediation_steps(check: Check | None) -> list[tuple[str, str]]:
    """(label, text) for each way of fixing the check that its docs give, in a fixed order."""
    if check is None:
        return []
    remediation = check.docs.remediation
    steps = [(label, getattr(remediation, name)) for name, label in REMEDIATION_LABELS]
    return [(label, text.strip()) for label, text in steps if text and text.strip()]


def remediation_text(check: Check | None) -> str:
    """Every remediation of a check as plain text, one titled block per way."""
    return "\n\n".join(f"{label}:\n{text}" for label, text in remediation_steps(check))


def group_by_check(results: Iterable[ReportResult]) -> dict[str, list[ReportResult]]:
    """Results per check id, checks in the order they first appear (the report's impact order)."""
    groups: dict[str, list[ReportResult]] = {}
    for result in results:
        groups.setdefault(result.check_id, []).append(result)
    return groups


def utc(moment: datetime) -> datetime:
    """The moment in UTC; a naive datetime is taken to be UTC already."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
