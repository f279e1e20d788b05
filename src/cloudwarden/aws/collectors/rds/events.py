"""RDS event notification subscriptions."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map
from cloudwarden.aws.collectors.rds.base import TAGS
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


@resource_type("aws.rds.event_subscription", "An RDS event notification subscription.")
class EventSubscription(Resource):
    """An RDS event subscription that notifies an SNS topic."""

    sns_topic_arn: str | None = Field(default=None, description="The SNS topic notified.")
    status: str | None = Field(
        default=None, description="active, creating, no-permission, topic-not-exist..."
    )
    enabled: bool = Field(default=False, description="The subscription sends notifications.")
    source_type: str | None = Field(
        default=None,
        description="db-instance, db-cluster, db-parameter-group, db-security-group, "
        "db-snapshot...; null means every source type.",
    )
    source_ids: list[str] = Field(
        default_factory=list, description="The sources watched; empty means all of the type."
    )
    event_categories: list[str] = Field(
        default_factory=list, description="Event categories sent; empty means all categories."
    )


_SUBSCRIPTION = Map(
    {
        "sns_topic_arn": "SnsTopicArn",
        "status": "Status",
        "enabled": "Enabled",
        "source_type": "SourceType",
        "source_ids": "SourceIdsList",
        "event_categories": "EventCategoriesList",
    },
    present_only=True,
)


def _event_subscription(item: Any, ctx: RegionContext) -> Doc:
    name = item["CustSubscriptionId"]
    return {
        "id": name,
        "name": name,
        "arn": item.get("EventSubscriptionArn"),
        **_SUBSCRIPTION.read(item),
    }


collectors.register(
    listed(
        EventSubscription,
        "rds",
        "DescribeEventSubscriptions",
        "EventSubscriptionsList",
        _event_subscription,
        TAGS,
    )
)
