"""SSM patching and fleet state: custom patch baselines, maintenance windows, managed instances
and the compliance summaries (patch, association) Systems Manager keeps per resource.

moto implements none of GetPatchBaseline, DescribeInstanceInformation or
ListResourceComplianceSummaries: see ``docs/moto-gaps.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, each, required, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class ApprovalRule(Document):
    """One auto-approval rule of a patch baseline."""

    approve_after_days: int | None = Field(
        default=None,
        description="Days after release a matching patch is approved; null if the "
        "rule approves by date instead.",
    )
    approve_until_date: str | None = Field(
        default=None, description="Patches released up to this date (YYYY-MM-DD) are approved."
    )
    compliance_level: str | None = Field(
        default=None,
        description="Severity of a missing approved patch: CRITICAL, HIGH, MEDIUM, LOW, "
        "INFORMATIONAL or UNSPECIFIED.",
    )
    enable_non_security: bool | None = Field(
        default=None, description="Linux: non-security updates are approved too."
    )


@resource_type("aws.ssm.patch_baseline", "A custom (account-owned) SSM patch baseline.")
class PatchBaseline(Resource):
    """A patch baseline the account created; the id is its baseline id."""

    operating_system: str | None = Field(
        default=None, description="WINDOWS, AMAZON_LINUX_2023, UBUNTU, REDHAT_ENTERPRISE_LINUX..."
    )
    default_baseline: bool | None = Field(
        default=None, description="It is the default baseline for its operating system."
    )
    rejected_patches_action: str | None = Field(
        default=None,
        description="ALLOW_AS_DEPENDENCY (a rejected patch may still be installed as a "
        "dependency) or BLOCK (never installed).",
    )
    rejected_patches: list[str] = Field(
        default_factory=list, description="Patches the baseline rejects explicitly."
    )
    approval_rules: list[ApprovalRule] = Field(
        default_factory=list, description="The auto-approval rules; empty if none."
    )


@resource_type("aws.ssm.maintenance_window", "An SSM maintenance window.")
class MaintenanceWindow(Resource):
    """A maintenance window; the id is its window id."""

    enabled: bool | None = Field(default=None, description="The window is enabled.")
    schedule: str | None = Field(default=None, description="cron() or rate() expression.")
    duration_hours: int | None = Field(default=None, description="Length of the window.")
    allow_unassociated_targets: bool | None = Field(
        default=None,
        description="Tasks may run on instances that were not registered as targets.",
    )


@resource_type("aws.ssm.managed_instance", "A node managed by Systems Manager (EC2 or hybrid).")
class ManagedInstance(Resource):
    """A managed node; the id is its instance id (i-... or mi-...)."""

    ping_status: str | None = Field(default=None, description="Online, ConnectionLost or Inactive.")
    agent_version: str | None = Field(default=None, description="The SSM Agent version.")
    agent_is_latest: bool | None = Field(
        default=None, description="The SSM Agent is the latest version for its platform."
    )
    platform_type: str | None = Field(default=None, description="Windows, Linux or MacOS.")
    platform_name: str | None = Field(default=None, description="e.g. Amazon Linux.")
    resource_kind: str | None = Field(
        default=None, description="EC2Instance or ManagedInstance (hybrid activation)."
    )
    last_ping_at: datetime | None = Field(default=None, description="When the agent last reported.")


@resource_type(
    "aws.ssm.compliance_summary",
    "Systems Manager's compliance of one resource for one compliance type (Patch, Association).",
)
class ComplianceSummary(Resource):
    """Compliance of one resource for one type; the id is '<resource id>/<compliance type>'."""

    resource_id: str = Field(description="The resource (an instance id for managed nodes).")
    resource_kind: str | None = Field(
        default=None, description="The resource's type, e.g. ManagedInstance."
    )
    compliance_type: str = Field(description="Patch, Association or Custom:<name>.")
    status: str | None = Field(default=None, description="COMPLIANT or NON_COMPLIANT.")
    overall_severity: str | None = Field(
        default=None,
        description="Highest severity among non-compliant items: CRITICAL, HIGH, MEDIUM, LOW, "
        "INFORMATIONAL or UNSPECIFIED.",
    )
    non_compliant_count: int | None = Field(
        default=None, description="Non-compliant items (e.g. missing patches)."
    )
    executed_at: datetime | None = Field(
        default=None, description="When compliance was last evaluated."
    )


RULE = Map(
    {
        "approve_after_days": "ApproveAfterDays",
        "approve_until_date": "ApproveUntilDate",
        "compliance_level": "ComplianceLevel",
        "enable_non_security": "EnableNonSecurity",
    }
)


BASELINE = Map(
    {
        "id": ("BaselineId", required),
        "name": "BaselineName",
        "operating_system": "OperatingSystem",
        "default_baseline": "DefaultBaseline",
    }
)
WINDOW = Map(
    {
        "id": ("WindowId", required),
        "name": "Name",
        "enabled": "Enabled",
        "schedule": "Schedule",
        "duration_hours": "Duration",
    }
)
INSTANCE = Map(
    {
        "id": ("InstanceId", required),
        "name": "ComputerName || InstanceId",
        "ping_status": "PingStatus",
        "agent_version": "AgentVersion",
        "agent_is_latest": "IsLatestVersion",
        "platform_type": "PlatformType",
        "platform_name": "PlatformName",
        "resource_kind": "ResourceType",
        "last_ping_at": "LastPingDateTime",
    }
)
SUMMARY = Map(
    {
        "resource_id": ("ResourceId", required),
        "resource_kind": "ResourceType",
        "compliance_type": ("ComplianceType", required),
        "status": "Status",
        "overall_severity": "OverallSeverity",
        "non_compliant_count": "NonCompliantSummary.NonCompliantCount",
        "executed_at": "ExecutionSummary.ExecutionTime",
    }
)
"""Listed items -> document fields, per type."""


def _mapped(fields: Map) -> Callable[[Any, RegionContext], Doc]:
    def normalize(item: Any, _ctx: RegionContext) -> Doc:
        return fields.read(item)

    return normalize


def _summary(item: Any, _ctx: RegionContext) -> Doc:
    doc = SUMMARY.read(item)
    kind, resource_id = doc["compliance_type"], doc["resource_id"]
    return {"id": f"{resource_id}/{kind}", "name": f"{kind} compliance of {resource_id}", **doc}


collectors.register(
    ResourceSpec(
        model=PatchBaseline,
        service="ssm",
        list=Call(
            "DescribePatchBaselines",
            lambda _doc: {"Filters": [{"Key": "OWNER", "Values": ["Self"]}]},
        ),
        items="BaselineIdentities",
        normalize=_mapped(BASELINE),
        details=(
            Detail(
                Call("GetPatchBaseline", lambda doc: {"BaselineId": doc["id"]}),
                Map(
                    {
                        "rejected_patches_action": ("RejectedPatchesAction", required),
                        "rejected_patches": ("RejectedPatches", strings),
                        "approval_rules": ("ApprovalRules.PatchRules", each(RULE)),
                    }
                ),
            ),
        ),
    )
)

collectors.register(
    listed(
        MaintenanceWindow,
        "ssm",
        "DescribeMaintenanceWindows",
        "WindowIdentities",
        _mapped(WINDOW),
        Detail(
            Call("GetMaintenanceWindow", lambda doc: {"WindowId": doc["id"]}),
            # Always in AWS's answer; a response without it is not a "false".
            Map({"allow_unassociated_targets": ("AllowUnassociatedTargets", required)}),
        ),
    )
)

collectors.register(
    listed(
        ManagedInstance,
        "ssm",
        "DescribeInstanceInformation",
        "InstanceInformationList",
        _mapped(INSTANCE),
    )
)

collectors.register(
    listed(
        ComplianceSummary,
        "ssm",
        "ListResourceComplianceSummaries",
        "ResourceComplianceSummaryItems",
        _summary,
    )
)
