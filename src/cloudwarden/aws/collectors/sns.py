"""SNS: topics (encryption, access policy, subscription counts) and their subscriptions."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.common import policy_document
from cloudwarden.aws.collectors.mapping import Tags
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


def _flag(value: Any) -> bool:
    return str(value).lower() == "true"


def _count(value: Any) -> int | None:
    return int(value) if value not in (None, "") else None


def _topic(item: Any, ctx: RegionContext) -> Doc:
    arn = item["TopicArn"]
    return {"id": arn, "arn": arn, "name": arn.rsplit(":", 1)[-1]}


def _apply_topic_attributes(doc: Doc, response: Any) -> None:
    attributes = response.get("Attributes", {})
    doc.update(
        display_name=attributes.get("DisplayName") or None,
        owner=attributes.get("Owner"),
        kms_master_key_id=attributes.get("KmsMasterKeyId") or None,
        policy=policy_document(attributes.get("Policy")),
        subscriptions_confirmed=_count(attributes.get("SubscriptionsConfirmed")),
        subscriptions_pending=_count(attributes.get("SubscriptionsPending")),
        subscriptions_deleted=_count(attributes.get("SubscriptionsDeleted")),
        fifo_topic=_flag(attributes.get("FifoTopic")),
        content_based_deduplication=_flag(attributes.get("ContentBasedDeduplication")),
        signature_version=attributes.get("SignatureVersion"),
        tracing_config=attributes.get("TracingConfig"),
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


def _apply_subscription_attributes(doc: Doc, response: Any) -> None:
    attributes = response.get("Attributes", {})
    redrive = policy_document(attributes.get("RedrivePolicy")) or {}
    doc.update(
        pending_confirmation=_flag(attributes.get("PendingConfirmation")),
        confirmation_was_authenticated=_flag(attributes.get("ConfirmationWasAuthenticated")),
        raw_message_delivery=_flag(attributes.get("RawMessageDelivery")),
        filter_policy=policy_document(attributes.get("FilterPolicy")),
        dead_letter_target_arn=redrive.get("deadLetterTargetArn"),
        subscription_role_arn=attributes.get("SubscriptionRoleArn"),
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
                _apply_topic_attributes,
                (
                    "display_name",
                    "owner",
                    "kms_master_key_id",
                    "policy",
                    "subscriptions_confirmed",
                    "subscriptions_pending",
                    "subscriptions_deleted",
                    "fifo_topic",
                    "content_based_deduplication",
                    "signature_version",
                    "tracing_config",
                ),
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
                _apply_subscription_attributes,
                (
                    "pending_confirmation",
                    "confirmation_was_authenticated",
                    "raw_message_delivery",
                    "filter_policy",
                    "dead_letter_target_arn",
                    "subscription_role_arn",
                ),
                when=lambda doc: doc["arn"] is not None,
            ),
        ),
    ),
)
