"""AWS Shield Advanced: the account's subscription and the resources it protects (global)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec, Scope
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


@resource_type("aws.shield.subscription", "The account's AWS Shield Advanced subscription.")
class ShieldSubscription(Resource):
    """One per account; ``subscribed`` is false when the account has no Shield Advanced."""

    subscribed: bool = Field(
        default=False, description="The account subscribes to Shield Advanced."
    )
    auto_renew: str | None = Field(default=None, description="ENABLED or DISABLED.")
    start_time: datetime | None = Field(default=None, description="When the subscription began.")
    end_time: datetime | None = Field(default=None, description="When the commitment ends.")


@resource_type("aws.shield.protection", "A resource protected by AWS Shield Advanced.")
class ShieldProtection(Resource):
    """A Shield Advanced protection; its id is the protection id."""

    resource_arn: str = Field(
        description="The protected resource (distribution, hosted zone, load balancer, EIP...)."
    )
    health_check_arns: list[str] = Field(
        default_factory=list, description="Route 53 health checks used for health-based detection."
    )


def _subscription(_item: Any, ctx: RegionContext) -> Doc:
    return {
        "id": ctx.account_id,
        "arn": f"arn:{ctx.partition}:shield::{ctx.account_id}:subscription",
        "name": "shield-advanced",
    }


def _protection(item: Any, ctx: RegionContext) -> Doc:
    return {
        "id": item["Id"],
        "arn": item.get("ProtectionArn")
        or f"arn:{ctx.partition}:shield::{ctx.account_id}:protection/{item['Id']}",
        "name": item.get("Name"),
        "resource_arn": item["ResourceArn"],
        "health_check_arns": list(item.get("HealthCheckIds") or ()),
    }


collectors.register(
    ResourceSpec(
        model=ShieldSubscription,
        service="shield",
        scope=Scope.GLOBAL,
        normalize=_subscription,
        details=(
            Detail(
                Call("DescribeSubscription"),
                Map(
                    {
                        "subscribed": ("Subscription", lambda found: found is not None),
                        "auto_renew": "Subscription.AutoRenew",
                        "start_time": "Subscription.StartTime",
                        "end_time": "Subscription.EndTime",
                    }
                ),
                absent={"ResourceNotFoundException": {}},
            ),
        ),
    ),
    ResourceSpec(
        model=ShieldProtection,
        service="shield",
        scope=Scope.GLOBAL,
        list=Call("ListProtections"),
        items="Protections",
        normalize=_protection,
    ),
)
