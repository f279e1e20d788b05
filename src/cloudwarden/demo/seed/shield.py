"""AWS Shield Advanced: the demo account subscribes and protects its hardened distribution."""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext
from cloudwarden.demo.seed import cloudfront as planted_cdn

PROTECTION = "cw-demo-static-site-protection"


def seed(ctx: SeedContext) -> None:
    shield = ctx.client("shield", "us-east-1")
    shield.create_subscription()
    distributions = ctx.client("cloudfront", "us-east-1").list_distributions()["DistributionList"]
    for item in distributions.get("Items", []):
        if item["Comment"] == planted_cdn.SECURE_COMMENT:
            shield.create_protection(Name=PROTECTION, ResourceArn=item["ARN"])
