"""EventBridge: event buses with their resource policy and encryption.

The policy decides who may put events on a bus (or, with other actions, manage its rules); the
bus is in the account's own region, the default bus included.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, Tags, policy
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


@resource_type(
    "aws.events.event_bus", "An EventBridge event bus (the default bus or a custom one)."
)
class EventBus(Resource):
    """An event bus; its id and name are the bus name."""

    description: str | None = Field(default=None, description="The bus description, if any.")
    policy: dict[str, Any] | None = Field(
        default=None, description="The bus's resource policy, parsed from JSON; null if none."
    )
    kms_key_identifier: str | None = Field(
        default=None,
        description="The customer managed KMS key encrypting its events; null: an AWS owned key.",
    )
    dead_letter_target_arn: str | None = Field(
        default=None,
        description="The SQS queue that receives events the bus failed to encrypt or deliver.",
    )
    creation_time: datetime | None = Field(default=None, description="When it was created.")
    last_modified_time: datetime | None = Field(
        default=None, description="When it was last changed."
    )


def _event_bus(item: Any, ctx: RegionContext) -> Doc:
    return {"id": item["Name"], "arn": item["Arn"], "name": item["Name"]}


collectors.register(
    listed(
        EventBus,
        "events",
        "ListEventBuses",
        "EventBuses",
        _event_bus,
        Detail(
            Call("DescribeEventBus", lambda doc: {"Name": doc["name"]}),
            Map(
                {
                    "description": "Description",
                    "policy": ("Policy", policy),
                    "kms_key_identifier": "KmsKeyIdentifier",
                    "dead_letter_target_arn": "DeadLetterConfig.Arn",
                    "creation_time": "CreationTime",
                    "last_modified_time": "LastModifiedTime",
                }
            ),
        ),
        Detail(Call("ListTagsForResource", lambda doc: {"ResourceARN": doc["arn"]}), Tags()),
    )
)
