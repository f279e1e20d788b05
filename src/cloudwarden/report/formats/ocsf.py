"""The report as OCSF Detection Findings (class 2004): a JSON array, one finding per failure.

Only ``fail`` results become findings. A finding says "this resource has this problem"; an
``error`` result says "we could not look", which in a SIEM or Security Hub would open a ticket
about a problem nobody has seen. The gaps stay in the JSON, HTML and SARIF formats instead.

A finding's ``finding_info.uid`` is stable across scans (account, check and resource), so a
consumer can update or close the finding it saw last time; ``status_code`` is ``FAIL`` and
``status_id`` is New: reviewing it is the consumer's job.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from py_ocsf_models.events.findings.activity_id import (
    ActivityID,
)
from py_ocsf_models.events.findings.detection_finding import (
    DetectionFinding,
)
from py_ocsf_models.events.findings.detection_finding_type_id import (
    DetectionFindingTypeID,
)
from py_ocsf_models.events.findings.severity_id import SeverityID
from py_ocsf_models.events.findings.status_id import StatusID
from py_ocsf_models.objects.account import Account, TypeID
from py_ocsf_models.objects.cloud import Cloud
from py_ocsf_models.objects.finding_info import (
    FindingInformation,
)
from py_ocsf_models.objects.metadata import Metadata
from py_ocsf_models.objects.product import Product
from py_ocsf_models.objects.remediation import Remediation
from py_ocsf_models.objects.resource_details import (
    ResourceDetails,
)

import cloudwarden
from cloudwarden.policy.model import Check, Severity
from cloudwarden.policy.results import Status
from cloudwarden.report.formats.common import (
    TOOL_NAME,
    finding_uid,
    remediation_text,
    resource_uid,
    utc,
)
from cloudwarden.report.model import Report, ReportResult

SEVERITY_IDS = {
    Severity.CRITICAL: SeverityID.Critical,
    Severity.HIGH: SeverityID.High,
    Severity.MEDIUM: SeverityID.Medium,
    Severity.LOW: SeverityID.Low,
}


def render(report: Report, checks: Mapping[str, Check]) -> str:
    findings = [
        finding(report, result, checks.get(result.check_id))
        for result in report.results
        if result.status is Status.FAIL
    ]
    return json.dumps(findings, indent=2)


def finding(report: Report, result: ReportResult, check: Check | None) -> dict[str, Any]:
    """One failed result as an OCSF Detection Finding, serialised without empty fields."""
    moment = utc(report.generated_at)
    millis = int(moment.timestamp() * 1000)
    severity_id = SEVERITY_IDS[result.severity]
    event = DetectionFinding(
        activity_id=ActivityID.Create,
        activity_name=ActivityID.Create.name,
        type_uid=DetectionFindingTypeID.Create,
        type_name=f"Detection Finding: {ActivityID.Create.name}",
        time=millis,
        time_dt=moment,
        metadata=Metadata(
            event_code=result.check_id,
            product=Product(name=TOOL_NAME, vendor_name=TOOL_NAME, version=cloudwarden.__version__),
            profiles=["cloud"],
        ),
        finding_info=FindingInformation(
            uid=finding_uid(report.account_id, result),
            title=result.title,
            desc=check.docs.description if check else result.title,
            created_time=millis,
            created_time_dt=moment,
        ),
        message=f"{result.title}: {resource_uid(result)}",
        severity_id=severity_id,
        severity=severity_id.name,
        impact_score=result.impact,
        risk_details=check.docs.risk if check else None,
        status_id=StatusID.New,
        status=StatusID.New.name,
        status_code=result.status.value.upper(),
        status_detail=result.reason or None,
        resources=[
            ResourceDetails(
                uid=resource_uid(result),
                name=result.resource_id,
                type=result.resource_type,
                region=result.region,
                cloud_partition=report.partition,
            )
        ],
        cloud=Cloud(
            provider="AWS",
            region=result.region,
            account=Account(
                uid=report.account_id,
                name=report.account_id,
                type=TypeID.AWS_Account.name.replace("_", " "),
                type_id=TypeID.AWS_Account,
            ),
        ),
        remediation=Remediation(
            desc=remediation_text(check) or "See the check's documentation.",
            references=list(check.docs.references) if check and check.docs.references else None,
        ),
        unmapped={"check_id": result.check_id, "controls": result.controls},
    )
    data: dict[str, Any] = event.model_dump(mode="json", exclude_none=True)
    return data
