"""The read-only IAM policy a scan needs, generated from what the collectors declare."""

from __future__ import annotations

from typing import Any

from cloudwarden.aws.collectors.registry import SpecRegistry
from cloudwarden.aws.collectors.spec import Call

IAM_PREFIXES = {
    "elbv2": "elasticloadbalancing",
    "efs": "elasticfilesystem",
    "elb": "elasticloadbalancing",
    "s3control": "s3",
    "accessanalyzer": "access-analyzer",
    "opensearch": "es",
    "lambda": "lambda",
    "cloudwatch": "cloudwatch",
    "logs": "logs",
    "sesv2": "ses",
    "sso-admin": "sso",
}
"""boto3 client names whose IAM action prefix is not the client name."""

ENGINE_ACTIONS = ("sts:GetCallerIdentity", "ec2:DescribeRegions", "ec2:DescribeAvailabilityZones")
"""Actions the engine itself calls: identity, region list, each region's reachability probe."""


def action(service: str, call: Call) -> str:
    if call.permission:
        return call.permission
    return f"{IAM_PREFIXES.get(service, service)}:{call.operation}"


def required_actions(registry: SpecRegistry) -> list[str]:
    actions = set(ENGINE_ACTIONS)
    for spec in registry:
        for service, call in spec.calls():
            actions.add(action(service, call))
            actions.update(call.extra_permissions)
    return sorted(actions)


def read_only_policy(registry: SpecRegistry) -> dict[str, Any]:
    """An IAM policy document allowing exactly the calls a full scan makes."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "CloudwardenReadOnlyScan",
                "Effect": "Allow",
                "Action": required_actions(registry),
                "Resource": "*",
            }
        ],
    }
