"""Systems Manager: a publicly shared and a privately shared document, Session Manager
preferences that log encrypted (home region) and that log nothing (second region), parameters
with secret-like names stored well and badly, patch baselines and maintenance windows.

moto stores patch baselines and maintenance windows but answers neither GetPatchBaseline nor the
window's AllowUnassociatedTargets, so their checks report ``error`` on the demo account.
"""

from __future__ import annotations

import json

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.kms import ensure_data_key

PUBLIC_DOCUMENT = "cw-demo-public-runbook"
PRIVATE_DOCUMENT = "cw-demo-team-runbook"
PARTNER_ACCOUNT = "210987654321"
SESSION_PREFERENCES = "SSM-SessionManagerRunShell"
SESSION_BUCKET = "cw-demo-session-logs"
SESSION_LOG_GROUP = "/cw-demo/session-manager"
SESSION_IDLE_MINUTES = 15
PLAIN_PASSWORD = "/cw-demo/db/password"  # noqa: S105 - a parameter name
SECURE_TOKEN_CMK = "/cw-demo/api/token"  # noqa: S105 - a parameter name
SECURE_KEY_DEFAULT = "/cw-demo/app/secret-key"
PLAIN_SETTING = "/cw-demo/app/log-level"
STRICT_BASELINE = "cw-demo-strict-baseline"
LAX_BASELINE = "cw-demo-lax-baseline"
OPEN_WINDOW = "cw-demo-open-window"
TARGETED_WINDOW = "cw-demo-targeted-window"

_RUNBOOK = {
    "schemaVersion": "2.2",
    "description": "Restart the application service",
    "mainSteps": [
        {
            "action": "aws:runShellScript",
            "name": "restart",
            "inputs": {"runCommand": ["systemctl restart app"]},
        }
    ],
}


def _session_preferences(**inputs: object) -> str:
    return json.dumps(
        {
            "schemaVersion": "1.0",
            "description": "Session Manager preferences",
            "sessionType": "Standard_Stream",
            "inputs": inputs,
        }
    )


def _documents(ctx: SeedContext) -> None:
    ssm = ctx.client("ssm", ctx.home)
    for name in (PUBLIC_DOCUMENT, PRIVATE_DOCUMENT):
        ssm.create_document(
            Name=name,
            Content=json.dumps(_RUNBOOK),
            DocumentType="Command",
            DocumentFormat="JSON",
            Tags=[{"Key": "owner", "Value": "platform"}],
        )
    ssm.modify_document_permission(
        Name=PUBLIC_DOCUMENT, PermissionType="Share", AccountIdsToAdd=["all"]
    )
    ssm.modify_document_permission(
        Name=PRIVATE_DOCUMENT, PermissionType="Share", AccountIdsToAdd=[PARTNER_ACCOUNT]
    )


def _sessions(ctx: SeedContext, key_arn: str) -> None:
    ctx.client("ssm", ctx.home).create_document(
        Name=SESSION_PREFERENCES,
        DocumentType="Session",
        DocumentFormat="JSON",
        Content=_session_preferences(
            s3BucketName=SESSION_BUCKET,
            s3EncryptionEnabled=True,
            cloudWatchLogGroupName=SESSION_LOG_GROUP,
            cloudWatchEncryptionEnabled=True,
            kmsKeyId=key_arn,
            idleSessionTimeout=str(SESSION_IDLE_MINUTES),
            runAsEnabled=True,
            runAsDefaultUser="app-operator",
        ),
    )
    if len(ctx.regions) > 1:
        # Preferences saved with the console's defaults: no logging, no KMS, 60 minutes idle.
        ctx.client("ssm", ctx.regions[1]).create_document(
            Name=SESSION_PREFERENCES,
            DocumentType="Session",
            DocumentFormat="JSON",
            Content=_session_preferences(
                s3BucketName="",
                cloudWatchLogGroupName="",
                kmsKeyId="",
                idleSessionTimeout="60",
                runAsEnabled=False,
            ),
        )


def _parameters(ctx: SeedContext, key_arn: str) -> None:
    ssm = ctx.client("ssm", ctx.home)
    ssm.put_parameter(Name=PLAIN_PASSWORD, Value="cw-demo-plain-7f3a", Type="String")
    ssm.put_parameter(
        Name=SECURE_TOKEN_CMK, Value="cw-demo-token-2c8e", Type="SecureString", KeyId=key_arn
    )
    ssm.put_parameter(Name=SECURE_KEY_DEFAULT, Value="cw-demo-key-5d1b", Type="SecureString")
    ssm.put_parameter(Name=PLAIN_SETTING, Value="info", Type="String")


def _patching(ctx: SeedContext) -> None:
    ssm = ctx.client("ssm", ctx.home)

    def rule(days: int) -> dict[str, object]:
        return {
            "PatchFilterGroup": {
                "PatchFilters": [{"Key": "CLASSIFICATION", "Values": ["Security", "Bugfix"]}]
            },
            "ApproveAfterDays": days,
            "ComplianceLevel": "CRITICAL",
        }

    ssm.create_patch_baseline(
        Name=STRICT_BASELINE,
        OperatingSystem="AMAZON_LINUX_2023",
        ApprovalRules={"PatchRules": [rule(7)]},
        RejectedPatchesAction="BLOCK",
    )
    ssm.create_patch_baseline(
        Name=LAX_BASELINE,
        OperatingSystem="AMAZON_LINUX_2023",
        ApprovalRules={"PatchRules": [rule(60)]},
        RejectedPatches=["kernel-5.10.0"],
        RejectedPatchesAction="ALLOW_AS_DEPENDENCY",
    )
    for name, unassociated in ((OPEN_WINDOW, True), (TARGETED_WINDOW, False)):
        ssm.create_maintenance_window(
            Name=name,
            Schedule="cron(0 2 ? * SUN *)",
            Duration=3,
            Cutoff=1,
            AllowUnassociatedTargets=unassociated,
        )


def seed(ctx: SeedContext) -> None:
    key_arn = ensure_data_key(ctx)
    _documents(ctx)
    _sessions(ctx, key_arn)
    _parameters(ctx, key_arn)
    _patching(ctx)
