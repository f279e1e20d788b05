from __future__ import annotations

from cloudwarden.demo.seed import sqs as planted
from cloudwarden.inventory.inventory import Inventory

QUEUE = "aws.sqs.queue"
ACCOUNT_PATH = "/123456789012/"
"""A queue's id is its URL, whose host is the endpoint's (the emulator's here)."""


def test_sqs_listing_has_no_errors(demo_inventory: Inventory) -> None:
    assert demo_inventory.errors_for(QUEUE) == []


def test_encrypted_queue_with_dead_letter_queue(demo_inventory: Inventory) -> None:
    queue = queue_named(demo_inventory, planted.ORDERS_QUEUE).document()
    assert queue["name"] == planted.ORDERS_QUEUE
    assert queue["url"].endswith(ACCOUNT_PATH + planted.ORDERS_QUEUE)
    assert queue["arn"] == f"arn:aws:sqs:us-east-1:123456789012:{planted.ORDERS_QUEUE}"
    assert queue["kms_master_key_id"] == "alias/cw-demo-data"
    assert queue["kms_data_key_reuse_period_seconds"] == 300
    assert queue["redrive_policy"] == {
        "dead_letter_target_arn": f"arn:aws:sqs:us-east-1:123456789012:{planted.ORDERS_DLQ}",
        "max_receive_count": planted.MAX_RECEIVE_COUNT,
    }
    assert queue["visibility_timeout"] == planted.VISIBILITY_TIMEOUT
    assert queue["message_retention_period"] == 345600
    assert queue["fifo_queue"] is False
    assert queue["policy"] is None
    assert queue["created_timestamp"] is not None
    assert queue["tags"] == planted.TAGS
    assert queue["collection_errors"] == []


def test_dead_letter_queue(demo_inventory: Inventory) -> None:
    dlq = queue_named(demo_inventory, planted.ORDERS_DLQ).document()
    assert dlq["message_retention_period"] == planted.DLQ_RETENTION
    assert dlq["redrive_policy"] is None
    assert dlq["tags"] == {}


def test_public_unencrypted_queue(demo_inventory: Inventory) -> None:
    queue = queue_named(demo_inventory, planted.PUBLIC_QUEUE).document()
    assert queue["kms_master_key_id"] is None
    assert queue["sqs_managed_sse_enabled"] is False
    assert queue["policy"]["Statement"][0]["Principal"] == "*"
    assert queue["collection_errors"] == []


def queue_named(inventory, name):
    """The queue of that name (its URL, the id, carries the endpoint's host)."""
    (queue,) = [r for r in inventory.of_type(QUEUE) if r.name == name]
    return queue
