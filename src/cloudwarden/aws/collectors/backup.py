"""AWS Backup: vaults (encryption, lock, access policy), backup plans and report plans.

ListBackupVaults answers a vault's encryption key and lock; its access policy needs
GetBackupVaultAccessPolicy (a vault without one answers ResourceNotFoundException). A plan's
rules need GetBackupPlan. ListReportPlans has no botocore paginator: its NextToken is walked here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import next_token_listing
from cloudwarden.aws.collectors.mapping import Map, Tags, default, each, policy, strings
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


@resource_type("aws.backup.vault", "An AWS Backup vault: its KMS key, vault lock and policy.")
class BackupVault(Resource):
    """A backup vault; its id is its name."""

    vault_type: str = Field(
        default="BACKUP_VAULT", description="BACKUP_VAULT or LOGICALLY_AIR_GAPPED_BACKUP_VAULT."
    )
    created_at: datetime | None = Field(default=None, description="When it was created.")
    encryption_key_arn: str | None = Field(
        default=None,
        description="The KMS key encrypting its recovery points (aws/backup's key by default); "
        "null if none is reported.",
    )
    number_of_recovery_points: int | None = Field(
        default=None, description="The recovery points stored in it."
    )
    locked: bool = Field(
        default=False,
        description="Vault Lock is configured: recovery points cannot be deleted before their "
        "minimum retention (compliance mode once the grace time has passed).",
    )
    min_retention_days: int | None = Field(
        default=None, description="The lock's minimum retention, in days; null without a lock."
    )
    max_retention_days: int | None = Field(
        default=None, description="The lock's maximum retention, in days; null without a lock."
    )
    lock_date: datetime | None = Field(
        default=None,
        description="When the lock becomes immutable (compliance mode); null for governance mode.",
    )
    access_policy: dict[str, Any] | None = Field(
        default=None, description="The vault's resource-based access policy, parsed; null if none."
    )


class BackupRule(Document):
    """A rule of a backup plan: when it runs, where it stores, how long it keeps."""

    rule_name: str = Field(description="The rule's name.")
    target_vault_name: str | None = Field(default=None, description="The vault it writes to.")
    schedule_expression: str | None = Field(
        default=None, description="The cron or rate expression, e.g. cron(0 5 * * ? *)."
    )
    delete_after_days: int | None = Field(
        default=None, description="Days recovery points are kept; null means forever."
    )
    move_to_cold_storage_after_days: int | None = Field(
        default=None, description="Days before recovery points move to cold storage."
    )
    continuous_backup: bool = Field(
        default=False, description="Point-in-time (continuous) backups are enabled."
    )
    copy_destination_vault_arns: list[str] = Field(
        default_factory=list,
        description="Vaults (of other regions or accounts) each recovery point is copied to.",
    )


BACKUP_RULE = Map(
    {
        "rule_name": "RuleName",
        "target_vault_name": "TargetBackupVaultName",
        "schedule_expression": "ScheduleExpression",
        "delete_after_days": "Lifecycle.DeleteAfterDays",
        "move_to_cold_storage_after_days": "Lifecycle.MoveToColdStorageAfterDays",
        "continuous_backup": ("EnableContinuousBackup", default(False)),
        "copy_destination_vault_arns": ("CopyActions[].DestinationBackupVaultArn", strings),
    }
)


@resource_type("aws.backup.plan", "An AWS Backup plan and its rules (schedule, retention, copies).")
class BackupPlan(Resource):
    """A backup plan; its id is its plan id and its name the plan name."""

    version_id: str | None = Field(default=None, description="The plan's current version.")
    created_at: datetime | None = Field(default=None, description="When it was created.")
    last_execution_date: datetime | None = Field(
        default=None, description="When a backup job last ran from this plan."
    )
    rules: list[BackupRule] = Field(default_factory=list, description="The plan's rules.")


@resource_type("aws.backup.report_plan", "An AWS Backup Audit Manager report plan.")
class ReportPlan(Resource):
    """A report plan (backup job, copy job, restore job or compliance reports)."""

    report_template: str | None = Field(
        default=None,
        description="BACKUP_JOB_REPORT, COPY_JOB_REPORT, RESTORE_JOB_REPORT, "
        "RESOURCE_COMPLIANCE_REPORT or CONTROL_COMPLIANCE_REPORT.",
    )
    s3_bucket_name: str | None = Field(default=None, description="The bucket reports go to.")
    deployment_status: str | None = Field(
        default=None,
        description="CREATE_IN_PROGRESS, UPDATE_IN_PROGRESS, DELETE_IN_PROGRESS or COMPLETED.",
    )
    created_at: datetime | None = Field(default=None, description="When it was created.")
    last_successful_execution_time: datetime | None = Field(
        default=None, description="When a report was last delivered."
    )


_VAULT = Map(
    {
        "vault_type": ("VaultType", default("BACKUP_VAULT")),
        "created_at": "CreationDate",
        "encryption_key_arn": "EncryptionKeyArn",
        "number_of_recovery_points": "NumberOfRecoveryPoints",
        "locked": ("Locked", default(False)),
        "min_retention_days": "MinRetentionDays",
        "max_retention_days": "MaxRetentionDays",
        "lock_date": "LockDate",
    }
)

_REPORT_PLAN = Map(
    {
        "report_template": "ReportSetting.ReportTemplate",
        "s3_bucket_name": "ReportDeliveryChannel.S3BucketName",
        "deployment_status": "DeploymentStatus",
        "created_at": "CreationTime",
        "last_successful_execution_time": "LastSuccessfulExecutionTime",
    }
)


def _vault(item: Any, ctx: RegionContext) -> Doc:
    name = item["BackupVaultName"]
    return {"id": name, "name": name, "arn": item.get("BackupVaultArn"), **_VAULT.read(item)}


def _plan(item: Any, ctx: RegionContext) -> Doc:
    return {
        "id": item["BackupPlanId"],
        "name": item.get("BackupPlanName"),
        "arn": item.get("BackupPlanArn"),
        "version_id": item.get("VersionId"),
        "created_at": item.get("CreationDate"),
        "last_execution_date": item.get("LastExecutionDate"),
    }


def _report_plan(item: Any, ctx: RegionContext) -> Doc:
    name = item["ReportPlanName"]
    return {"id": name, "name": name, "arn": item.get("ReportPlanArn"), **_REPORT_PLAN.read(item)}


TAGS = Detail(
    Call("ListTags", lambda doc: {"ResourceArn": doc["arn"]}),
    Tags(key=None),
    when=lambda doc: bool(doc.get("arn")),
)

collectors.register(
    listed(
        BackupVault,
        "backup",
        "ListBackupVaults",
        "BackupVaultList",
        _vault,
        Detail(
            Call("GetBackupVaultAccessPolicy", lambda doc: {"BackupVaultName": doc["id"]}),
            Map({"access_policy": ("Policy", policy)}),
            absent={"ResourceNotFoundException": {}},
        ),
        TAGS,
    ),
    listed(
        BackupPlan,
        "backup",
        "ListBackupPlans",
        "BackupPlansList",
        _plan,
        Detail(
            Call("GetBackupPlan", lambda doc: {"BackupPlanId": doc["id"]}),
            Map({"rules": ("BackupPlan.Rules", each(BACKUP_RULE))}),
        ),
        TAGS,
    ),
    ResourceSpec(
        model=ReportPlan,
        service="backup",
        list=Call("ListReportPlans", fetch=next_token_listing("list_report_plans", "ReportPlans")),
        items="ReportPlans",
        normalize=_report_plan,
    ),
)
