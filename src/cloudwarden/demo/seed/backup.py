"""AWS Backup: a vault locked and encrypted with the demo KMS key, a vault created without a key
and without a lock, a disaster-recovery vault in the second region, a daily plan keeping 35 days
and copying to that vault, a short-lived plan that copies nowhere, and a backup-jobs report plan.

moto notes: a vault created without a key reports none (AWS uses the aws/backup key), and vault
access policies cannot be set or read (GetBackupVaultAccessPolicy answers 404 "Not yet
implemented").
"""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.kms import ensure_data_key

LOCKED_VAULT = "cw-demo-locked-vault"
PLAIN_VAULT = "cw-demo-plain-vault"
DR_VAULT = "cw-demo-dr-vault"
DAILY_PLAN = "cw-demo-daily-plan"
SHORT_PLAN = "cw-demo-scratch-plan"
REPORT_PLAN = "cw_demo_backup_jobs"
REPORT_BUCKET = "cw-demo-backup-reports"
LOCK_MIN_DAYS = 7
LOCK_MAX_DAYS = 365
DAILY_RETENTION_DAYS = 35
SHORT_RETENTION_DAYS = 3
TAGS = {"owner": "platform"}


def _dr_vault_arn(ctx: SeedContext) -> str | None:
    if len(ctx.regions) < 2:
        return None
    region = ctx.regions[1]
    vault = ctx.client("backup", region).create_backup_vault(BackupVaultName=DR_VAULT)
    return str(vault["BackupVaultArn"])


def seed(ctx: SeedContext) -> None:
    backup = ctx.client("backup", ctx.home)
    backup.create_backup_vault(
        BackupVaultName=LOCKED_VAULT, EncryptionKeyArn=ensure_data_key(ctx), BackupVaultTags=TAGS
    )
    backup.put_backup_vault_lock_configuration(
        BackupVaultName=LOCKED_VAULT,
        MinRetentionDays=LOCK_MIN_DAYS,
        MaxRetentionDays=LOCK_MAX_DAYS,
        ChangeableForDays=3,
    )
    backup.create_backup_vault(BackupVaultName=PLAIN_VAULT)
    dr_vault = _dr_vault_arn(ctx)
    copies = [{"DestinationBackupVaultArn": dr_vault}] if dr_vault else []
    backup.create_backup_plan(
        BackupPlan={
            "BackupPlanName": DAILY_PLAN,
            "Rules": [
                {
                    "RuleName": "daily",
                    "TargetBackupVaultName": LOCKED_VAULT,
                    "ScheduleExpression": "cron(0 5 * * ? *)",
                    "Lifecycle": {"DeleteAfterDays": DAILY_RETENTION_DAYS},
                    "CopyActions": copies,
                }
            ],
        },
        BackupPlanTags=TAGS,
    )
    backup.create_backup_plan(
        BackupPlan={
            "BackupPlanName": SHORT_PLAN,
            "Rules": [
                {
                    "RuleName": "hourly-scratch",
                    "TargetBackupVaultName": PLAIN_VAULT,
                    "ScheduleExpression": "rate(1 hour)",
                    "Lifecycle": {"DeleteAfterDays": SHORT_RETENTION_DAYS},
                }
            ],
        }
    )
    backup.create_report_plan(
        ReportPlanName=REPORT_PLAN,
        ReportDeliveryChannel={"S3BucketName": REPORT_BUCKET, "Formats": ["CSV"]},
        ReportSetting={"ReportTemplate": "BACKUP_JOB_REPORT"},
    )
