"""Route 53: public zones with and without query logging, a private zone, health checks, domains.

moto cannot sign a zone with DNSSEC, remove a private zone's last VPC or unlock a domain's
transfer lock, so those failing cases exist only in the check fixtures.
"""

from __future__ import annotations

from typing import Any

from cloudwarden.demo.seed import SeedContext

LOGGED_ZONE = "cw-demo.example.com."
UNLOGGED_ZONE = "cw-demo-legacy.example.net."
PRIVATE_ZONE = "cw-demo.internal."
QUERY_LOG_GROUP = "/aws/route53/cw-demo.example.com"
HTTPS_CHECK = "shop.cw-demo.example.com"
HTTP_CHECK = "legacy.cw-demo.example.net"
SECURE_DOMAIN = "cw-demo-secure.com"
LEGACY_DOMAIN = "cw-demo-legacy.com"


def _contact() -> dict[str, str]:
    return {
        "FirstName": "Demo",
        "LastName": "Owner",
        "ContactType": "COMPANY",
        "OrganizationName": "Cloudwarden Demo",
        "AddressLine1": "1 Example Street",
        "City": "Seattle",
        "State": "WA",
        "CountryCode": "US",
        "ZipCode": "98101",
        "PhoneNumber": "+1.2065550100",
        "Email": "hostmaster@cw-demo.example.com",
    }


def _register(ctx: SeedContext, domain: str, *, auto_renew: bool, admin_privacy: bool) -> None:
    contact: dict[str, Any] = _contact()
    ctx.client("route53domains", "us-east-1").register_domain(
        DomainName=domain,
        DurationInYears=2,
        AutoRenew=auto_renew,
        AdminContact=contact,
        RegistrantContact=contact,
        TechContact=contact,
        PrivacyProtectAdminContact=admin_privacy,
        PrivacyProtectRegistrantContact=True,
        PrivacyProtectTechContact=True,
    )


def seed(ctx: SeedContext) -> None:
    route53 = ctx.client("route53", "us-east-1")
    logged = route53.create_hosted_zone(
        Name=LOGGED_ZONE,
        CallerReference=LOGGED_ZONE,
        HostedZoneConfig={"Comment": "storefront", "PrivateZone": False},
    )["HostedZone"]["Id"]
    route53.create_hosted_zone(
        Name=UNLOGGED_ZONE,
        CallerReference=UNLOGGED_ZONE,
        HostedZoneConfig={"Comment": "old marketing site", "PrivateZone": False},
    )
    vpc_id = ctx.client("ec2", ctx.home).create_vpc(CidrBlock="10.53.0.0/16")["Vpc"]["VpcId"]
    route53.create_hosted_zone(
        Name=PRIVATE_ZONE,
        CallerReference=PRIVATE_ZONE,
        HostedZoneConfig={"Comment": "service discovery", "PrivateZone": True},
        VPC={"VPCRegion": ctx.home, "VPCId": vpc_id},
    )
    route53.change_tags_for_resource(
        ResourceType="hostedzone",
        ResourceId=logged.rsplit("/", 1)[-1],
        AddTags=[{"Key": "owner", "Value": "web"}],
    )
    # Query logs must go to a log group in us-east-1.
    ctx.client("logs", "us-east-1").create_log_group(logGroupName=QUERY_LOG_GROUP)
    route53.create_query_logging_config(
        HostedZoneId=logged,
        CloudWatchLogsLogGroupArn=(
            f"arn:aws:logs:us-east-1:{ctx.account_id}:log-group:{QUERY_LOG_GROUP}:*"
        ),
    )

    for fqdn, check_type, disabled in (
        (HTTPS_CHECK, "HTTPS", False),
        (HTTP_CHECK, "HTTP", True),
    ):
        route53.create_health_check(
            CallerReference=fqdn,
            HealthCheckConfig={
                "Type": check_type,
                "FullyQualifiedDomainName": fqdn,
                "Port": 443 if check_type == "HTTPS" else 80,
                "ResourcePath": "/health",
                "Disabled": disabled,
                "EnableSNI": check_type == "HTTPS",
            },
        )

    _register(ctx, SECURE_DOMAIN, auto_renew=True, admin_privacy=True)
    _register(ctx, LEGACY_DOMAIN, auto_renew=False, admin_privacy=False)
