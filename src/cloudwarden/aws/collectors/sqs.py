"""SQS: queues with their encryption, access policy, retention and dead-letter settings."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import policy_document
from cloudwarden.aws.collectors.mapping import Tags
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


def _int(value: Any) -> int | None:
    return int(value) if value not in (None, "") else None


def _flag(value: Any) -> bool:
    return str(value).lower() == "true"


def _redrive(raw: Any) -> Doc | None:
    policy = policy_document(raw)
    if not policy:
        return None
    return {
        "dead_letter_target_arn": policy["deadLetterTargetArn"],
        "max_receive_count": int(policy["maxReceiveCount"]),
    }


def _apply_attributes(doc: Doc, response: Any) -> None:
    attributes = response.get("Attributes", {})
    created = attributes.get("CreatedTimestamp")
    doc.update(
        arn=attributes.get("QueueArn") or doc["arn"],
        kms_master_key_id=attributes.get("KmsMasterKeyId") or None,
        kms_data_key_reuse_period_seconds=_int(attributes.get("KmsDataKeyReusePeriodSeconds")),
        sqs_managed_sse_enabled=_flag(attributes.get("SqsManagedSseEnabled")),
        policy=policy_document(attributes.get("Policy")),
        visibility_timeout=_int(attributes.get("VisibilityTimeout")),
        message_retention_period=_int(attributes.get("MessageRetentionPeriod")),
        delay_seconds=_int(attributes.get("DelaySeconds")),
        maximum_message_size=_int(attributes.get("MaximumMessageSize")),
        receive_message_wait_time_seconds=_int(attributes.get("ReceiveMessageWaitTimeSeconds")),
        redrive_policy=_redrive(attributes.get("RedrivePolicy")),
        redrive_allow_policy=policy_document(attributes.get("RedriveAllowPolicy")),
        fifo_queue=_flag(attributes.get("FifoQueue")),
        content_based_deduplication=_flag(attributes.get("ContentBasedDeduplication")),
        created_timestamp=(
            datetime.fromtimestamp(float(created), tz=UTC) if created not in (None, "") else None
        ),
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
                _apply_attributes,
                (
                    "arn",
                    "kms_master_key_id",
                    "kms_data_key_reuse_period_seconds",
                    "sqs_managed_sse_enabled",
                    "policy",
                    "visibility_timeout",
                    "message_retention_period",
                    "delay_seconds",
                    "maximum_message_size",
                    "receive_message_wait_time_seconds",
                    "redrive_policy",
                    "redrive_allow_policy",
                    "fifo_queue",
                    "content_based_deduplication",
                    "created_timestamp",
                ),
            ),
            Detail(Call("ListQueueTags", _queue_params), Tags(key=None)),
        ),
    )
)
