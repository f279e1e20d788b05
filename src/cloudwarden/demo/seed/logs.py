"""CloudWatch Logs: the CloudTrail log group (retention + KMS) with some CIS 4.x metric filters,
and an application log group with neither retention nor encryption.

Of the CIS 4.x metric filters only four are planted; the others (CloudTrail, S3 policy, Config,
network changes, KMS deletion, Organizations...) are missing on purpose. The CloudWatch seeder
alarms on some of these metrics.
"""

from __future__ import annotations

import logging

from botocore.exceptions import BotoCoreError, ClientError

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.kms import data_key_arn

log = logging.getLogger(__name__)

TRAIL_LOG_GROUP = "cw-demo-cloudtrail"
"""Receives the CloudTrail events of the main trail; 365-day retention, KMS encrypted."""
TRAIL_LOG_GROUP_RETENTION = 365
APP_LOG_GROUP = "cw-demo-app"
"""No retention, no encryption: the badly configured log group."""
METRIC_NAMESPACE = "CISBenchmark"

UNAUTHORIZED_API_CALLS = "cw-demo-unauthorized-api-calls"
ROOT_USAGE = "cw-demo-root-usage"
CONSOLE_WITHOUT_MFA = "cw-demo-console-signin-without-mfa"
IAM_POLICY_CHANGES = "cw-demo-iam-policy-changes"
"""Filter (and metric) names; each filter publishes a metric of the same name."""

PATTERNS = {
    UNAUTHORIZED_API_CALLS: (
        '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") '
        '&& ($.sourceIPAddress != "delivery.logs.amazonaws.com") '
        '&& ($.eventName != "HeadBucket") }'
    ),
    ROOT_USAGE: (
        '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS '
        '&& $.eventType != "AwsServiceEvent" }'
    ),
    CONSOLE_WITHOUT_MFA: (
        '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") '
        '&& ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }'
    ),
    IAM_POLICY_CHANGES: (
        "{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||"
        "($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||"
        "($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||"
        "($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||"
        "($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||"
        "($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||"
        "($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||"
        "($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}"
    ),
}
"""The CIS AWS Foundations 3.0 filter patterns (4.1, 4.3, 4.2, 4.4)."""


def trail_log_group_arn(ctx: SeedContext) -> str:
    """The ARN CloudTrail is configured with (the ':*' form AWS gives)."""
    return f"arn:aws:logs:{ctx.home}:{ctx.account_id}:log-group:{TRAIL_LOG_GROUP}:*"


def ensure_trail_log_group(ctx: SeedContext) -> str:
    """Create the CloudTrail log group if it is not there yet (the CloudTrail seeder runs
    first); returns :func:`trail_log_group_arn`."""
    logs = ctx.client("logs")
    existing = logs.describe_log_groups(logGroupNamePrefix=TRAIL_LOG_GROUP)["logGroups"]
    if not any(group["logGroupName"] == TRAIL_LOG_GROUP for group in existing):
        key = data_key_arn(ctx)
        params = {"kmsKeyId": key} if key else {}
        logs.create_log_group(
            logGroupName=TRAIL_LOG_GROUP, tags={"purpose": "cloudtrail"}, **params
        )
        logs.put_retention_policy(
            logGroupName=TRAIL_LOG_GROUP, retentionInDays=TRAIL_LOG_GROUP_RETENTION
        )
    return trail_log_group_arn(ctx)


def seed(ctx: SeedContext) -> None:
    try:
        _seed(ctx)
    except (ClientError, BotoCoreError):  # a seeder must never break the others
        log.exception("the Logs seeder could not plant everything")


def _seed(ctx: SeedContext) -> None:
    logs = ctx.client("logs")
    ensure_trail_log_group(ctx)
    logs.create_log_group(logGroupName=APP_LOG_GROUP)
    for name, pattern in PATTERNS.items():
        logs.put_metric_filter(
            logGroupName=TRAIL_LOG_GROUP,
            filterName=name,
            filterPattern=pattern,
            metricTransformations=[
                {
                    "metricName": name,
                    "metricNamespace": METRIC_NAMESPACE,
                    "metricValue": "1",
                    "defaultValue": 0.0,
                }
            ],
        )
