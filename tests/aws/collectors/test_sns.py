from __future__ import annotations

from cloudwarden.aws.collectors.sns import PENDING, _subscription
from cloudwarden.aws.collectors.spec import RegionContext
from cloudwarden.demo.seed import sns as planted
from cloudwarden.inventory.inventory import Inventory
from tests.conftest import find

TOPIC = "aws.sns.topic"
SUBSCRIPTION = "aws.sns.subscription"
ARN = "arn:aws:sns:us-east-1:123456789012:"


def test_sns_listings_have_no_errors(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(TOPIC) == []
    assert demo_inventory.errors_for(SUBSCRIPTION) == []


def test_encrypted_alerts_topic(demo_inventory: Inventory) -> None:
    topic = find(demo_inventory, TOPIC, ARN + planted.ALERTS_TOPIC).document()
    assert topic["arn"] == ARN + planted.ALERTS_TOPIC
    assert topic["name"] == planted.ALERTS_TOPIC
    assert topic["display_name"] == "Security alerts"
    assert topic["owner"] == "123456789012"
    assert topic["kms_master_key_id"] == "alias/cw-demo-data"
    sids = [statement["Sid"] for statement in topic["policy"]["Statement"]]
    assert sids == ["CloudWatchAlarmsPublish", "AccountManages"]
    assert topic["fifo_topic"] is False
    assert topic["tags"] == planted.TAGS
    # moto never updates SubscriptionsConfirmed/Pending (always 0): only check they are read.
    assert isinstance(topic["subscriptions_confirmed"], int)
    assert topic["collection_errors"] == []


def test_public_unencrypted_topic(demo_inventory: Inventory) -> None:
    topic = find(demo_inventory, TOPIC, ARN + planted.PUBLIC_TOPIC).document()
    assert topic["kms_master_key_id"] is None
    assert topic["policy"]["Statement"][0]["Principal"] == "*"
    assert topic["display_name"] is None
    assert topic["tags"] == {}
    assert topic["collection_errors"] == []


def test_email_subscription_of_alerts_topic(demo_inventory: Inventory) -> None:
    subscriptions = [
        s.document()
        for s in demo_inventory.of_type(SUBSCRIPTION)
        if s.topic_arn == ARN + planted.ALERTS_TOPIC  # type: ignore[attr-defined]
    ]
    assert len(subscriptions) == 1
    subscription = subscriptions[0]
    assert subscription["protocol"] == "email"
    assert subscription["endpoint"] == planted.ALERTS_EMAIL
    assert subscription["id"] == subscription["arn"]
    assert subscription["arn"].startswith(ARN + planted.ALERTS_TOPIC + ":")
    # moto confirms every subscription at once, so it is never pending here.
    assert subscription["pending_confirmation"] is False
    assert subscription["confirmation_was_authenticated"] is True
    assert subscription["raw_message_delivery"] is False
    assert subscription["filter_policy"] is None
    assert subscription["collection_errors"] == []


def test_pending_subscription_has_no_arn() -> None:
    # moto cannot plant an unconfirmed subscription: read a ListSubscriptions item directly.
    topic = ARN + planted.ALERTS_TOPIC
    doc = _subscription(
        {
            "SubscriptionArn": PENDING,
            "Owner": "123456789012",
            "Protocol": "email",
            "Endpoint": "someone@example.com",
            "TopicArn": topic,
        },
        RegionContext("123456789012", "aws", "us-east-1"),
    )
    assert doc["arn"] is None
    assert doc["id"] == f"pending:{topic}:email:someone@example.com"
    assert doc["pending_confirmation"] is True
