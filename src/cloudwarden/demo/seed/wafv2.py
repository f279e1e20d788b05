"""AWS WAF: a web ACL with AWS's baseline managed rules, rate limiting and logging; an empty one.

Also :func:`create_web_acl`, which the CloudFront and API Gateway seeders use for the web ACLs
in front of their hardened resources, and a rule group with a rule beside an empty one.
"""

from __future__ import annotations

from typing import Any

from cloudwarden.demo.seed import SeedContext

PROTECTED_ACL = "cw-demo-app-acl"
EMPTY_ACL = "cw-demo-empty-acl"
LOG_GROUP = "aws-waf-logs-cw-demo-app"
"""WAF only logs to log groups whose name starts with aws-waf-logs-."""
RULE_GROUP = "cw-demo-blocked-clients"
EMPTY_RULE_GROUP = "cw-demo-empty-rule-group"
BASELINE_MANAGED_GROUPS = (
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesSQLiRuleSet",
)
"""AWS managed rule groups against the OWASP top risks: XSS and common, known bad inputs, SQLi."""


def _visibility(metric: str, enabled: bool = True) -> dict[str, Any]:
    return {
        "SampledRequestsEnabled": enabled,
        "CloudWatchMetricsEnabled": enabled,
        "MetricName": metric,
    }


def baseline_rules() -> list[dict[str, Any]]:
    """AWS's baseline managed rule groups, then a per-IP rate limit."""
    managed = [
        {
            "Name": group,
            "Priority": priority,
            "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": group}},
            "OverrideAction": {"None": {}},
            "VisibilityConfig": _visibility(group),
        }
        for priority, group in enumerate(BASELINE_MANAGED_GROUPS)
    ]
    rate_limit = {
        "Name": "per-ip-rate-limit",
        "Priority": len(managed),
        "Statement": {"RateBasedStatement": {"Limit": 2000, "AggregateKeyType": "IP"}},
        "Action": {"Block": {}},
        "VisibilityConfig": _visibility("per-ip-rate-limit"),
    }
    return [*managed, rate_limit]


def create_web_acl(
    ctx: SeedContext,
    name: str,
    scope: str = "REGIONAL",
    rules: list[dict[str, Any]] | None = None,
    *,
    metrics: bool = True,
) -> str:
    """A web ACL (CLOUDFRONT ones in us-east-1) with the baseline rules unless told; its ARN."""
    region = "us-east-1" if scope == "CLOUDFRONT" else ctx.home
    arn: str = ctx.client("wafv2", region).create_web_acl(
        Name=name,
        Scope=scope,
        DefaultAction={"Allow": {}},
        VisibilityConfig=_visibility(name, metrics),
        Rules=baseline_rules() if rules is None else rules,
        Tags=[{"Key": "owner", "Value": "security"}],
    )["Summary"]["ARN"]
    return arn


def seed(ctx: SeedContext) -> None:
    wafv2 = ctx.client("wafv2")
    protected = create_web_acl(ctx, PROTECTED_ACL)
    ctx.client("logs").create_log_group(logGroupName=LOG_GROUP)
    wafv2.put_logging_configuration(
        LoggingConfiguration={
            "ResourceArn": protected,
            "LogDestinationConfigs": [
                f"arn:aws:logs:{ctx.home}:{ctx.account_id}:log-group:{LOG_GROUP}"
            ],
        }
    )
    create_web_acl(ctx, EMPTY_ACL, rules=[], metrics=False)

    blocked = wafv2.create_ip_set(
        Name="cw-demo-blocked-ips",
        Scope="REGIONAL",
        IPAddressVersion="IPV4",
        Addresses=["198.51.100.0/24"],
    )["Summary"]["ARN"]
    wafv2.create_rule_group(
        Name=RULE_GROUP,
        Scope="REGIONAL",
        Capacity=10,
        VisibilityConfig=_visibility(RULE_GROUP),
        Rules=[
            {
                "Name": "blocked-ips",
                "Priority": 0,
                "Statement": {"IPSetReferenceStatement": {"ARN": blocked}},
                "Action": {"Block": {}},
                "VisibilityConfig": _visibility("blocked-ips"),
            }
        ],
    )
    wafv2.create_rule_group(
        Name=EMPTY_RULE_GROUP,
        Scope="REGIONAL",
        Capacity=10,
        VisibilityConfig=_visibility(EMPTY_RULE_GROUP, enabled=False),
        Rules=[],
    )
