"""ELBv2: a public ALB serving plain HTTP with no protection, an internal HTTPS ALB with every
control on, and a network load balancer with a plain TCP listener in the second region.

The load balancers sit in the default VPC of their region. The HTTPS listener uses a certificate
imported into ACM here (so this seeder does not depend on the ACM one).
"""

from __future__ import annotations

from typing import Any

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed.acm import self_signed_certificate

PUBLIC_ALB = "cw-demo-public-alb"
INTERNAL_ALB = "cw-demo-internal-alb"
EU_NLB = "cw-demo-eu-nlb"
TARGET_GROUP = "cw-demo-web-targets"
LOGS_BUCKET = "cw-demo-alb-logs"
LOGS_PREFIX = "internal-alb"
CERT_DOMAIN = "cw-demo-alb.example.com"
TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06"


def default_network(ec2: Any) -> tuple[str, list[str], list[str]]:
    """The default VPC of a region, two of its subnets (two AZs) and its default group."""
    subnets = ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])
    chosen = sorted(subnets["Subnets"], key=lambda subnet: subnet["AvailabilityZone"])[:2]
    vpc_id = chosen[0]["VpcId"]
    groups = ec2.describe_security_groups(
        Filters=[
            {"Name": "vpc-id", "Values": [vpc_id]},
            {"Name": "group-name", "Values": ["default"]},
        ]
    )
    return (
        vpc_id,
        [subnet["SubnetId"] for subnet in chosen],
        [group["GroupId"] for group in groups["SecurityGroups"]],
    )


def _attributes(values: dict[str, str]) -> list[dict[str, str]]:
    return [{"Key": key, "Value": value} for key, value in values.items()]


def _forward(target_group_arn: str) -> list[dict[str, Any]]:
    return [{"Type": "forward", "TargetGroupArn": target_group_arn}]


def seed(ctx: SeedContext) -> None:
    elb = ctx.client("elbv2", ctx.home)
    vpc_id, subnets, groups = default_network(ctx.client("ec2", ctx.home))
    target_group = elb.create_target_group(
        Name=TARGET_GROUP, Protocol="HTTP", Port=80, VpcId=vpc_id, TargetType="instance"
    )["TargetGroups"][0]["TargetGroupArn"]

    public = elb.create_load_balancer(
        Name=PUBLIC_ALB,
        Subnets=subnets,
        SecurityGroups=groups,
        Scheme="internet-facing",
        Type="application",
        Tags=[{"Key": "owner", "Value": "web"}],
    )["LoadBalancers"][0]["LoadBalancerArn"]
    elb.create_listener(
        LoadBalancerArn=public, Protocol="HTTP", Port=80, DefaultActions=_forward(target_group)
    )

    ctx.client("s3", ctx.home).create_bucket(Bucket=LOGS_BUCKET)
    certificate, key = self_signed_certificate(CERT_DOMAIN, valid_days=365)
    certificate_arn = ctx.client("acm", ctx.home).import_certificate(
        Certificate=certificate, PrivateKey=key
    )["CertificateArn"]
    internal = elb.create_load_balancer(
        Name=INTERNAL_ALB,
        Subnets=subnets,
        SecurityGroups=groups,
        Scheme="internal",
        Type="application",
        Tags=[{"Key": "owner", "Value": "security"}],
    )["LoadBalancers"][0]["LoadBalancerArn"]
    elb.create_listener(
        LoadBalancerArn=internal,
        Protocol="HTTPS",
        Port=443,
        SslPolicy=TLS_POLICY,
        Certificates=[{"CertificateArn": certificate_arn}],
        DefaultActions=_forward(target_group),
    )
    elb.create_listener(
        LoadBalancerArn=internal,
        Protocol="HTTP",
        Port=80,
        DefaultActions=[
            {
                "Type": "redirect",
                "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"},
            }
        ],
    )
    elb.modify_load_balancer_attributes(
        LoadBalancerArn=internal,
        Attributes=_attributes(
            {
                "deletion_protection.enabled": "true",
                "access_logs.s3.enabled": "true",
                "access_logs.s3.bucket": LOGS_BUCKET,
                "access_logs.s3.prefix": LOGS_PREFIX,
                "routing.http.drop_invalid_header_fields.enabled": "true",
                "routing.http.desync_mitigation_mode": "strictest",
            }
        ),
    )

    if len(ctx.regions) > 1:
        region = ctx.regions[1]
        eu_elb = ctx.client("elbv2", region)
        eu_vpc, eu_subnets, _ = default_network(ctx.client("ec2", region))
        eu_targets = eu_elb.create_target_group(
            Name=TARGET_GROUP, Protocol="TCP", Port=80, VpcId=eu_vpc
        )["TargetGroups"][0]["TargetGroupArn"]
        nlb = eu_elb.create_load_balancer(
            Name=EU_NLB, Subnets=eu_subnets, Scheme="internet-facing", Type="network"
        )["LoadBalancers"][0]["LoadBalancerArn"]
        eu_elb.create_listener(
            LoadBalancerArn=nlb, Protocol="TCP", Port=80, DefaultActions=_forward(eu_targets)
        )
