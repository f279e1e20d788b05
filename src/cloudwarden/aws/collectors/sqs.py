"""SQS: queues with their encryption, access policy, retention and dead-letter settings."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import policy_document
from cloudwarden.aws.collectors.mapping import (
    Map,
    Tags,
    given,
    nonempty,
    policy,
    text_flag,
    text_int,
)
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource


class RedrivePolicy(Document):
    """Where a queue moves messages it failed to process."""

    dead_letter_target_arn: str = Field(description="The dead-letter queue's ARN.")
    max_receive_count: int = Field(description="Receives before a message is moved there.")


@resource_type("aws.sqs.queue", "An SQS queue: encryption, access policy, dead-letter queue.")
class SqsQueue(Resource):
    """A queue. ``id`` is its URL; ``name`` the last part of it."""

    url: str = Field(description="The queue URL.")
    kms_master_key_id: str | None = Field(
        default=None, description="The KMS key (id, ARN or alias) of SSE-KMS; null if none."
    )
    kms_data_key_reuse_period_seconds: int | None = Field(
        default=None, description="How long a KMS data key is reused, for SSE-KMS."
    )
    sqs_managed_sse_enabled: bool = Field(
        default=False, description="SSE-SQS (encryption with SQS-owned keys) is on."
    )
    policy: dict[str, Any] | None = Field(
        default=None, description="The queue's access policy, parsed; null if none."
    )
    visibility_timeout: int | None = Field(
        default=None, description="Seconds a received message is hidden from other consumers."
    )
    message_retention_period: int | None = Field(
        default=None, description="Seconds messages are kept (60 to 1,209,600)."
    )
    delay_seconds: int | None = Field(default=None, description="Delivery delay in seconds.")
    maximum_message_size: int | None = Field(default=None, description="Largest message, in bytes.")
    receive_message_wait_time_seconds: int | None = Field(
        default=None, description="Long-polling wait; 0 means short polling."
    )
    redrive_policy: RedrivePolicy | None = Field(
        default=None, description="The dead-letter queue configuration; null if none."
    )
    redrive_allow_policy: dict[str, Any] | None = Field(
        default=None,
        description="Which source queues may use this one as dead-letter queue, parsed; null if "
        "unrestricted.",
    )
    fifo_queue: bool = Field(default=False, description="The queue is a FIFO queue.")
    content_based_deduplication: bool = Field(
        default=False, description="FIFO deduplication by message content."
    )
    created_timestamp: datetime | None = Field(
        default=None, description="When the queue was created."
    )


def _queue(item: Any, ctx: RegionContext) -> Doc:
    url = str(item)
    parts = url.rstrip("/").split("/")
    name = parts[-1]
    account = parts[-2] if len(parts) >= 2 and parts[-2].isdigit() else ctx.account_id
    return {
        "id": url,
        "url": url,
        "name": name,
        "arn": f"arn:{ctx.partition}:sqs:{ctx.region}:{account}:{name}",
    }


def _redrive(raw: Any) -> Doc | None:
    policy = policy_document(raw)
    if not policy:
        return None
    return {
        "dead_letter_target_arn": policy["deadLetterTargetArn"],
        "max_receive_count": int(policy["maxReceiveCount"]),
    }


def _epoch(value: Any) -> datetime | None:
    """Seconds since the epoch, sent as a string."""
    return datetime.fromtimestamp(float(value), tz=UTC) if value not in (None, "") else None


_ATTRIBUTES = Map(
    {
        "arn": ("Attributes.QueueArn", given),
        "kms_master_key_id": ("Attributes.KmsMasterKeyId", nonempty),
        "kms_data_key_reuse_period_seconds": ("Attributes.KmsDataKeyReusePeriodSeconds", text_int),
        "sqs_managed_sse_enabled": ("Attributes.SqsManagedSseEnabled", text_flag),
        "policy": ("Attributes.Policy", policy),
        "visibility_timeout": ("Attributes.VisibilityTimeout", text_int),
        "message_retention_period": ("Attributes.MessageRetentionPeriod", text_int),
        "delay_seconds": ("Attributes.DelaySeconds", text_int),
        "maximum_message_size": ("Attributes.MaximumMessageSize", text_int),
        "receive_message_wait_time_seconds": ("Attributes.ReceiveMessageWaitTimeSeconds", text_int),
        "redrive_policy": ("Attributes.RedrivePolicy", _redrive),
        "redrive_allow_policy": ("Attributes.RedriveAllowPolicy", policy),
        "fifo_queue": ("Attributes.FifoQueue", text_flag),
        "content_based_deduplication": ("Attributes.ContentBasedDeduplication", text_flag),
        "created_timestamp": ("Attributes.CreatedTimestamp", _epoch),
    }
)


def _queue_params(doc: Doc) -> dict[str, Any]:
    return {"QueueUrl": doc["url"]}


collectors.register(
    ResourceSpec(
        model=SqsQueue,
        service="sqs",
        # Without MaxResults ListQueues stops at 1,000 queues and gives no NextToken.
        list=Call("ListQueues", lambda _: {"MaxResults": 1000}),
        items="QueueUrls",
        normalize=_queue,
        details=(
            Detail(
                Call(
                    "GetQueueAttributes",
                    lambda doc: {**_queue_params(doc), "AttributeNames": ["All"]},
                ),
                _ATTRIBUTES,
            ),
            Detail(Call("ListQueueTags", _queue_params), Tags(key=None)),
        ),
    )
)
