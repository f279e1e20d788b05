"""SSM operations moto lacks, through botocore's Stubber on the real service model."""

from __future__ import annotations

from datetime import UTC, datetime

import boto3

from cloudwarden.aws.credentials import Identity
from tests.conftest import find
from tests.support.stubbed_clients import REGION, discover_stubbed, stubbed

WHEN = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)


def test_patch_baseline_rules(aws: boto3.Session, identity: Identity) -> None:
    with stubbed(aws, "ssm") as ssm:
        ssm.add_response(
            "describe_patch_baselines",
            {
                "BaselineIdentities": [
                    {
                        "BaselineId": "pb-0c10e65780EXAMPLE",
                        "BaselineName": "prod-linux",
                        "OperatingSystem": "AMAZON_LINUX_2023",
                        "DefaultBaseline": True,
                    }
                ]
            },
            {"Filters": [{"Key": "OWNER", "Values": ["Self"]}]},
        )
        ssm.add_response(
            "get_patch_baseline",
            {
                "BaselineId": "pb-0c10e65780EXAMPLE",
                "Name": "prod-linux",
                "OperatingSystem": "AMAZON_LINUX_2023",
                "ApprovalRules": {
                    "PatchRules": [
                        {
                            "PatchFilterGroup": {
                                "PatchFilters": [{"Key": "CLASSIFICATION", "Values": ["Security"]}]
                            },
                            "ComplianceLevel": "CRITICAL",
                            "ApproveAfterDays": 7,
                            "EnableNonSecurity": False,
                        }
                    ]
                },
                "RejectedPatches": ["kernel-6.1.0"],
                "RejectedPatchesAction": "ALLOW_AS_DEPENDENCY",
            },
            {"BaselineId": "pb-0c10e65780EXAMPLE"},
        )
        inventory = discover_stubbed(
            aws, identity, {("ssm", REGION): ssm}, ("aws.ssm.patch_baseline",)
        )
    doc = find(inventory, "aws.ssm.patch_baseline", "pb-0c10e65780EXAMPLE").document()
    assert doc["name"] == "prod-linux"
    assert doc["default_baseline"] is True
    assert doc["rejected_patches_action"] == "ALLOW_AS_DEPENDENCY"
    assert doc["rejected_patches"] == ["kernel-6.1.0"]
    assert doc["approval_rules"] == [
        {
            "approve_after_days": 7,
            "approve_until_date": None,
            "compliance_level": "CRITICAL",
            "enable_non_security": False,
        }
    ]
    assert doc["collection_errors"] == []


def test_managed_instances_and_their_compliance(aws: boto3.Session, identity: Identity) -> None:
    with stubbed(aws, "ssm") as ssm:
        ssm.add_response(
            "describe_instance_information",
            {
                "InstanceInformationList": [
                    {
                        "InstanceId": "i-0123456789abcdef0",
                        "PingStatus": "Online",
                        "LastPingDateTime": WHEN,
                        "AgentVersion": "3.2.582.0",
                        "IsLatestVersion": False,
                        "PlatformType": "Linux",
                        "PlatformName": "Amazon Linux",
                        "ResourceType": "EC2Instance",
                        "ComputerName": "ip-10-0-1-17.ec2.internal",
                    }
                ]
            },
        )
        inventory = discover_stubbed(
            aws,
            identity,
            {("ssm", REGION): ssm},
            ("aws.ssm.managed_instance",),
        )
    with stubbed(aws, "ssm") as ssm:
        ssm.add_response(
            "list_resource_compliance_summaries",
            {
                "ResourceComplianceSummaryItems": [
                    {
                        "ComplianceType": "Patch",
                        "ResourceType": "ManagedInstance",
                        "ResourceId": "i-0123456789abcdef0",
                        "Status": "NON_COMPLIANT",
                        "OverallSeverity": "CRITICAL",
                        "ExecutionSummary": {"ExecutionTime": WHEN, "ExecutionType": "Command"},
                        "CompliantSummary": {"CompliantCount": 40},
                        "NonCompliantSummary": {"NonCompliantCount": 3},
                    }
                ]
            },
        )
        summaries = discover_stubbed(
            aws, identity, {("ssm", REGION): ssm}, ("aws.ssm.compliance_summary",)
        )
    instance = find(inventory, "aws.ssm.managed_instance", "i-0123456789abcdef0").document()
    assert instance["ping_status"] == "Online"
    assert instance["agent_is_latest"] is False
    assert instance["resource_kind"] == "EC2Instance"
    assert instance["name"] == "ip-10-0-1-17.ec2.internal"
    summary = find(summaries, "aws.ssm.compliance_summary", "i-0123456789abcdef0/Patch").document()
    assert summary["status"] == "NON_COMPLIANT"
    assert summary["overall_severity"] == "CRITICAL"
    assert summary["non_compliant_count"] == 3
    assert summary["executed_at"] is not None


def test_public_sharing_setting_and_window_targets(aws: boto3.Session, identity: Identity) -> None:
    with stubbed(aws, "ssm") as ssm:
        ssm.add_response(
            "describe_maintenance_windows",
            {
                "WindowIdentities": [
                    {"WindowId": "mw-0c50858d01EXAMPLE", "Name": "weekly", "Enabled": True}
                ]
            },
        )
        ssm.add_response(
            "get_maintenance_window",
            {
                "WindowId": "mw-0c50858d01EXAMPLE",
                "Name": "weekly",
                "AllowUnassociatedTargets": True,
            },
        )
        inventory = discover_stubbed(
            aws, identity, {("ssm", REGION): ssm}, ("aws.ssm.maintenance_window",)
        )
    window = find(inventory, "aws.ssm.maintenance_window", "mw-0c50858d01EXAMPLE").document()
    assert window["allow_unassociated_targets"] is True
    with stubbed(aws, "ssm") as ssm:
        ssm.add_response(
            "get_service_setting",
            {
                "ServiceSetting": {
                    "SettingId": "/ssm/documents/console/public-sharing-permission",
                    "SettingValue": "Disable",
                    "Status": "Customized",
                }
            },
            {"SettingId": "/ssm/documents/console/public-sharing-permission"},
        )
        ssm.add_client_error(
            "get_document", "InvalidDocument", "The specified document does not exist."
        )
        inventory = discover_stubbed(
            aws, identity, {("ssm", REGION): ssm}, ("aws.ssm.region_settings",)
        )
    settings = find(inventory, "aws.ssm.region_settings", REGION).document()
    assert settings["document_public_sharing"] == "Disable"
    assert settings["session_preferences_configured"] is False
    assert settings["collection_errors"] == []
