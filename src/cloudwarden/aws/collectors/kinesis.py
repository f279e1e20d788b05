"""Kinesis Data Streams: streams with their server-side encryption, retention and resource policy.

ListStreams' summaries carry name, ARN, status and mode; DescribeStreamSummary adds encryption
and retention, GetResourcePolicy the policy and ListTagsForStream the tags.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Map, Tags, default, policy
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, listed
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource


@resource_type("aws.kinesis.stream", "A Kinesis data stream: encryption, retention, policy.")
class KinesisStream(Resource):
    """A Kinesis data stream; its id is its name."""

    status: str | None = Field(default=None, description="CREATING, ACTIVE, UPDATING or DELETING.")
    stream_mode: str | None = Field(default=None, description="PROVISIONED or ON_DEMAND.")
    created_at: datetime | None = Field(default=None, description="When it was created.")
    encryption_type: str | None = Field(
        default=None, description="KMS (server-side encryption is on) or NONE."
    )
    kms_key_id: str | None = Field(
        default=None,
        description="The KMS key as given (key ARN, alias name or alias ARN); alias/aws/kinesis "
        "is the AWS managed key. Null when not encrypted.",
    )
    retention_period_hours: int | None = Field(
        default=None, description="How long records are kept, in hours (24 to 8760)."
    )
    open_shard_count: int | None = Field(default=None, description="The open shards.")
    resource_policy: dict[str, Any] | None = Field(
        default=None, description="The stream's resource-based policy, parsed; null if none."
    )


def _stream(item: Any, ctx: RegionContext) -> Doc:
    name = item["StreamName"]
    return {
        "id": name,
        "name": name,
        "arn": item.get("StreamARN") or ctx.arn("kinesis", f"stream/{name}"),
        "status": item.get("StreamStatus"),
        "stream_mode": (item.get("StreamModeDetails") or {}).get("StreamMode"),
        "created_at": item.get("StreamCreationTimestamp"),
    }


def _by_name(doc: Doc) -> dict[str, Any]:
    return {"StreamName": doc["id"]}


def _empty_policy(value: Any) -> dict[str, Any] | None:
    """A policy, or null for the ``{}`` a stream without one answers."""
    return policy(value) or None


collectors.register(
    listed(
        KinesisStream,
        "kinesis",
        "ListStreams",
        "StreamSummaries",
        _stream,
        Detail(
            Call("DescribeStreamSummary", _by_name),
            Map(
                {
                    "encryption_type": ("StreamDescriptionSummary.EncryptionType", default("NONE")),
                    "kms_key_id": "StreamDescriptionSummary.KeyId",
                    "retention_period_hours": "StreamDescriptionSummary.RetentionPeriodHours",
                    "open_shard_count": "StreamDescriptionSummary.OpenShardCount",
                }
            ),
        ),
        Detail(
            Call("GetResourcePolicy", lambda doc: {"ResourceARN": doc["arn"]}),
            Map({"resource_policy": ("Policy", _empty_policy)}),
            absent={"ResourceNotFoundException": {}},
        ),
        Detail(Call("ListTagsForStream", _by_name), Tags()),
    )
)
