"""CloudWatch alarms on the CIS metric filters the Logs seeder plants.

Unauthorized API calls and root usage alarm to the security-alerts SNS topic (complete CIS 4.1
and 4.3 chains); console sign-in without MFA has an alarm with no action and actions disabled;
IAM policy changes have a metric filter but no alarm at all.
"""

from __future__ import annotations

import logging

from botocore.exceptions import BotoCoreError, ClientError

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed import logs as planted_logs
from cloudwarden.demo.seed import sns as planted_sns

log = logging.getLogger(__name__)

UNAUTHORIZED_ALARM = "cw-demo-unauthorized-api-calls-alarm"
ROOT_USAGE_ALARM = "cw-demo-root-usage-alarm"
CONSOLE_NO_MFA_ALARM = "cw-demo-console-signin-without-mfa-alarm"
"""No actions and actions disabled: an alarm nobody hears."""
PERIOD = 300
TAGS = {"cis": "4.x"}


def seed(ctx: SeedContext) -> None:
    try:
        _seed(ctx)
    except (ClientError, BotoCoreError):  # a seeder must never break the others
        log.exception("the CloudWatch seeder could not plant every alarm")


def _alarm(ctx: SeedContext, name: str, metric: str, actions: list[str], *, enabled: bool) -> None:
    ctx.client("cloudwatch").put_metric_alarm(
        AlarmName=name,
        AlarmDescription=f"CIS: {metric}",
        MetricName=metric,
        Namespace=planted_logs.METRIC_NAMESPACE,
        Statistic="Sum",
        Period=PERIOD,
        EvaluationPeriods=1,
        Threshold=1.0,
        ComparisonOperator="GreaterThanOrEqualToThreshold",
        TreatMissingData="notBreaching",
        ActionsEnabled=enabled,
        AlarmActions=actions,
        Tags=[{"Key": key, "Value": value} for key, value in TAGS.items()],
    )


def _seed(ctx: SeedContext) -> None:
    alerts = planted_sns.topic_arn(ctx, planted_sns.ALERTS_TOPIC)
    _alarm(ctx, UNAUTHORIZED_ALARM, planted_logs.UNAUTHORIZED_API_CALLS, [alerts], enabled=True)
    _alarm(ctx, ROOT_USAGE_ALARM, planted_logs.ROOT_USAGE, [alerts], enabled=True)
    _alarm(ctx, CONSOLE_NO_MFA_ALARM, planted_logs.CONSOLE_WITHOUT_MFA, [], enabled=False)
