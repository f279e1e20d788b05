"""SNS: topics (encryption, access policy, subscription counts) and their subscriptions."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import policy_document
from cloudwarden.aws.collectors.mapping import Map, Tags, nonempty, policy, text_flag, text_int
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Resource

PENDING = "PendingConfirmation"
"""The SubscriptionArn that ListSubscriptions gives an unconfirmed subscription."""


@resource_type("aws.sns.topic", "An SNS topic: encryption, access policy, subscriptions.")
class SnsTopic(Resource):
    """A topic. ``id`` is its ARN; ``name`` the last part of it."""

    display_name: str | None = Field(default=None, description="The display name (SMS sender).")
    owner: str | None = Field(default=None, description="The account id owning the topic.")
    kms_master_key_id: str | None = Field(
        default=None,
        description="The KMS key (id, ARN or alias, e.g. alias/aws/sns) of server-side "
        "encryption; null if the topic is not encrypted.",
    )
    policy: dict[str, Any] | None = Field(
        default=None, description="The topic's access policy, parsed from JSON."
    )
    subscriptions_confirmed: int | None = Field(
        default=None, description="Confirmed subscriptions, as the topic reports them."
    )
    subscriptions_pending: int | None = Field(
        default=None, description="Subscriptions awaiting confirmation."
    )
    subscriptions_deleted: int | None = Field(
        default=None, description="Deleted subscriptions still being cleaned up."
    )
    fifo_topic: bool = Field(default=False, description="The topic is a FIFO topic.")
    content_based_deduplication: bool = Field(
        default=False, description="FIFO deduplication by message content."
    )
    signature_version: str | None = Field(
        default=None, description="Message signature version: 1 (SHA1) or 2 (SHA256)."
    )
    tracing_config: str | None = Field(
        default=None, description="X-Ray tracing: PassThrough or Active."
    )


@resource_type("aws.sns.subscription", "A subscription of an endpoint to an SNS topic.")
class SnsSubscription(Resource):
    """A subscription. ``id`` is its ARN, or ``pending:<topic>:<protocol>:<endpoint>`` while it
    awaits confirmation (an unconfirmed subscription has no ARN)."""

    topic_arn: str = Field(description="The topic subscribed to.")
    protocol: str = Field(
        description="http, https, email, email-json, sms, sqs, lambda, firehose or application."
    )
    endpoint: str | None = Field(
        default=None, description="Where messages go: URL, e-mail address, ARN or phone number."
    )
    owner: str | None = Field(default=None, description="The subscription owner's account id.")
    pending_confirmation: bool = Field(description="The subscription is not confirmed yet.")
    confirmation_was_authenticated: bool | None = Field(
        default=None,
        description="The confirmation was authenticated (then unsubscribing needs AWS auth).",
    )
    raw_message_delivery: bool | None = Field(
        default=None, description="Messages are delivered raw, without the SNS envelope."
    )
    filter_policy: dict[str, Any] | None = Field(
        default=None, description="The subscription's filter policy, parsed; null if none."
    )
    dead_letter_target_arn: str | None = Field(
        default=None, description="The SQS queue of undeliverable messages; null if none."
    )
    subscription_role_arn: str | None = Field(
        default=None, description="The role SNS uses to deliver to Firehose."
    )


def _topic(item: Any, ctx: RegionContext) -> Doc:
    arn = item["TopicArn"]
    return {"id": arn, "arn": arn, "name": arn.rsplit(":", 1)[-1]}


_TOPIC_ATTRIBUTES = Map(
    {
        "display_name": ("Attributes.DisplayName", nonempty),
        "owner": "Attributes.Owner",
        "kms_master_key_id": ("Attributes.KmsMasterKeyId", nonempty),
        "policy": ("Attributes.Policy", policy),
        "subscriptions_confirmed": ("Attributes.SubscriptionsConfirmed", text_int),
        "subscriptions_pending": ("Attributes.SubscriptionsPending", text_int),
        "subscriptions_deleted": ("Attributes.SubscriptionsDeleted", text_int),
        "fifo_topic": ("Attributes.FifoTopic", text_flag),
        "content_based_deduplication": ("Attributes.ContentBasedDeduplication", text_flag),
        "signature_version": "Attributes.SignatureVersion",
        "tracing_config": "Attributes.TracingConfig",
    }
)


def _subscription(item: Any, ctx: RegionContext) -> Doc:
    arn = item.get("SubscriptionArn") or PENDING
    confirmed = arn.startswith("arn:")
    topic = item["TopicArn"]
    return {
        "id": arn if confirmed else f"pending:{topic}:{item['Protocol']}:{item.get('Endpoint')}",
        "arn": arn if confirmed else None,
        "topic_arn": topic,
        "protocol": item["Protocol"],
        "endpoint": item.get("Endpoint"),
        "owner": item.get("Owner"),
        "pending_confirmation": arn == PENDING,
    }


def _dead_letter_target(raw: Any) -> Any:
    """The dead-letter queue named by a subscription's RedrivePolicy (JSON), if any."""
    return (policy_document(raw) or {}).get("deadLetterTargetArn")


_SUBSCRIPTION_ATTRIBUTES = Map(
    {
        "pending_confirmation": ("Attributes.PendingConfirmation", text_flag),
        "confirmation_was_authenticated": ("Attributes.ConfirmationWasAuthenticated", text_flag),
        "raw_message_delivery": ("Attributes.RawMessageDelivery", text_flag),
        "filter_policy": ("Attributes.FilterPolicy", policy),
        "dead_letter_target_arn": ("Attributes.RedrivePolicy", _dead_letter_target),
        "subscription_role_arn": "Attributes.SubscriptionRoleArn",
    }
)


collectors.register(
    ResourceSpec(
        model=SnsTopic,
        service="sns",
        list=Call("ListTopics"),
        items="Topics",
        normalize=_topic,
        details=(
            Detail(
                Call("GetTopicAttributes", lambda doc: {"TopicArn": doc["arn"]}),
                _TOPIC_ATTRIBUTES,
            ),
            Detail(
                Call("ListTagsForResource", lambda doc: {"ResourceArn": doc["arn"]}),
                Tags(),
            ),
        ),
    ),
    ResourceSpec(
        model=SnsSubscription,
        service="sns",
        list=Call("ListSubscriptions"),
        items="Subscriptions",
        normalize=_subscription,
        details=(
            Detail(
                Call("GetSubscriptionAttributes", lambda doc: {"SubscriptionArn": doc["arn"]}),
                _SUBSCRIPTION_ATTRIBUTES,
                when=lambda doc: doc["arn"] is not None,
            ),
        ),
    ),
)
